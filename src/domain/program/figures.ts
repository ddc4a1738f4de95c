import { freshnessOf } from '../catalog/freshness.ts';
import { isOpenDataset, isOpenItem, type DatasetFacts, type ItemFacts, type UseDay } from './facts.ts';
import { daysOf, endOf, startOf, type Period } from './period.ts';

/**
 * What a column of a figure holds: `key`, a word the pages translate (a
 * freshness state, a measure); `text`, a name as it is (an organization, a
 * theme, a dataset); `day`/`month`, a time; `count`, a whole number;
 * `days`, days with one decimal.
 */
export type FigureColumnKind = 'key' | 'text' | 'day' | 'month' | 'count' | 'days';
export interface FigureColumn {
  name: string;
  kind: FigureColumnKind;
}
export type FigureValue = string | number | null;

/** One figure of the program report: a table whose first column names the rows; the chart draws the others. */
export interface Figure {
  name: string;
  chart: 'bar' | 'line';
  columns: FigureColumn[];
  rows: FigureValue[][];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const count = (name: string): FigureColumn => ({ name, kind: 'count' });
const byCount = (a: [string, number], b: [string, number]): number => b[1] - a[1] || a[0].localeCompare(b[0]);

/** Open datasets (published or archived, not private) by organization, most first. */
export function datasetsByOrganization(datasets: DatasetFacts[]): Figure {
  const n = new Map<string, number>();
  for (const d of datasets.filter(isOpenDataset)) n.set(d.organizationName, (n.get(d.organizationName) ?? 0) + 1);
  return { name: 'datasets-by-organization', chart: 'bar', columns: [{ name: 'organization', kind: 'text' }, count('datasets')], rows: [...n].sort(byCount) };
}

/** Open datasets by theme, most first; a dataset counts once under each of its themes, and under `none` without one. */
export function datasetsByTheme(datasets: DatasetFacts[]): Figure {
  const n = new Map<string, number>();
  for (const d of datasets.filter(isOpenDataset)) for (const t of d.themes.length ? d.themes : ['none']) n.set(t, (n.get(t) ?? 0) + 1);
  return { name: 'datasets-by-theme', chart: 'bar', columns: [{ name: 'theme', kind: 'text' }, count('datasets')], rows: [...n].sort(byCount) };
}

export type FreshnessState = 'on_time' | 'overdue' | 'never_updated';

/** A published dataset's state: never updated (no data yet), overdue (past its next due date), or on time (including those without a schedule). */
export function freshnessState(d: Pick<DatasetFacts, 'frequency' | 'dataUpdatedAt' | 'nextDueAt'>, now: Date): FreshnessState {
  if (!d.dataUpdatedAt) return 'never_updated';
  return freshnessOf(d, now).overdue ? 'overdue' : 'on_time';
}

/** Published datasets anyone may see, by freshness state now. */
export function freshness(datasets: DatasetFacts[], now: Date): Figure {
  const n: Record<FreshnessState, number> = { on_time: 0, overdue: 0, never_updated: 0 };
  for (const d of datasets) if (d.status === 'published' && isOpenDataset(d)) n[freshnessState(d, now)] += 1;
  return { name: 'freshness', chart: 'bar', columns: [{ name: 'state', kind: 'key' }, count('datasets')], rows: Object.entries(n) };
}

/** Uses of open datasets on each day of the period (every day, zeros too). */
export function usageByDay(uses: UseDay[], datasets: DatasetFacts[], period: Period): Figure {
  const open = new Set(datasets.filter(isOpenDataset).map((d) => d.id));
  const byDay = new Map(daysOf(period).map((d) => [d, [0, 0, 0]]));
  for (const u of uses) {
    const day = byDay.get(u.day);
    if (!day || !open.has(u.datasetId)) continue;
    day[0]! += u.views;
    day[1]! += u.downloads;
    day[2]! += u.apiCalls;
  }
  return { name: 'usage-by-day', chart: 'line', columns: [{ name: 'day', kind: 'day' }, count('views'), count('downloads'), count('api_calls')], rows: [...byDay].map(([d, v]) => [d, ...v]) };
}

/** Uses of each dataset in the period, most used first (by all uses together); `limit` keeps the first ones, without it every open dataset is listed, unused ones too. */
export function usageByDataset(uses: UseDay[], datasets: DatasetFacts[], period: Period, limit?: number): Figure {
  const titles = new Map(datasets.filter(isOpenDataset).map((d) => [d.id, d.title]));
  const sums = new Map<string, [number, number, number]>(limit ? [] : [...titles.keys()].map((id) => [id, [0, 0, 0]]));
  for (const u of uses) {
    if (!titles.has(u.datasetId) || u.day < period.from || u.day > period.to) continue;
    const s = sums.get(u.datasetId) ?? [0, 0, 0];
    sums.set(u.datasetId, [s[0] + u.views, s[1] + u.downloads, s[2] + u.apiCalls]);
  }
  const rows = [...sums]
    .map(([id, s]) => ({ title: titles.get(id)!, id, s, total: s[0] + s[1] + s[2] }))
    .sort((a, b) => b.total - a.total || a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
    .slice(0, limit ?? Infinity)
    .map((r) => [r.title, ...r.s, r.total]);
  return { name: limit ? 'usage-top-datasets' : 'usage-by-dataset', chart: 'bar', columns: [{ name: 'dataset', kind: 'text' }, count('views'), count('downloads'), count('api_calls'), count('total')], rows };
}

const within = (at: string | null, period: Period): boolean => at !== null && at >= startOf(period) && at < endOf(period);

/** Visible items opened in the period, and answered in it (first answered then, whenever opened). */
export function openedAndAnswered(name: 'problems' | 'requests', items: ItemFacts[], period: Period): Figure {
  const open = items.filter(isOpenItem);
  const opened = open.filter((i) => within(i.createdAt, period)).length;
  const answered = open.filter((i) => within(i.firstAnsweredAt, period)).length;
  return { name, chart: 'bar', columns: [{ name: 'measure', kind: 'key' }, count(name)], rows: [['opened', opened], ['answered', answered]] };
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Days from opening to the first answer, for the visible items first answered in the period. */
export const daysToAnswer = (items: ItemFacts[], period: Period): number[] =>
  items.filter((i) => isOpenItem(i) && within(i.firstAnsweredAt, period)).map((i) => (Date.parse(i.firstAnsweredAt!) - Date.parse(i.createdAt)) / DAY_MS);

const oneDecimal = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** The median days to a first answer of problems and of requests answered in the period (empty when none was). */
export function medianDaysToAnswer(problems: ItemFacts[], requests: ItemFacts[], period: Period): Figure {
  return {
    name: 'median-days-to-answer',
    chart: 'bar',
    columns: [{ name: 'kind', kind: 'key' }, { name: 'median_days', kind: 'days' }],
    rows: [['problems', oneDecimal(median(daysToAnswer(problems, period)))], ['requests', oneDecimal(median(daysToAnswer(requests, period)))]],
  };
}

/** How many instants fall in each month of the period (every month, zeros too). */
export function perMonth(name: string, column: string, instants: string[], period: Period): Figure {
  const months = new Map<string, number>();
  for (const d of daysOf(period)) months.set(d.slice(0, 7), 0);
  for (const at of instants) if (within(at, period) && months.has(at.slice(0, 7))) months.set(at.slice(0, 7), months.get(at.slice(0, 7))! + 1);
  return { name, chart: 'bar', columns: [{ name: 'month', kind: 'month' }, count(column)], rows: [...months] };
}

/** The figure's numbers as CSV (RFC 4180): a header of column names, then the rows; an empty value for none. */
export function figureCsv(f: Figure): string {
  const cell = (v: FigureValue): string => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"` : s;
  };
  return [f.columns.map((c) => c.name), ...f.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Projects by the phase they are in now (a launched project is in its last phase), most first; not limited to the period. */
export function projectsByPhase(phases: string[]): Figure {
  const n = new Map<string, number>();
  for (const phase of phases) n.set(phase, (n.get(phase) ?? 0) + 1);
  return { name: 'projects-by-phase', chart: 'bar', columns: [{ name: 'phase', kind: 'text' }, count('projects')], rows: [...n].sort(byCount) };
}
