import type { SourceOverview } from '../../../actions/harvest/overview.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { countsLine, HARVEST_STYLE, kindName, RunStatus, when } from './parts.tsx';
import { SourceForm, type FormState } from './source-form.tsx';

/** A notice after a form worked, or a problem with a source's button, shown above the table. */
export interface ListNotice {
  kind: 'success' | 'error';
  text: string;
}

/** The buttons of one source: run it now and load its data (when it is harvested), change it, remove it. */
function SourceActions({ o, csrf }: { o: SourceOverview; csrf: string }) {
  const t = useT();
  const { source } = o;
  const base = `/admin/harvest/${encodeURIComponent(source.id)}`;
  return (
    <div class="actions">
      {source.harvest ? (
        <>
          <form method="post" action={`${base}/run`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="usa-button usa-button--outline" aria-label={t.t('harvest.runNowOf', { name: source.name })}>
              {t.t('harvest.runNow')}
            </button>
          </form>
          <form method="post" action={`${base}/load`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="usa-button usa-button--outline" aria-label={t.t('harvest.loadDataOf', { name: source.name })}>
              {t.t('harvest.loadData')}
            </button>
          </form>
        </>
      ) : null}
      <a href={`${base}/edit`} aria-label={t.t('harvest.editOf', { name: source.name })}>
        {t.t('harvest.edit')}
      </a>
      <a href={`${base}/remove`} aria-label={t.t('harvest.removeOf', { name: source.name })}>
        {t.t('harvest.remove')}
      </a>
    </div>
  );
}

function Sources({ sources, csrf }: { sources: SourceOverview[]; csrf: string }) {
  const t = useT();
  if (!sources.length) return <p>{t.t('harvest.none')}</p>;
  return (
    <Wide labelledBy="sources">
      <Table columns={[t.t('harvest.colName'), t.t('harvest.colKind'), t.t('harvest.colAddress'), t.t('harvest.colRoles'), t.t('harvest.colSchedule'), t.t('harvest.colLastRun'), t.t('harvest.colActions')]}>
        {sources.map((o) => {
          const { source, lastRun } = o;
          const roles = [source.harvest ? t.t('harvest.roleHarvested') : '', source.peer ? t.t('harvest.rolePeer') : ''].filter(Boolean).join(', ');
          return (
            <tr key={source.id}>
              <th scope="row">
                <a href={`/admin/harvest/${encodeURIComponent(source.id)}`}>{source.name}</a>
              </th>
              <td>{kindName(t, source.kind)}</td>
              <td class="address">{maskUrl(source.url)}</td>
              <td>{roles}</td>
              <td>{source.harvest ? (source.scheduleHours === null ? t.t('harvest.onDemand') : t.t('harvest.everyHours', { hours: source.scheduleHours })) : '—'}</td>
              <td>
                {lastRun ? (
                  <>
                    <RunStatus run={lastRun} /> <a href={`/admin/harvest/runs/${encodeURIComponent(lastRun.id)}`}>{when(t, lastRun.finishedAt ?? lastRun.startedAt)}</a>
                    {lastRun.finishedAt ? <div class="meta">{countsLine(t, lastRun.counts)}</div> : null}
                  </>
                ) : (
                  t.t('harvest.neverRun')
                )}
              </td>
              <td>
                <SourceActions o={o} csrf={csrf} />
              </td>
            </tr>
          );
        })}
      </Table>
    </Wide>
  );
}

/** `/admin/harvest`: the sources and peers, their last runs and buttons, and the form adding one. */
export function harvestListPage(pc: PageContext, sources: SourceOverview[], form: FormState, notice?: ListNotice): SafeHtml {
  const { t } = pc;
  return renderPage(
    <Layout title={t.t('harvest.title')} styles={HARVEST_STYLE}>
      <p class="meta">
        <a href="/admin/settings">{t.t('harvest.siteSettings')}</a>
      </p>
      <h1>{t.t('harvest.title')}</h1>
      <p>{t.t('harvest.intro')}</p>
      {notice ? (
        <div class={`usa-alert usa-alert--${notice.kind} notice`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {ruleText(t, notice.text)}
        </div>
      ) : null}
      <h2 id="sources">{t.t('harvest.sources')}</h2>
      <Sources sources={sources} csrf={form.csrf} />
      <h2 id="add">{t.t('harvest.addTitle')}</h2>
      <SourceForm action="/admin/harvest" state={form} adding />
    </Layout>,
    pc,
  );
}
