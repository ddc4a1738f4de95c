import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { formatNumber, formatX } from '../../../domain/chart/format.ts';
import type { ChartData } from '../../../domain/chart/query.ts';
import { AGGREGATE_NAMES, AGGREGATES, BUCKETS, CHART_TYPES, chartable, chartQuery, DEFAULT_BINS, isNumeric, MAX_BINS, TYPE_NAMES, type ChartField, type ChartForm, type ChartProblem } from '../../../domain/chart/spec.ts';
import { ChartSvg, chartTitle } from '../../../domain/chart/svg.tsx';
import type { ColumnInfo } from '../../../domain/table/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { hiddenTabs } from './about.tsx';
import { DatasetFrame } from './frame.tsx';

/** What the chart view shows under its form: a chart, the problems with the settings, or why there is nothing to draw. */
export type ChartOutcome = { kind: 'chart'; data: ChartData } | { kind: 'problems'; problems: ChartProblem[] } | { kind: 'closed'; message: string };

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
      <select id={id} name={name} style={CONTROL} aria-invalid={problem ? 'true' : undefined} aria-describedby={described || undefined}>
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

const columnOptions = (cols: ColumnInfo[]): Array<[string, string]> => cols.map((c) => [c.name, `${c.label} (${c.type})`]);

/** The chart's settings as a GET form: submitting it gives the chart's own URL. */
function ChartSettings({ action, form, columns, problems }: { action: string; form: ChartForm; columns: ColumnInfo[]; problems: ChartProblem[] }) {
  const cols = chartable(columns);
  const problem = (f: ChartField) => problems.filter((p) => p.field === f).map((p) => p.message).join(' ') || undefined;
  return (
    <form id="chart-form" method="get" action={action} aria-labelledby="chart-settings">
      <h2 id="chart-settings">Chart settings</h2>
      <div style="display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-start;margin:0 0 .75rem">
        <Select name="type" label="Chart type" value={form.type || 'bar'} options={CHART_TYPES.map((t) => [t, TYPE_NAMES[t]])} problem={problem('type')} />
        <Select name="x" label="X axis" value={form.x} options={[['', 'Choose a column'], ...columnOptions(cols)]} problem={problem('x')} />
        <Select name="agg" label="Y value" value={form.agg || 'count'} options={AGGREGATES.map((a) => [a, AGGREGATE_NAMES[a]])} problem={problem('agg')} help="Count needs no y column." />
        <Select name="y" label="Y axis column" value={form.y} options={[['', 'None'], ...columnOptions(cols.filter((c) => isNumeric(c.type)))]} problem={problem('y')} />
        <Select name="group" label="Series (one per value of)" value={form.group} options={[['', 'None'], ...columnOptions(cols.filter((c) => c.type !== 'decimal'))]} problem={problem('group')} />
        <Select name="bucket" label="Group dates by" value={form.bucket} options={[['', 'No grouping'], ...BUCKETS.map((b): [string, string] => [b, b[0]!.toUpperCase() + b.slice(1)])]} problem={problem('bucket')} />
        <div style={FIELD}>
          <label for="chart-bins">Histogram bins</label>
          <input id="chart-bins" name="bins" type="number" min={2} max={MAX_BINS} placeholder={String(DEFAULT_BINS)} value={form.bins} style={CONTROL} aria-invalid={problem('bins') ? 'true' : undefined} aria-describedby={problem('bins') ? 'chart-bins-problem' : undefined} />
          {problem('bins') ? (
            <strong id="chart-bins-problem" style="color:#a4000f">
              {problem('bins')}
            </strong>
          ) : null}
        </div>
      </div>
      <div style={`${FIELD};max-width:40rem;margin:0 0 .75rem`}>
        <label for="chart-where">Only rows where (optional)</label>
        <input id="chart-where" name="where" type="text" value={form.where} style={CONTROL} aria-describedby={`chart-where-help${problem('where') ? ' chart-where-problem' : ''}`} aria-invalid={problem('where') ? 'true' : undefined} />
        <small id="chart-where-help" class="meta">
          A condition in the <a href="/api/reference">records query language</a>, such as <code>year(date) = 2016</code>.
        </small>
        {problem('where') ? (
          <strong id="chart-where-problem" style="color:#a4000f">
            {problem('where')}
          </strong>
        ) : null}
      </div>
      <button type="submit">Draw chart</button>
    </form>
  );
}

/** Every drawn value as a table: rows are x values, columns are series. The chart's text alternative. */
function DataTable({ data }: { data: ChartData }) {
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
  const xHead = data.spec.type === 'histogram' ? `${data.xLabel} (bin from)` : data.xLabel;
  return (
    <details open={keys.length <= 40}>
      <summary>Data table ({keys.length.toLocaleString('en-US')} rows)</summary>
      <div class="scroll" tabIndex={0} role="region" aria-label="Chart data">
        <table>
          <caption>{chartTitle(data)}</caption>
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
                <th scope="row">{formatX(data.xKind, k, data.xUnit)}</th>
                {data.series.map((_, i) => {
                  const v = cells.get(`${i}\u0000${String(k)}`);
                  return <td key={i}>{v === undefined ? '' : formatNumber(v)}</td>;
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
  if (outcome.kind === 'closed') return <p>{outcome.message}</p>;
  if (outcome.kind === 'problems') {
    return (
      <div role="alert">
        <p>
          <strong>This chart cannot be drawn yet:</strong>
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
        <p key={n} class="badge warn">
          {n}
        </p>
      ))}
      {empty ? <p>No rows match these settings, so there is nothing to draw.</p> : null}
      <figure style="margin:0 0 .75rem">
        <ChartSvg data={data} />
      </figure>
      <p id="chart-downloads">
        Download this chart: <a href={svgUrl} download>SVG image</a>
      </p>
      {empty ? null : <DataTable data={data} />}
    </>
  );
}

export interface ChartPageProps {
  siteName: string;
  d: DatasetDetail;
  form: ChartForm;
  outcome: ChartOutcome;
  user?: LayoutUser | undefined;
  scripts?: string[];
}

/** The chart builder: settings, the chart drawn on the server, its downloads and its data. */
export function chartPage({ siteName, d, form, outcome, user, scripts }: ChartPageProps): SafeHtml {
  const base = `/datasets/${d.dataset.slug}`;
  const query = chartQuery(form);
  return renderPage(
    <DatasetFrame d={d} tab="chart" siteName={siteName} user={user} scripts={scripts} hidden={hiddenTabs(d)}>
      {outcome.kind === 'closed' ? null : (
        <section class="card">
          <ChartSettings action={`${base}/chart`} form={form} columns={d.live?.columns ?? []} problems={outcome.kind === 'problems' ? outcome.problems : []} />
        </section>
      )}
      <section id="chart-result" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Chart</h2>
        <Result outcome={outcome} svgUrl={`${base}/chart.svg${query ? `?${query}` : ''}`} />
      </section>
    </DatasetFrame>,
  );
}
