import type { ShowcaseDetail } from '../../../actions/showcases/read-showcases.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { ReportForm, type ReportFormState } from '../moderation/report-form.tsx';
import { ShowcasePicture } from './picture.tsx';
import { CopiedFrom } from '../peers/copied-from.tsx';

export interface ShowcasePageState {
  csrf: string | undefined;
  widths: readonly number[];
  notice?: string | undefined;
  values?: Record<string, string> | undefined;
  errors?: Record<string, string> | undefined;
  /** The report form as sent, when it was refused. */
  report?: ReportFormState | undefined;
  /** The peer a copied showcase came from. */
  originPeer?: string | null | undefined;
}

const STYLE = `.showcase-hero img{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px}.showcase-text{white-space:pre-line;overflow-wrap:anywhere;max-width:44rem}
.moderation form{max-width:32rem;margin:1rem 0}.moderation .usa-textarea{height:5rem}
details.report{margin:.5rem 0}details.report summary{cursor:pointer;color:#1a4480;text-decoration:underline}form.report-form{max-width:32rem;margin-top:.5rem}`;

function Moderation({ d, s }: { d: ShowcaseDetail; s: ShowcasePageState }) {
  const t = useT();
  const id = encodeURIComponent(d.showcase.id);
  const e = s.errors ?? {};
  return (
    <section class="moderation" aria-labelledby="moderation">
      <h2 id="moderation">{t.t('showcases.moderation')}</h2>
      {e.form ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {ruleText(t, e.form)}
        </div>
      ) : null}
      {d.showcase.state !== 'approved' ? (
        <form method="post" action={`/showcases/${id}/approve`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit" class="usa-button">{t.t('showcases.approve')}</button>
        </form>
      ) : null}
      {d.showcase.state !== 'rejected' ? (
        <form method="post" action={`/showcases/${id}/reject`} class="usa-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <FormField name="reason" label={t.t('showcases.rejectReason')} hint={t.t('showcases.rejectReasonHint')} error={e.reason}>
            {(a) => <textarea {...a} class="usa-textarea" maxLength={2000} required>{s.values?.reason ?? ''}</textarea>}
          </FormField>
          <button type="submit" class="usa-button usa-button--secondary">{t.t('showcases.reject')}</button>
        </form>
      ) : null}
    </section>
  );
}

/** `/showcases/{id}`: one showcase, its image, its link, the datasets it uses, and the moderators' decision. */
export function showcasePage(pc: PageContext, d: ShowcaseDetail, s: ShowcasePageState): SafeHtml {
  const t = pc.t;
  const x = d.showcase;
  return renderPage(
    <Layout title={x.title} description={x.description.slice(0, 200)} styles={STYLE}>
      {s.notice ? (
        <div class="usa-alert usa-alert--success" role="status">
          {s.notice}
        </div>
      ) : null}
      {x.state === 'pending' ? <p class="usa-alert usa-alert--info">{t.t('showcases.pendingNote')}</p> : null}
      {x.state === 'rejected' ? <p class="usa-alert usa-alert--warning">{t.t('showcases.rejectedNote', { reason: x.stateReason ?? '' })}</p> : null}
      <p>
        <a href="/showcases">{t.t('showcases.title')}</a>
      </p>
      <span class="usa-tag">{t.t(`showcases.kind.${x.kind}`)}</span>
      <h1>{x.title}</h1>
      <p>{t.t('showcases.madeBy', { name: x.madeBy })}</p>
      <CopiedFrom url={x.originUrl} peer={s.originPeer} />
      <div class="showcase-hero">
        <ShowcasePicture s={x} widths={s.widths} sizes="(max-width: 48em) 100vw, 48rem" />
      </div>
      <p class="showcase-text">{x.description}</p>
      <p>
        <a class="usa-button" href={x.link} rel="nofollow ugc noopener" target="_blank">
          {t.t('showcases.visit', { title: x.title })}
        </a>
      </p>
      <h2>{t.t('showcases.usesHeading')}</h2>
      <ul>
        {d.datasets.map((ds) => (
          <li key={ds.id}>
            <a href={`/datasets/${encodeURIComponent(ds.slug)}`}>{ds.title}</a>
          </li>
        ))}
      </ul>
      {s.csrf && x.state === 'approved' ? (
        <ReportForm idPrefix="report-showcase" action={`/showcases/${encodeURIComponent(x.id)}/report`} csrf={s.csrf} label={t.t('moderation.reportShowcase')} state={s.report} />
      ) : null}
      {d.mayReview && s.csrf ? <Moderation d={d} s={s} /> : null}
    </Layout>,
    pc,
  );
}
