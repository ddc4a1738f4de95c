import type { LinkedDataset, LinkedRequest } from '../../../actions/community/read-problem-links.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { FormField } from '../components/FormField.tsx';
import { useT } from '../components/page-context.ts';
import { statusLabel } from './labels.ts';
import { problemHref } from './map-view.tsx';

/** What the problem page's linked datasets section needs. */
export interface LinksState {
  links: LinkedDataset[];
  /** The requests linked to it that the reader may see. */
  requests?: LinkedRequest[] | undefined;
  /** For triagers with a session: the datasets and open requests they may link, and their CSRF token. */
  form?: {
    csrf: string;
    datasets: Array<{ id: string; slug: string; title: string }>;
    chosen?: string | undefined;
    error?: string | undefined;
    requests?: Array<{ id: string; title: string }> | undefined;
    chosenRequest?: string | undefined;
    requestError?: string | undefined;
  } | undefined;
}

export const LINKS_STYLE = `.linked{padding-left:1.25rem}.linked li{margin:.4rem 0}.linked form{display:inline;margin-left:.5rem}.linked .usa-button{margin:0;padding:.25rem .6rem;font-size:.9rem}form.link-form{max-width:32rem}`;

/** The datasets that bear on a problem, linked by staff; for triagers, the forms to link another or unlink one. */
export function LinkedDatasets({ problem, s }: { problem: Problem; s: LinksState }) {
  const t = useT();
  const action = `${problemHref(problem.id)}/links`;
  return (
    <section aria-labelledby="linked">
      <h2 id="linked">{t.t('problemMaps.linkedHeading')}</h2>
      {s.links.length ? (
        <ul class="linked">
          {s.links.map((l) => (
            <li key={l.dataset.id}>
              <a href={`/datasets/${encodeURIComponent(l.dataset.slug)}`}>{l.dataset.title}</a> <span class="meta">({t.t('problemMaps.linkedOn', { date: t.date(l.linkedAt) })})</span>
              {s.form ? (
                <form method="post" action={`${action}/remove`}>
                  <input type="hidden" name="_csrf" value={s.form.csrf} />
                  <input type="hidden" name="target" value={l.dataset.id} />
                  <button type="submit" class="usa-button usa-button--unstyled">{t.t('problemMaps.unlink', { title: l.dataset.title })}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('problemMaps.noLinks')}</p>
      )}
      {s.form ? (
        <form method="post" action={action} class="usa-form link-form">
          <input type="hidden" name="_csrf" value={s.form.csrf} />
          <FormField name="target" label={t.t('problemMaps.linkLabel')} hint={t.t('problemMaps.linkHint')} error={s.form.error}>
            {(a) => (
              <select {...a} class="usa-select" required>
                <option value="">{t.t('problems.choose')}</option>
                {s.form!.datasets.map((d) => (
                  <option key={d.id} value={d.slug} selected={s.form!.chosen === d.slug}>{d.title}</option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" class="usa-button usa-button--outline">{t.t('problemMaps.link')}</button>
        </form>
      ) : null}
      <LinkedRequests action={action} s={s} />
    </section>
  );
}

/** Within the linked section: the requests that bear on the problem, and for triagers the forms to link an open request or unlink one. */
function LinkedRequests({ action, s }: { action: string; s: LinksState }) {
  const t = useT();
  const requests = s.requests ?? [];
  const form = s.form;
  return (
    <>
      <h3 id="linked-requests">{t.t('problemRequestLinks.heading')}</h3>
      {requests.length ? (
        <ul class="linked">
          {requests.map((l) => (
            <li key={l.request.id}>
              <a href={`/requests/${encodeURIComponent(l.request.id)}`}>{l.request.title}</a> <span class="meta">({t.t('problemMaps.linkedOn', { date: t.date(l.linkedAt) })})</span>
              {form ? (
                <form method="post" action={`${action}/remove`}>
                  <input type="hidden" name="_csrf" value={form.csrf} />
                  <input type="hidden" name="kind" value="request" />
                  <input type="hidden" name="target" value={l.request.id} />
                  <button type="submit" class="usa-button usa-button--unstyled">{t.t('problemMaps.unlink', { title: l.request.title })}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('problemRequestLinks.none')}</p>
      )}
      {form ? (
        <form method="post" action={action} class="usa-form link-form">
          <input type="hidden" name="_csrf" value={form.csrf} />
          <input type="hidden" name="kind" value="request" />
          <FormField name="request" label={t.t('problemRequestLinks.label')} hint={t.t('problemRequestLinks.hint')} error={form.requestError}>
            {(a) => (
              <select {...a} class="usa-select" required>
                <option value="">{t.t('problems.choose')}</option>
                {(form.requests ?? []).map((r) => (
                  <option key={r.id} value={r.id} selected={form.chosenRequest === r.id}>{r.title}</option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" class="usa-button usa-button--outline">{t.t('problemRequestLinks.link')}</button>
        </form>
      ) : null}
    </>
  );
}

/**
 * The problems a dataset (or, with `messages` "problemRequestLinks", a
 * request) bears on, each with its status; nothing when there are none.
 */
export function BearingProblems({ problems, messages = 'problemMaps' }: { problems: Problem[]; messages?: 'problemMaps' | 'problemRequestLinks' }) {
  const t = useT();
  if (!problems.length) return null;
  return (
    <section aria-labelledby="bearing">
      <h2 id="bearing">{t.t(`${messages}.bearingHeading`)}</h2>
      <p>{t.t(`${messages}.bearingIntro`)}</p>
      <ul>
        {problems.map((p) => (
          <li key={p.id}>
            <a href={problemHref(p.id)}>{p.title}</a> <span class="usa-tag">{statusLabel(t, p.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a request's page: the problems it bears on. */
export const RequestBearingProblems = ({ problems }: { problems: Problem[] }) => <BearingProblems problems={problems} messages="problemRequestLinks" />;
