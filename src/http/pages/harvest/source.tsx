import type { HarvestRun, HarvestSource } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { BackToSources, countsLine, HARVEST_STYLE, kindName, RunStatus, when } from './parts.tsx';
import { SourceForm, type FormState } from './source-form.tsx';

/** What a source is: its kind, address, roles and schedule. */
function SourceFacts({ source }: { source: HarvestSource }) {
  const t = useT();
  return (
    <dl>
      <dt>{t.t('harvest.colKind')}</dt>
      <dd>{kindName(t, source.kind)}</dd>
      <dt>{t.t('harvest.colAddress')}</dt>
      <dd class="address">{maskUrl(source.url)}</dd>
      <dt>{t.t('harvest.colRoles')}</dt>
      <dd>{[source.harvest ? t.t('harvest.roleHarvested') : '', source.peer ? t.t('harvest.rolePeer') : ''].filter(Boolean).join(', ') || '—'}</dd>
      <dt>{t.t('harvest.colSchedule')}</dt>
      <dd>
        {source.harvest ? (source.scheduleHours === null ? t.t('harvest.onDemand') : t.t('harvest.everyHours', { hours: source.scheduleHours })) : '—'}
        {source.harvest && source.nextRunAt ? ` · ${t.t('harvest.nextRun', { when: when(t, source.nextRunAt) })}` : ''}
      </dd>
    </dl>
  );
}

/** `/admin/harvest/{id}`: a source and its runs, newest first. */
export function sourcePage(pc: PageContext, source: HarvestSource, runs: HarvestRun[], csrf: string, notice?: string): SafeHtml {
  const { t } = pc;
  const base = `/admin/harvest/${encodeURIComponent(source.id)}`;
  return renderPage(
    <Layout title={source.name} styles={HARVEST_STYLE}>
      <BackToSources />
      <h1>{source.name}</h1>
      {notice ? (
        <div class="usa-alert usa-alert--success notice" role="status">
          {notice}
        </div>
      ) : null}
      <SourceFacts source={source} />
      <div class="actions">
        {source.harvest ? (
          <form method="post" action={`${base}/run`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="usa-button">
              {t.t('harvest.runNow')}
            </button>
          </form>
        ) : null}
        <a href={`${base}/edit`}>{t.t('harvest.edit')}</a>
        <a href={`${base}/remove`}>{t.t('harvest.remove')}</a>
      </div>
      <h2 id="runs">{t.t('harvest.runs')}</h2>
      {runs.length ? (
        <Wide labelledBy="runs">
          <Table columns={[t.t('harvest.colStarted'), t.t('harvest.colStatus'), t.t('harvest.colCounts'), t.t('harvest.colTrigger')]}>
            {runs.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/admin/harvest/runs/${encodeURIComponent(r.id)}`}>{when(t, r.startedAt)}</a>
                </th>
                <td>
                  <RunStatus run={r} />
                </td>
                <td>{r.finishedAt ? countsLine(t, r.counts) : '—'}</td>
                {/* Triggers: harvest.trigger.manual, harvest.trigger.schedule, harvest.trigger.first-start. */}
                <td>{t.t(`harvest.trigger.${r.trigger}`)}</td>
              </tr>
            ))}
          </Table>
        </Wide>
      ) : (
        <p>{t.t('harvest.noRuns')}</p>
      )}
    </Layout>,
    pc,
  );
}

/** `/admin/harvest/{id}/edit`: a source's name, address, roles and schedule as a form. */
export function editSourcePage(pc: PageContext, source: HarvestSource, form: FormState): SafeHtml {
  const { t } = pc;
  return renderPage(
    <Layout title={t.t('harvest.editTitle', { name: source.name })} styles={HARVEST_STYLE}>
      <BackToSources />
      <h1>{t.t('harvest.editTitle', { name: source.name })}</h1>
      <p>{t.t('harvest.editIntro', { kind: kindName(t, source.kind) })}</p>
      <SourceForm action={`/admin/harvest/${encodeURIComponent(source.id)}/edit`} state={form} adding={false} />
    </Layout>,
    pc,
  );
}

/** `/admin/harvest/{id}/remove`: the confirmation a removal asks for, a plain form. */
export function removeSourcePage(pc: PageContext, source: HarvestSource, csrf: string): SafeHtml {
  const { t } = pc;
  const base = `/admin/harvest/${encodeURIComponent(source.id)}`;
  return renderPage(
    <Layout title={t.t('harvest.removeTitle', { name: source.name })} styles={HARVEST_STYLE}>
      <BackToSources />
      <h1>{t.t('harvest.removeTitle', { name: source.name })}</h1>
      <p>{t.t('harvest.removeText')}</p>
      <form method="post" action={`${base}/remove`} class="actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="usa-button usa-button--secondary">
          {t.t('harvest.removeConfirm')}
        </button>
        <a href="/admin/harvest">{t.t('harvest.keep')}</a>
      </form>
    </Layout>,
    pc,
  );
}
