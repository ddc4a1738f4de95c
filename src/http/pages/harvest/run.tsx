import type { HarvestRun, HarvestSource } from '../../../domain/harvest/types.ts';
import { Layout } from '../components/Layout.tsx';
import type { PageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import { renderPage } from '../components/render.tsx';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { BackToSources, Counts, HARVEST_STYLE, RunStatus, when } from './parts.tsx';

/** `/admin/harvest/runs/{id}`: one run's report. A run still queued or running says so and offers to look again. */
export function runPage(pc: PageContext, source: HarvestSource, run: HarvestRun): SafeHtml {
  const { t } = pc;
  const busy = run.status === 'queued' || run.status === 'running';
  const title = t.t('harvest.runTitle', { name: source.name, when: when(t, run.startedAt) });
  return renderPage(
    <Layout title={title} styles={HARVEST_STYLE}>
      <BackToSources />
      <p class="meta">
        <a href={`/admin/harvest/${encodeURIComponent(source.id)}`}>{source.name}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <RunStatus run={run} />
      </p>
      {busy ? (
        <div class="usa-alert usa-alert--info" role="status">
          {t.t(run.status === 'queued' ? 'harvest.queuedText' : 'harvest.runningText')} <a href={`/admin/harvest/runs/${encodeURIComponent(run.id)}`}>{t.t('harvest.reload')}</a>
        </div>
      ) : null}
      {run.message ? (
        <div class={`usa-alert ${run.status === 'failed' ? 'usa-alert--error' : 'usa-alert--warning'} run-message`} role="alert">
          {ruleText(t, run.message)}
        </div>
      ) : null}
      <h2 id="counts">{t.t('harvest.whatHappened')}</h2>
      <Counts counts={run.counts} />
      <dl>
        <dt>{t.t('harvest.since')}</dt>
        <dd>{run.since ? t.t('harvest.incremental', { when: when(t, run.since) }) : t.t('harvest.full')}</dd>
        <dt>{t.t('harvest.bytes')}</dt>
        <dd>{t.t('harvest.bytesValue', { kb: Math.ceil(run.bytes / 1024) })}</dd>
        <dt>{t.t('harvest.colStarted')}</dt>
        <dd>{when(t, run.startedAt)}</dd>
        <dt>{t.t('harvest.finished')}</dt>
        <dd>{run.finishedAt ? when(t, run.finishedAt) : '—'}</dd>
        <dt>{t.t('harvest.colTrigger')}</dt>
        <dd>{t.t(`harvest.trigger.${run.trigger}`)}</dd>
      </dl>
      <h2 id="errors">{t.t('harvest.errors')}</h2>
      {run.errors.length ? (
        <>
          {run.counts.errors > run.errors.length ? <p class="meta">{t.t('harvest.errorsShown', { shown: run.errors.length, count: run.counts.errors })}</p> : null}
          <Wide labelledBy="errors">
            <Table columns={[t.t('harvest.colIdentifier'), t.t('harvest.colTitle'), t.t('harvest.colReason')]}>
              {run.errors.map((e, i) => (
                <tr key={i}>
                  <td class="address">{e.identifier ?? '—'}</td>
                  <td>{e.title ?? '—'}</td>
                  <td>{ruleText(t, e.reason)}</td>
                </tr>
              ))}
            </Table>
          </Wide>
        </>
      ) : (
        <p>{t.t('harvest.noErrors')}</p>
      )}
    </Layout>,
    pc,
  );
}
