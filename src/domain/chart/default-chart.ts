import type { ColumnProfile } from '../ingest/profile-types.ts';
import { FEW_VALUES, roleOf } from '../table/roles.ts';
import type { ColumnInfo } from '../table/types.ts';
import { chartable, isNumeric, isTemporal, type Bucket, type ChartForm } from './spec.ts';

const BLANK: ChartForm = { type: 'bar', x: '', y: '', agg: 'count', group: '', bucket: '', bins: '', where: '' };
const DAY = 86_400_000;

const filled = (p: ColumnProfile | undefined): number => (p ? p.count - p.nulls : 0);

/** A period that gives a date chart tens of points, not thousands nor one: days within two months, months within six years, else years. */
function bucketFor(p: ColumnProfile | undefined): Bucket {
  const span = Date.parse(String(p?.max ?? '')) - Date.parse(String(p?.min ?? ''));
  if (!Number.isFinite(span)) return 'month';
  if (span <= 62 * DAY) return 'day';
  return span <= 6 * 366 * DAY ? 'month' : 'year';
}

/** The measure most worth drawing: the one with the most values, the first of those. */
function bestMeasure(cols: ColumnInfo[], profile: Record<string, ColumnProfile>): ColumnInfo | undefined {
  let best: ColumnInfo | undefined;
  for (const c of cols) if (roleOf(c) === 'measure' && isNumeric(c.type) && filled(profile[c.name]) > filled(best && profile[best.name])) best = c;
  return best;
}

/**
 * A first chart for a dataset, from the roles of its columns (ADR 27):
 * - rows over time: the count of rows by a date column, or, when each row is
 *   its own date (a daily census), the average of its main measure by period;
 * - else the count of rows by the first category with a few values;
 * - else the distribution of its main measure;
 * - else nothing: no chart is better than a chart of identifiers.
 */
export function defaultChart(columns: ColumnInfo[], profile: Record<string, ColumnProfile> = {}): ChartForm | undefined {
  const cols = chartable(columns);
  const measure = bestMeasure(cols, profile);
  const date = cols.find((c) => isTemporal(c.type) && filled(profile[c.name]) !== 0 && roleOf(c) === 'date');
  if (date) {
    const p = profile[date.name];
    const perRow = p !== undefined && p.distinct >= filled(p) * 0.9;
    const base = { ...BLANK, type: 'line', x: date.name, bucket: bucketFor(p) };
    return perRow && measure ? { ...base, y: measure.name, agg: 'avg' } : base;
  }
  const few = (c: ColumnInfo) => roleOf(c) === 'category' && (profile[c.name]?.distinct ?? FEW_VALUES + 1) <= FEW_VALUES && (profile[c.name]?.distinct ?? 0) > 1;
  const category = cols.find((c) => few(c) && c.type !== 'boolean') ?? cols.find(few);
  if (category) return { ...BLANK, x: category.name };
  if (measure) return { ...BLANK, type: 'histogram', x: measure.name };
  return undefined;
}
