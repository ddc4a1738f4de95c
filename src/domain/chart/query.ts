import type { RecordsRequest } from '../query/index.ts';
import type { ColumnInfo } from '../table/types.ts';
import type { Translator } from '../i18n/translator.ts';
import { formatDate } from './format.ts';
import { CHART_EN } from './words.ts';
import { isNumeric, isTemporal, MAX_POINTS, MAX_SERIES, xLabelOf, yLabelOf, type Bucket, type ChartSpec, type XKind } from './spec.ts';

export interface ChartPoint {
  /** A number or a time (milliseconds) on number and time axes; the value's text on category axes. */
  x: number | string;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

/** What the renderer draws: series of points with their axes' meaning, and notes on what was left out. */
export interface ChartData {
  spec: ChartSpec;
  xKind: XKind;
  xLabel: string;
  /** The label of the column whose values name the series, when there is one. */
  groupLabel?: string | undefined;
  yLabel: string;
  series: ChartSeries[];
  /** The precision x values are written at on time axes and for dates on category axes. */
  xUnit: Bucket | 'time';
  /** Histogram bin width, in x units. */
  binWidth?: number | undefined;
  notes: string[];
}

/** Output names of the chart's queries; plain names no column list can clash with inside a query. */
const X = 'chart_x';
const Y = 'chart_y';
const S = 'chart_s';

/** A column name quoted for the records query language. */
export const col = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** A number as query-language text (exponents included). */
const num = (n: number): string => (n < 0 ? `(${String(n)})` : String(n));

const filtered = (spec: ChartSpec, ...conditions: string[]): string | undefined => {
  const all = [...(spec.where ? [`(${spec.where})`] : []), ...conditions];
  return all.length ? all.join(' AND ') : undefined;
};

/** The x axis's kind for a chart: bars are always categories. */
export function xKindOf(spec: ChartSpec, x: ColumnInfo): XKind {
  if (spec.type === 'bar') return 'category';
  if (spec.type === 'histogram' || isNumeric(x.type)) return 'number';
  return isTemporal(x.type) ? 'time' : 'category';
}

/** Bars of text or yes/no categories read best largest first; numbers and dates keep their order. */
const byValue = (spec: ChartSpec, columns: ColumnInfo[]): boolean => {
  const t = columns.find((c) => c.name === spec.x)?.type;
  return spec.type === 'bar' && t !== undefined && !isNumeric(t) && !isTemporal(t);
};

/** The records query for a bar, line, area or scatter chart; histograms use `histogramRangeRequest` then `histogramRequest`. */
export function chartRequest(spec: ChartSpec, columns: ColumnInfo[]): RecordsRequest {
  const group = spec.group ? `, ${col(spec.group)} AS ${S}` : '';
  if (spec.type === 'scatter') {
    return { select: `${col(spec.x)} AS ${X}, ${col(spec.y!)} AS ${Y}${group}`, where: filtered(spec, `${col(spec.x)} IS NOT NULL`, `${col(spec.y!)} IS NOT NULL`), limit: MAX_POINTS + 1 };
  }
  const x = spec.bucket ? `date_trunc('${spec.bucket}', ${col(spec.x)})` : col(spec.x);
  const y = spec.agg === 'count' ? 'count(*)' : `${spec.agg}(${col(spec.y!)})`;
  const where = spec.type === 'bar' ? filtered(spec) : filtered(spec, `${col(spec.x)} IS NOT NULL`);
  return {
    select: `${x} AS ${X}${group}, ${y} AS ${Y}`,
    group_by: spec.group ? `${X}, ${S}` : X,
    order_by: spec.group ? `${X}, ${S}` : byValue(spec, columns) ? `${Y} DESC, ${X}` : X,
    ...(where ? { where } : {}),
    limit: MAX_POINTS + 1,
  };
}

/** The smallest and largest x, for a histogram's bins. */
export function histogramRangeRequest(spec: ChartSpec): RecordsRequest {
  return { select: `min(${col(spec.x)}) AS lo, max(${col(spec.x)}) AS hi`, ...(spec.where ? { where: spec.where } : {}) };
}

/** Equal-width bins from `lo` to `hi`: the width, or undefined when there is nothing to bin. */
export function binWidth(spec: ChartSpec, lo: number, hi: number): number | undefined {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  return hi > lo ? (hi - lo) / spec.bins : 1;
}

/** Counts of x by bin: each value is moved down to the start of its bin. */
export function histogramRequest(spec: ChartSpec, lo: number, width: number): RecordsRequest {
  const x = col(spec.x);
  return { select: `${x} - ((${x} - ${num(lo)}) % ${num(width)}) AS ${X}, count(*) AS ${Y}`, group_by: X, order_by: X, where: filtered(spec, `${x} IS NOT NULL`), limit: MAX_POINTS + 1 };
}

const keyOf = (v: unknown): string => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A value from a date, timestamp or number column as a position on the axis; NaN when it has none. */
export function position(kind: XKind, v: unknown): number {
  if (v === null || v === undefined || v === '') return NaN;
  if (kind === 'time') {
    const s = String(v);
    return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  }
  return Number(v);
}

/** Turns the query's rows into series, keeping the largest series and saying what was left out. */
export function toChartData(spec: ChartSpec, columns: ColumnInfo[], rows: Record<string, unknown>[], binW?: number, t: Translator = CHART_EN): ChartData {
  const x = columns.find((c) => c.name === spec.x)!;
  const yLabel = yLabelOf(spec, columns, t);
  const kind = xKindOf(spec, x);
  const unit: Bucket | 'time' = spec.bucket ?? (x.type === 'timestamp' ? 'time' : 'day');
  // Dates drawn as categories (bars) are labelled at the period's precision.
  const category = (v: unknown): string => (isTemporal(x.type) && v !== null && v !== undefined ? formatDate(position('time', v), unit, t.lang) : keyOf(v));
  const notes: string[] = [];
  let kept = rows;
  if (rows.length > MAX_POINTS) {
    kept = rows.slice(0, MAX_POINTS);
    notes.push(t.t('chart.noteFirst', { max: MAX_POINTS, scatter: spec.type === 'scatter' ? 'yes' : 'no' }));
  }
  const bySeries = new Map<string, ChartPoint[]>();
  for (const r of kept) {
    const y = Number(r[Y]);
    if (r[Y] === null || !Number.isFinite(y)) continue;
    const px = kind === 'category' ? category(r[X]) : position(kind, r[X]);
    if (typeof px === 'number' && !Number.isFinite(px)) continue;
    const name = spec.group ? keyOf(r[S]) : yLabel;
    let list = bySeries.get(name);
    if (!list) bySeries.set(name, (list = []));
    list.push({ x: px, y });
  }
  let series = [...bySeries].map(([name, points]) => ({ name, points }));
  if (series.length > MAX_SERIES) {
    const size = (s: ChartSeries) => s.points.reduce((t, p) => t + Math.abs(p.y), 0);
    const total = series.length;
    series = [...series].sort((a, b) => size(b) - size(a)).slice(0, MAX_SERIES);
    notes.push(t.t('chart.noteSeries', { max: MAX_SERIES, total }));
  }
  if (spec.type === 'histogram' && binW !== undefined) series = series.map((s) => ({ ...s, points: mergeBins(s.points, spec.bins, binW) }));
  return { spec, xKind: kind, xUnit: unit, xLabel: xLabelOf(spec, columns, t), groupLabel: columns.find((c) => c.name === spec.group)?.label, yLabel, series, binWidth: binW, notes };
}

/** Bins moved down by `%` can land a hair off their start, and the largest value makes a bin of its own: both are folded back in. */
function mergeBins(points: ChartPoint[], bins: number, width: number): ChartPoint[] {
  if (!points.length) return points;
  const lo = Math.min(...points.map((p) => p.x as number));
  const counts = new Array<number>(bins).fill(0);
  for (const p of points) counts[Math.min(bins - 1, Math.max(0, Math.round(((p.x as number) - lo) / width)))]! += p.y;
  return counts.map((y, i) => ({ x: lo + i * width, y }));
}
