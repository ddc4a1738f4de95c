import type { Translator } from '../i18n/translator.ts';
import { isMeasure, roleOf } from '../table/roles.ts';
import type { ColumnInfo, ColumnType } from '../table/types.ts';
import { CHART_EN } from './words.ts';

/** The kinds of chart the chart builder draws. */
export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'histogram'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** How the y value of each x is computed from the rows. */
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** Periods a date or timestamp x axis can be grouped by (the query language's `date_trunc` units). */
export const BUCKETS = ['day', 'week', 'month', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** How the x axis places values: along numbers, along time, or as separate categories. */
export type XKind = 'number' | 'time' | 'category';


/** At most this many points are drawn; the chart says when there were more. */
export const MAX_POINTS = 2_000;
/** At most this many series (values of the group column) are drawn: the largest ones. */
export const MAX_SERIES = 12;
export const DEFAULT_BINS = 20;
export const MAX_BINS = 100;

/** Everything that defines a chart; its URL's query parameters hold exactly this. */
export interface ChartSpec {
  type: ChartType;
  x: string;
  y?: string | undefined;
  agg: Aggregate;
  group?: string | undefined;
  bucket?: Bucket | undefined;
  bins: number;
  where?: string | undefined;
}

/** The chart's settings as the reader sent them, before checking: what the form shows again. */
export type ChartForm = Record<'type' | 'x' | 'y' | 'agg' | 'group' | 'bucket' | 'bins' | 'where', string>;

export type ChartField = keyof ChartForm;
export interface ChartProblem {
  field: ChartField;
  message: string;
}

export type ChartCheck = { ok: true; spec: ChartSpec; form: ChartForm } | { ok: false; problems: ChartProblem[]; form: ChartForm };

export const isNumeric = (t: ColumnType): boolean => t === 'integer' || t === 'decimal';
export const isTemporal = (t: ColumnType): boolean => t === 'date' || t === 'timestamp';
/** Columns that can be drawn at all (not places). */
export const chartable = (columns: ColumnInfo[]): ColumnInfo[] => columns.filter((c) => c.type !== 'geometry');

const text = (v: unknown, max: number): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
};

/** Reads the form's fields from URL query parameters; anything not a string becomes empty. */
export function readChartForm(query: Record<string, unknown>): ChartForm {
  return {
    type: text(query.type, 20),
    x: text(query.x, 200),
    y: text(query.y, 200),
    agg: text(query.agg, 20),
    group: text(query.group, 200),
    bucket: text(query.bucket, 20),
    bins: text(query.bins, 10),
    where: text(query.where, 4_000),
  };
}

/** True when the URL asks for no chart in particular, so a starting chart can be offered. */
export const isBlank = (form: ChartForm): boolean => Object.values(form).every((v) => v === '');

const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined => list.find((x) => x === v);

/** Checks the settings against the dataset's columns and says, field by field, what cannot be drawn. */
export function checkChart(form: ChartForm, columns: ColumnInfo[], t: Translator = CHART_EN): ChartCheck {
  const problems: ChartProblem[] = [];
  const problem = (field: ChartField, message: string) => problems.push({ field, message });
  const cols = new Map(chartable(columns).map((c) => [c.name, c]));
  const type = form.type === '' ? 'bar' : oneOf(CHART_TYPES, form.type);
  const kindOf = (c: ColumnInfo) => t.t('chart.columnType', { type: c.type });
  if (!type) problem('type', t.t('chart.problem.type', { value: form.type, list: CHART_TYPES.join(', ') }));
  const agg = form.agg === '' ? 'count' : oneOf(AGGREGATES, form.agg);
  if (!agg) problem('agg', t.t('chart.problem.agg', { value: form.agg, list: AGGREGATES.join(', ') }));
  const bucket = form.bucket === '' ? undefined : oneOf(BUCKETS, form.bucket);
  if (form.bucket !== '' && !bucket) problem('bucket', t.t('chart.problem.bucket', { value: form.bucket, list: BUCKETS.join(', ') }));
  const bins = form.bins === '' ? DEFAULT_BINS : Number(form.bins);
  if (!Number.isInteger(bins) || bins < 2 || bins > MAX_BINS) problem('bins', t.t('chart.problem.bins', { max: MAX_BINS }));

  const column = (field: 'x' | 'y' | 'group'): ColumnInfo | undefined => {
    const name = form[field];
    if (name === '') return undefined;
    const c = cols.get(name);
    if (!c) problem(field, t.t('chart.problem.noColumn', { name }));
    return c;
  };
  const x = column('x');
  const y = column('y');
  const group = column('group');
  if (form.x === '') problem('x', t.t('chart.problem.chooseX'));

  const needsY = type === 'scatter' || (type !== 'histogram' && agg !== undefined && agg !== 'count');
  if (type && x) {
    if (type === 'histogram' && !isNumeric(x.type)) problem('x', t.t('chart.problem.histogramX', { column: x.label, type: kindOf(x) }));
    if (type === 'scatter' && !isNumeric(x.type) && !isTemporal(x.type)) problem('x', t.t('chart.problem.scatterX', { column: x.label, type: kindOf(x) }));
    if (bucket && !isTemporal(x.type)) problem('bucket', t.t('chart.problem.bucketNotDate', { bucket, column: x.label, type: kindOf(x) }));
    if (bucket && (type === 'scatter' || type === 'histogram')) problem('bucket', t.t('chart.problem.bucketDrawsAll', { type }));
  }
  if (needsY && form.y === '') problem('y', type === 'scatter' ? t.t('chart.problem.scatterY') : t.t('chart.problem.chooseY', { agg: agg! }));
  if (needsY && y && !isNumeric(y.type)) problem('y', type === 'scatter' ? t.t('chart.problem.yNotNumber', { column: y.label, type: kindOf(y) }) : t.t('chart.problem.yNotNumberAgg', { agg: agg!, column: y.label, type: kindOf(y) }));
  if (needsY && y && isNumeric(y.type) && (agg === 'sum' || agg === 'avg') && type !== 'scatter' && !isMeasure(y)) problem('y', t.t('chart.problem.yNotMeasure', { agg, column: y.label, role: roleOf(y) }));
  if (group && type === 'histogram') problem('group', t.t('chart.problem.groupHistogram'));
  if (problems.length || !type || !agg || !x) return { ok: false, problems, form };
  return {
    ok: true,
    form,
    spec: { type, x: x.name, y: needsY ? y?.name : undefined, agg: type === 'scatter' || type === 'histogram' ? 'count' : agg, group: group?.name, bucket, bins, where: form.where || undefined },
  };
}

/** The URL query string that reproduces a chart (empty settings left out). */
export function chartQuery(form: Partial<ChartForm>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v) p.set(k, v);
  return p.toString();
}

/** The y axis's name: what is counted or combined, in words. */
export function yLabelOf(spec: ChartSpec, columns: ColumnInfo[], t: Translator = CHART_EN): string {
  const label = (name: string | undefined) => columns.find((c) => c.name === name)?.label ?? name ?? '';
  if (spec.type === 'scatter') return label(spec.y);
  if (spec.type === 'histogram' || spec.agg === 'count') return t.t('chart.numberOfRows');
  return t.t('chart.aggOf', { agg: spec.agg, column: label(spec.y) });
}

/** The x axis's name, with its period when dates are grouped. */
export function xLabelOf(spec: ChartSpec, columns: ColumnInfo[], t: Translator = CHART_EN): string {
  const label = columns.find((c) => c.name === spec.x)?.label ?? spec.x;
  return spec.bucket ? t.t('chart.byPeriod', { column: label, bucket: spec.bucket }) : label;
}
