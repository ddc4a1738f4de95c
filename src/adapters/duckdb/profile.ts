import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile } from '../../domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import { rowsFromReader } from './rows.ts';
import { ident, sqlString } from './values.ts';

const BINS = 20;
type Scalar = string | number | boolean | null;

const dbl = (x: number): string => `CAST('${String(x)}' AS DOUBLE)`;
const scalar = (v: unknown): Scalar => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v));

/** A numeric SQL expression for the histogram of a column, or undefined when it has none. */
function numericOf(col: ColumnInfo): { expr: string; back: (n: number) => number | string } | undefined {
  const q = ident(col.name);
  if (col.type === 'integer' || col.type === 'decimal') return { expr: `CAST(${q} AS DOUBLE)`, back: (n) => n };
  if (col.type === 'date') return { expr: `CAST(date_diff('day', DATE '1970-01-01', ${q}) AS DOUBLE)`, back: (n) => new Date(Math.round(n) * 86_400_000).toISOString().slice(0, 10) };
  if (col.type === 'timestamp') return { expr: `CAST(epoch(${q}) AS DOUBLE)`, back: (n) => new Date(n * 1000).toISOString().replace('.000Z', 'Z') };
  return undefined;
}

/** Profiles every visible column of a version over all its rows. */
export async function profileColumns(c: DuckDBConnection, dataPath: string, columns: ColumnInfo[]): Promise<Record<string, ColumnProfile>> {
  const src = `read_parquet(${sqlString(dataPath)})`;
  const exprs = ['count(*) AS __n'];
  columns.forEach((col, i) => {
    const q = ident(col.name);
    exprs.push(`count(${q}) AS c${i}`, `count(DISTINCT ${q}) AS d${i}`);
    if (col.type === 'geometry') exprs.push(`NULL AS lo${i}`, `NULL AS hi${i}`);
    else exprs.push(`min(${q}) AS lo${i}`, `max(${q}) AS hi${i}`);
    const n = numericOf(col);
    if (n) exprs.push(`min(${n.expr}) AS nlo${i}`, `max(${n.expr}) AS nhi${i}`);
    if (col.type === 'text') exprs.push(`min(length(${q})) AS ll${i}`, `max(length(${q})) AS lh${i}`);
  });
  const base = rowsFromReader(await c.runAndReadAll(`SELECT ${exprs.join(', ')} FROM ${src}`))[0] ?? {};
  const total = Number(base.__n ?? 0);
  const out: Record<string, ColumnProfile> = {};
  for (const [i, col] of columns.entries()) {
    const nonNull = Number(base[`c${i}`] ?? 0);
    const profile: ColumnProfile = {
      count: total,
      nulls: total - nonNull,
      distinct: Number(base[`d${i}`] ?? 0),
      min: scalar(base[`lo${i}`]),
      max: scalar(base[`hi${i}`]),
      top: [],
    };
    if (col.type === 'text') {
      profile.minLength = Number(base[`ll${i}`] ?? 0);
      profile.maxLength = Number(base[`lh${i}`] ?? 0);
    }
    out[col.name] = profile;
  }
  await addTopValues(c, src, columns, out);
  await addHistograms(c, src, columns, base, out);
  return out;
}

/** Columns whose top values one statement gathers: a statement per column costs a few milliseconds each, even on a few rows. */
const TOP_BATCH = 32;

/**
 * The ten most frequent values of every column that has values (geometry
 * aside), most frequent first, ties in value order: one statement per batch
 * of columns, each column's values in a column of their own type.
 */
async function addTopValues(c: DuckDBConnection, src: string, columns: ColumnInfo[], out: Record<string, ColumnProfile>): Promise<void> {
  const wanted = columns.flatMap((col, i) => {
    const p = out[col.name];
    return col.type !== 'geometry' && p && p.count - p.nulls > 0 ? [{ col, i, p }] : [];
  });
  for (let at = 0; at < wanted.length; at += TOP_BATCH) {
    const batch = wanted.slice(at, at + TOP_BATCH);
    const parts = batch.map(({ col, i }) => {
      const q = ident(col.name);
      return `(SELECT ${i} AS __k, ${q} AS v${i}, count(*) AS __c FROM ${src} WHERE ${q} IS NOT NULL GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT 10)`;
    });
    const order = ['__k', '__c DESC', ...batch.map(({ i }) => `v${i}`)].join(', ');
    const rows = rowsFromReader(await c.runAndReadAll(`SELECT * FROM (${parts.join(' UNION ALL BY NAME ')}) ORDER BY ${order}`));
    for (const { i, p } of batch) p.top = rows.filter((r) => Number(r.__k) === i).map((r) => ({ value: scalar(r[`v${i}`]), count: Number(r.__c) }));
  }
}

/** Equal-width histograms of every number, date and timestamp column, all in one scan. */
async function addHistograms(c: DuckDBConnection, src: string, columns: ColumnInfo[], base: Record<string, unknown>, out: Record<string, ColumnProfile>): Promise<void> {
  const plans = columns.flatMap((col, i) => {
    const n = numericOf(col);
    const lo = Number(base[`nlo${i}`]);
    const hi = Number(base[`nhi${i}`]);
    if (!n || (out[col.name]?.nulls ?? 0) === (out[col.name]?.count ?? 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
    const bins = hi > lo ? BINS : 1;
    const width = hi > lo ? (hi - lo) / BINS : 1;
    // lo and width are numbers Plaza computed; as DOUBLE literals they bind whatever their size.
    // least() skips NULLs (least(NULL, 19) is 19), so empty values are filtered out first.
    const sql = `histogram(least(CAST(floor((${n.expr} - ${dbl(lo)}) / ${dbl(width)}) AS INTEGER), ${bins - 1})) FILTER (WHERE ${ident(col.name)} IS NOT NULL)`;
    return [{ col, n, lo, hi, bins, width, sql }];
  });
  if (plans.length === 0) return;
  const row = (await c.runAndReadAll(`SELECT ${plans.map((p) => p.sql).join(', ')} FROM ${src}`)).getRowsJson()[0] ?? [];
  plans.forEach((p, k) => {
    const counts = new Array<number>(p.bins).fill(0);
    for (const entry of (row[k] ?? []) as { key: unknown; value: unknown }[]) counts[Math.min(Number(entry.key), p.bins - 1)] = Number(entry.value);
    const profile = out[p.col.name];
    if (profile) profile.histogram = counts.map((count, b) => ({ from: p.n.back(p.lo + b * p.width), to: p.n.back(b === p.bins - 1 ? p.hi : p.lo + (b + 1) * p.width), count }));
  });
}
