import type { ModerationQueue, QueueEntry } from '../../../actions/community/moderation/queue.ts';
import { REPORT_REASONS } from '../../../domain/community/reports.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { UserText } from '../components/user-link.tsx';
import { ModerateForm, type ModerationStep } from './moderate-form.tsx';

/** What the queue page shows beside the queue: its forms' CSRF token, a notice, and a refused form. */
export interface QueuePageState {
  csrf: string;
  notice?: string | undefined;
  /** The form that was refused: its item (`kind:id`), what it did, the reason as typed and the refusal. */
  refused?: { key: string; does: ModerationStep; reason: string; error: string } | undefined;
}

const STYLE = `.queue{list-style:none;padding:0}.queue>li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem;overflow-wrap:anywhere}
.queue h2{font-size:1.15rem;margin:0 0 .25rem}.queue .reasons{display:flex;flex-wrap:wrap;gap:.25rem .5rem;list-style:none;padding:0}.queue .text{white-space:pre-line}
.queue .forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 1.5rem}.queue .usa-textarea{height:4rem}.queue form{max-width:none}`;

const keyOf = (e: Pick<QueueEntry, 'kind' | 'itemId'>): string => `${e.kind}:${e.itemId}`;

function Entry({ e, s, n }: { e: QueueEntry; s: QueuePageState; n: number }) {
  const t = useT();
  const base = `/moderation/${encodeURIComponent(e.kind)}/${encodeURIComponent(e.itemId)}`;
  const refused = s.refused?.key === keyOf(e) ? s.refused : undefined;
  const form = (does: 'hide' | 'show' | 'dismiss') => (
    <ModerateForm idPrefix={`item-${n}`} action={`${base}/${does === 'dismiss' ? 'dismiss' : 'visibility'}`} csrf={s.csrf} does={does} reason={refused?.does === does ? refused.reason : undefined} error={refused?.does === does ? refused.error : undefined} />
  );
  return (
    <li>
      <article aria-labelledby={`item-${n}-title`}>
        <h2 id={`item-${n}-title`}>
          {t.t(`moderation.kind.${e.kind}`)} · {t.t('moderation.reports', { count: e.count })}
          {e.item?.hidden ? <span class="usa-tag margin-left-1">{t.t('moderation.hiddenTag')}</span> : null}
        </h2>
        {e.item ? (
          <p class="text">
            <a href={e.item.path}>{e.item.text}</a>
          </p>
        ) : (
          <p>{t.t('moderation.gone')}</p>
        )}
        <ul class="reasons" aria-label={t.t('moderation.reasonsHeading')}>
          {REPORT_REASONS.filter((r) => e.reasons[r]).map((r) => (
            <li key={r} class="usa-tag usa-tag--big">
              {t.t('moderation.reasonCount', { reason: t.t(`moderation.reason.${r}`), count: e.reasons[r]! })}
            </li>
          ))}
        </ul>
        {e.notes.length ? (
          <>
            <p class="meta">{t.t('moderation.notes')}</p>
            <ul>
              {e.notes.map((note, i) => (
                <li key={i}>
                  <UserText text={note} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="meta">{t.t('moderation.reportedBetween', { first: t.date(e.firstAt), last: t.date(e.lastAt) })}</p>
        {e.item ? (
          <div class="forms">
            {form(e.item.hidden ? 'show' : 'hide')}
            {form('dismiss')}
          </div>
        ) : (
          <div class="forms">{form('dismiss')}</div>
        )}
      </article>
    </li>
  );
}

/** A problem posted without an account, with the forms to approve or decline it. */
function Held({ p, s, n }: { p: Problem; s: QueuePageState; n: number }) {
  const t = useT();
  const base = `/moderation/held/${encodeURIComponent(p.id)}`;
  const refused = s.refused?.key === `held:${p.id}` ? s.refused : undefined;
  const form = (does: 'approve' | 'decline') => (
    <ModerateForm idPrefix={`held-${n}`} action={`${base}/${does}`} csrf={s.csrf} does={does} reason={refused?.does === does ? refused.reason : undefined} error={refused?.does === does ? refused.error : undefined} />
  );
  return (
    <li>
      <article aria-labelledby={`held-${n}-title`}>
        <h3 id={`held-${n}-title`}>
          <a href={`/problems/${encodeURIComponent(p.id)}`}>{p.title}</a>
        </h3>
        <p class="text">
          <UserText text={p.description.length > 300 ? `${p.description.slice(0, 300)}…` : p.description} />
        </p>
        <p class="meta">{t.t('moderation.heldTag')} · {t.date(p.createdAt)}</p>
        <div class="forms">
          {form('approve')}
          {form('decline')}
        </div>
      </article>
    </li>
  );
}

/** `/moderation`: the items people reported, the most reported first, with the forms to hide, show again or dismiss. */
export function moderationPage(pc: PageContext, queue: ModerationQueue, s: QueuePageState): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('moderation.title')} styles={STYLE}>
      <h1>{t.t('moderation.title')}</h1>
      <p class="usa-intro">{t.t('moderation.lead')}</p>
      {s.notice ? (
        <p class="usa-alert usa-alert--success" role="status">
          {s.notice}
        </p>
      ) : null}
      {queue.held.total ? (
        <section aria-labelledby="held">
          <h2 id="held">{t.t('moderation.held', { count: queue.held.total })}</h2>
          <ol class="queue">
            {queue.held.results.map((p, i) => (
              <Held key={p.id} p={p} s={s} n={i} />
            ))}
          </ol>
        </section>
      ) : null}
      {queue.results.length ? (
        <ol class="queue">
          {queue.results.map((e, i) => (
            <Entry key={keyOf(e)} e={e} s={s} n={i} />
          ))}
        </ol>
      ) : (
        <p>{t.t('moderation.empty')}</p>
      )}
    </Layout>,
    pc,
  );
}
