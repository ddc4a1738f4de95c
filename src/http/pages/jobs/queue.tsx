import type { QueueView } from '../../../actions/jobs/admin.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';

/** A notice after a retry worked, or why it did not. */
export interface QueueNotice {
  kind: 'success' | 'error';
  text: string;
}

const STYLE = `form.inline{display:inline}form.inline .usa-button{margin:0}.owner,.error{overflow-wrap:anywhere}
dl.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0 0 1rem}dl.counts div{display:flex;gap:.35rem}dl.counts dd{margin:0;font-weight:700}`;

/** An instant as a date and the time to the second, in UTC. */
const when = (t: Translator, iso: string | null | undefined): string => (iso ? t.t('jobs.at', { date: t.date(iso), time: iso.slice(11, 19) }) : '—');

/** What the job is, for a row's header: its kind and the start of its id. */
const jobName = (j: Job): string => `${j.type} ${j.id.slice(0, 8)}`;

/** The last thing the job's attempts said. */
const lastError = (j: Job): string => j.errors.at(-1)?.message ?? '—';

function Figures({ view }: { view: QueueView }) {
  const t = useT();
  const s = view.stats;
  return (
    <dl class="counts">
      <div>
        <dt>{t.t('jobs.queued')}</dt>
        <dd>{t.t('jobs.count', { count: s.queued })}</dd>
      </div>
      <div>
        <dt>{t.t('jobs.running')}</dt>
        <dd>{t.t('jobs.count', { count: s.running })}</dd>
      </div>
      <div>
        <dt>{t.t('jobs.dead')}</dt>
        <dd>{t.t('jobs.count', { count: s.dead })}</dd>
      </div>
      <div>
        <dt>{t.t('jobs.oldest')}</dt>
        <dd>{s.queued ? t.t('jobs.seconds', { count: Math.round(s.oldestQueuedAgeSeconds) }) : '—'}</dd>
      </div>
    </dl>
  );
}

function Running({ jobs }: { jobs: Job[] }) {
  const t = useT();
  if (!jobs.length) return <p>{t.t('jobs.noneRunning')}</p>;
  return (
    <Wide labelledBy="running">
      <Table columns={[t.t('jobs.colJob'), t.t('jobs.colPhase'), t.t('jobs.colOwner'), t.t('jobs.colLease'), t.t('jobs.colAttempts'), t.t('jobs.colRequest')]}>
        {jobs.map((j) => (
          <tr key={j.id}>
            <th scope="row">{jobName(j)}</th>
            <td>{j.phase}</td>
            <td class="owner">{j.owner ?? '—'}</td>
            <td>{when(t, j.leaseExpiresAt)}</td>
            <td>{j.attempts ?? 0}</td>
            <td class="owner">{j.requestId ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </Wide>
  );
}

function Dead({ jobs, csrf }: { jobs: Job[]; csrf: string }) {
  const t = useT();
  if (!jobs.length) return <p>{t.t('jobs.noneDead')}</p>;
  return (
    <Wide labelledBy="dead">
      <Table columns={[t.t('jobs.colJob'), t.t('jobs.colFailed'), t.t('jobs.colAttempts'), t.t('jobs.colError'), t.t('jobs.colActions')]}>
        {jobs.map((j) => (
          <tr key={j.id}>
            <th scope="row">{jobName(j)}</th>
            <td>{when(t, j.finishedAt)}</td>
            <td>{j.attempts ?? 0}</td>
            <td class="error">{lastError(j)}</td>
            <td>
              <form method="post" action={`/admin/jobs/${encodeURIComponent(j.id)}/retry`} class="inline">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" class="usa-button usa-button--outline" aria-label={t.t('jobs.retryOf', { job: jobName(j) })}>
                  {t.t('jobs.retry')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </Table>
    </Wide>
  );
}

/** `/admin/jobs`: the queue's figures, the running jobs with the worker holding each, and the dead letters with a Retry button. */
export function queuePage(pc: PageContext, view: QueueView, csrf: string, notice?: QueueNotice): SafeHtml {
  const { t } = pc;
  return renderPage(
    <Layout title={t.t('jobs.title')} styles={STYLE}>
      <p class="meta">
        <a href="/admin/settings">{t.t('jobs.siteSettings')}</a>
      </p>
      <h1>{t.t('jobs.title')}</h1>
      <p>{t.t('jobs.intro')}</p>
      {notice ? (
        <div class={`usa-alert usa-alert--${notice.kind} notice`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {ruleText(t, notice.text)}
        </div>
      ) : null}
      <Figures view={view} />
      <h2 id="running">{t.t('jobs.runningTitle')}</h2>
      <Running jobs={view.running} />
      <h2 id="dead">{t.t('jobs.deadTitle')}</h2>
      <p>{t.t('jobs.deadIntro')}</p>
      <Dead jobs={view.dead} csrf={csrf} />
    </Layout>,
    pc,
  );
}
