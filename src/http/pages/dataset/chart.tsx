import { useT, type PageContext } from '../components/page-context.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { formatNumber, formatX } from '../../../domain/chart/format.ts';
import type { ChartData } from '../../../domain/chart/query.ts';
import { AGGREGATES, BUCKETS, CHART_TYPES, chartable, chartQuery, DEFAULT_BINS, isNumeric, MAX_BINS, type ChartField, type ChartForm, type ChartProblem } from '../../../domain/chart/spec.ts';
import { ChartSvg, chartTitle } from '../../../domain/chart/svg.tsx';
import { isMeasure } from '../../../domain/table/roles.ts';
import type { ColumnInfo } from '../../../domain/table/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { hiddenTabs } from './about.tsx';
import { DatasetFrame } from './frame.tsx';

/** What the chart view shows under its form: a chart, the problems with the settings, or why there is nothing to draw. */
export type ChartOutcome = { kind: 'chart'; data: ChartData } | { kind: 'problems'; problems: ChartProblem[]; status?: number } | { kind: 'closed'; reason: ClosedReason } | { kind: 'unchosen' };
/** Why there is no chart at all: the dataset has no data yet, or the reader must sign in to read it. */
export type ClosedReason = 'noData' | 'signIn';

/** The sentence saying why a chart is closed, in the reader's language. */
export const closedMessage = (t: Translator, reason: ClosedReason): string => t.t(reason === 'signIn' ? 'chart.closedSignIn' : 'chart.closedNoData');

const FIELD = 'display:flex;flex-direction:column;gap:.2rem;min-width:11rem';
const CONTROL = 'padding:.35rem;font:inherit';

interface SelectProps {
  name: ChartField;
  label: string;
  value: string;
  options: Array<[string, string]>;
  problem?: string | undefined;
  help?: string;
}

function Select({ name, label, value, options, problem, help }: SelectProps) {
  const id = `chart-${name}`;
  const described = [problem ? `${id}-problem` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ');
  return (
    <div style={FIELD}>
      <label for={id}>{label}</label>
      <select id={id} name={name} style={CONTROL} aria-invalid={problem ? 'true' : undefined} aria-describedby={described || undefined} class="usa-select">
        {options.map(([v, text]) => (
          <option key={v} value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
      {help ? (
        <small id={`${id}-help`} class="meta">
          {help}
        </small>
      ) : null}
      {problem ? (
        <strong id={`${id}-problem`} style="color:#a4000f">
          {problem}
        </strong>
      ) : null}
    </div>
  );
}

const columnOptions = (t: Translator, cols: ColumnInfo[]): Array<[string, string]> => cols.map((c) => [c.name, `${c.label} (${t.t(`dataset.type.${c.type}`)})`]);

/** The chart's settings as a GET form: submitting it gives the chart's own URL. */
function ChartSettings({ action, form, columns, problems }: { action: string; form: ChartForm; columns: ColumnInfo[]; problems: ChartProblem[] }) {
  const cols = chartable(columns);
  const problem = (f: ChartField) => problems.filter((p) => p.field === f).map((p) => p.message).join(' ') || undefined;
  const t = useT();
  // Option names: chart.type.*, chart.agg.* and chart.bucket.* for each chart type, aggregate and period.
  return (
    <form id="chart-form" method="get" action={action} aria-labelledby="chart-settings">
      <h2 id="chart-settings">{t.t('chart.settings')}</h2>
      <div style="display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-start;margin:0 0 .75rem">
        <Select name="type" label={t.t('chart.typeLabel')} value={form.type || 'bar'} options={CHART_TYPES.map((x) => [x, t.t(`chart.type.${x}`)])} problem={problem('type')} />
        <Select name="x" label={t.t('chart.xAxis')} value={form.x} options={[['', t.t('chart.chooseColumn')], ...columnOptions(t, cols)]} problem={problem('x')} />
        <Select name="agg" label={t.t('chart.yValue')} value={form.agg || 'count'} options={AGGREGATES.map((a) => [a, t.t(`chart.agg.${a}`)])} problem={problem('agg')} {...((form.agg || 'count') === 'count' ? { help: t.t('chart.countHelp') } : {})} />
        <Select name="y" label={t.t('chart.yAxis')} value={form.y} options={[['', t.t('chart.none')], ...columnOptions(t, cols.filter((c) => isNumeric(c.type) && isMeasure(c)))]} problem={problem('y')} />
        <Select name="group" label={t.t('chart.series')} value={form.group} options={[['', t.t('chart.none')], ...columnOptions(t, cols.filter((c) => c.type !== 'decimal'))]} problem={problem('group')} />
        <Select name="bucket" label={t.t('chart.groupDates')} value={form.bucket} options={[['', t.t('chart.noGrouping')], ...BUCKETS.map((b): [string, string] => [b, t.t(`chart.bucket.${b}`)])]} problem={problem('bucket')} />
        <div style={FIELD}>
          <label for="chart-bins">{t.t('chart.bins')}</label>
          <input id="chart-bins" name="bins" type="number" min={2} max={MAX_BINS} placeholder={String(DEFAULT_BINS)} value={form.bins} style={CONTROL} aria-invalid={problem('bins') ? 'true' : undefined} aria-describedby={problem('bins') ? 'chart-bins-problem' : undefined} class="usa-input" />
          {problem('bins') ? (
            <strong id="chart-bins-problem" style="color:#a4000f">
              {problem('bins')}
            </strong>
          ) : null}
        </div>
      </div>
      <div style={`${FIELD};max-width:40rem;margin:0 0 .75rem`}>
        <label for="chart-where">{t.t('chart.where')}</label>
        <input id="chart-where" name="where" type="text" value={form.where} style={CONTROL} aria-describedby={`chart-where-help${problem('where') ? ' chart-where-problem' : ''}`} aria-invalid={problem('where') ? 'true' : undefined} class="usa-input" />
        <small id="chart-where-help" class="meta">
          {t.t('chart.whereHelpBefore')} <a href="/api/reference">{t.t('chart.whereHelpLink')}</a>
          {t.t('chart.whereHelpAfter')} <code>year(date) = 2016</code>.
        </small>
        {problem('where') ? (
          <strong id="chart-where-problem" style="color:#a4000f">
            {problem('where')}
          </strong>
        ) : null}
      </div>
      <button type="submit" class="usa-button">{t.t('chart.draw')}</button>
    </form>
  );
}

/** Every drawn value as a table: rows are x values, columns are series. The chart's text alternative. */
function DataTable({ data }: { data: ChartData }) {
  const t = useT();
  const keys: Array<number | string> = [];
  const seen = new Set<string>();
  const cells = new Map<string, number>();
  for (const [i, s] of data.series.entries()) {
    for (const p of s.points) {
      const k = String(p.x);
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(p.x);
      }
      cells.set(`${i}\u0000${k}`, p.y);
    }
  }
  if (data.xKind !== 'category') (keys as number[]).sort((a, b) => a - b);
  const xHead = data.spec.type === 'histogram' ? t.t('chart.binFrom', { x: data.xLabel }) : data.xLabel;
  return (
    <details open={keys.length <= 40}>
      <summary>{t.t('chart.dataTable', { count: keys.length })}</summary>
      <div class="scroll" tabIndex={0} role="region" aria-label={t.t('chart.data')}>
        <table class="usa-table usa-table--compact">
          <caption>{chartTitle(data, t)}</caption>
          <thead>
            <tr>
              <th scope="col">{xHead}</th>
              {data.series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={String(k)}>
                <th scope="row">{formatX(data.xKind, k, data.xUnit, t.lang)}</th>
                {data.series.map((_, i) => {
                  const v = cells.get(`${i}\u0000${String(k)}`);
                  return <td key={i}>{v === undefined ? '' : formatNumber(v, t.lang)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Result({ outcome, svgUrl }: { outcome: ChartOutcome; svgUrl: string }) {
  const t = useT();
  if (outcome.kind === 'closed') return <p>{closedMessage(t, outcome.reason)}</p>;
  if (outcome.kind === 'unchosen') return <p>{t.t('chart.unchosen')}</p>;
  if (outcome.kind === 'problems') {
    return (
      <div role="alert">
        <p>
          <strong>{t.t('chart.cannotDraw')}</strong>
        </p>
        <ul>
          {outcome.problems.map((p, i) => (
            <li key={i}>
              <a href={`#chart-${p.field}`}>{p.message}</a>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const { data } = outcome;
  const empty = data.series.every((s) => s.points.length === 0);
  return (
    <>
      {data.notes.map((n) => (
        <p key={n} class="usa-tag warn badge">
          {n}
        </p>
      ))}
      {empty ? <p>{t.t('chart.empty')}</p> : null}
      <figure style="margin:0 0 .75rem">
        <ChartSvg data={data} t={t} />
      </figure>
      <p id="chart-downloads">
        {t.t('chart.downloadThis')}{' '}
        <a href={svgUrl} download>
          {t.t('chart.svgImage')}
        </a>
      </p>
      {empty ? null : <DataTable data={data} />}
    </>
  );
}

export interface ChartPageProps {
  pc: PageContext;
  d: DatasetDetail;
  form: ChartForm;
  outcome: ChartOutcome;
  scripts?: string[];
}

/** The chart builder: settings, the chart drawn on the server, its downloads and its data. */
export function chartPage({ pc, d, form, outcome, scripts }: ChartPageProps): SafeHtml {
  const base = `/datasets/${d.dataset.slug}`;
  const query = chartQuery(form);
  return renderPage(
    <DatasetFrame d={d} tab="chart" scripts={scripts} hidden={hiddenTabs(d)}>
      {outcome.kind === 'closed' ? null : (
        <section class="card">
          <ChartSettings action={`${base}/chart`} form={form} columns={d.live?.columns ?? []} problems={outcome.kind === 'problems' ? outcome.problems : []} />
        </section>
      )}
      <section id="chart-result" aria-labelledby="chart-heading" data-png={pc.t.t('chart.pngImage')} data-updated={pc.t.pick('chart.updated')['chart.updated']} data-failed={pc.t.t('chart.failed')}>
        <h2 id="chart-heading">{pc.t.t('chart.heading')}</h2>
        <Result outcome={outcome} svgUrl={`${base}/chart.svg${query ? `?${query}` : ''}`} />
      </section>
    </DatasetFrame>,
    pc,
  );
}
