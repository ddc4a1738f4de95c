import type { DuckDBConnection } from '@duckdb/node-api';
import { SAMPLE_ROWS, tolerance, TRAILING_POINT_SHARE } from '../../domain/ingest/rules.ts';
import type { ColumnType } from '../../domain/table/types.ts';
import { CANDIDATES, candidatesOfType, combinations, misfit, TEXT, type Candidate } from './candidates.ts';
import { STAGE, stagedColumn } from './stage.ts';
import { sqlString } from './values.ts';

/** What inference decided for one source column. */
export interface ColumnChoice {
  header: string;
  /** The staging table's column. */
  column: string;
  /** SQL of the trimmed, non-empty source value. */
  value: string;
  candidate: Candidate;
  nonNull: number;
  /** Values the chosen candidate cannot parse: their rows are rejected. */
  failures: number;
  /** The column's values end in `(lat, lon)` often enough to derive a point column. */
  trailingPoint: boolean;
}

const valueOf = (column: string): string => `NULLIF(trim(${column}), '')`;
const LEADING_ZERO = "'[+-]?0[0-9].*'";
const TRAILING_POINT = "'\\(\\s*-?[0-9]{1,2}\\.[0-9]+\\s*,\\s*-?[0-9]{1,3}\\.[0-9]+\\s*\\)\\s*$'";
/** Types whose formats may be mixed within one column. */
const MIXABLE = ['date', 'timestamp', 'time', 'decimal'] as const;
/** Dates may stand among timestamps: they are read as midnight. */
const mixesInto = (cand: Candidate, type: ColumnType): boolean => cand.type === type || (type === 'timestamp' && cand.type === 'date');
const ORDER = CANDIDATES.map((c) => c.type).filter((t, i, all) => all.indexOf(t) === i);
const isNumeric = (c: Candidate): boolean => c.type === 'integer' || c.type === 'decimal';

const fails = (c: Candidate, v: string): string => (c.id === 'text' ? '0' : `count(*) FILTER (WHERE ${misfit(c, v)})`);
/** Leading zeros: a cheap prefix test first, the pattern only where it passes. */
const leadingZero = (v: string): string => `count(*) FILTER (WHERE (${v} LIKE '0%' OR ${v} LIKE '-0%' OR ${v} LIKE '+0%') AND regexp_full_match(${v}, ${LEADING_ZERO}))`;

async function one(c: DuckDBConnection, sql: string): Promise<number[]> {
  const row = (await c.runAndReadAll(sql)).getRowsJson()[0] ?? [];
  return row.map((x) => Number(x ?? 0));
}

/**
 * Decides each column's type over the whole column: a sample rules out the
 * candidates that cannot fit, then one pass over every row counts the values
 * each remaining candidate fails to parse.
 */
export async function inferColumns(c: DuckDBConnection, headers: string[], rowCount: number, forced: Map<string, ColumnType>): Promise<ColumnChoice[]> {
  const sampled = rowCount > SAMPLE_ROWS * 2;
  if (sampled) {
    await c.run(
      `CREATE OR REPLACE TEMP TABLE stage_sample AS (SELECT * FROM ${STAGE} LIMIT ${SAMPLE_ROWS / 2}) UNION ALL (SELECT * FROM ${STAGE} USING SAMPLE reservoir(${SAMPLE_ROWS / 2} ROWS) REPEATABLE (42))`,
    );
  }
  const sampleTable = sampled ? 'stage_sample' : STAGE;

  // Pass 1 (sample): how many values match each candidate's pattern.
  const exprs: string[] = [];
  for (const [i] of headers.entries()) {
    const v = valueOf(stagedColumn(i));
    exprs.push(`count(${v})`, `count(*) FILTER (WHERE regexp_full_match(${v}, ${LEADING_ZERO}))`, `count(*) FILTER (WHERE regexp_matches(${v}, ${TRAILING_POINT}))`);
    for (const cand of CANDIDATES) exprs.push(`count(*) FILTER (WHERE regexp_full_match(${v}, ${sqlString(cand.pattern)}))`);
    for (const type of MIXABLE) {
      const any = CANDIDATES.filter((cand) => mixesInto(cand, type)).map((cand) => `regexp_full_match(${v}, ${sqlString(cand.pattern)})`);
      exprs.push(`count(*) FILTER (WHERE ${any.join(' OR ')})`);
    }
  }
  const counts = await one(c, `SELECT ${exprs.join(', ')} FROM ${sampleTable}`);
  const stride = 3 + CANDIDATES.length + MIXABLE.length;
  const survivors: Candidate[][] = headers.map((h, i) => {
    const base = i * stride;
    const nonNull = counts[base] ?? 0;
    const leadingZeros = (counts[base + 1] ?? 0) > 0;
    const type = forced.get(h);
    if (type) return candidatesOfType(type);
    if (nonNull === 0) return [];
    const fits = (n: number): boolean => n >= nonNull - tolerance(nonNull);
    const single = CANDIDATES.filter((cand, k) => !(leadingZeros && isNumeric(cand)) && fits(counts[base + 3 + k] ?? 0));
    for (const [t, type] of MIXABLE.entries()) {
      if (single.some((cand) => cand.type === type) || !fits(counts[base + 3 + CANDIDATES.length + t] ?? 0)) continue;
      const parts = CANDIDATES.map((cand, k) => ({ cand, n: counts[base + 3 + k] ?? 0 }))
        .filter((x) => mixesInto(x.cand, type) && x.n > 0)
        .sort((a, b) => b.n - a.n)
        .map((x) => x.cand);
      if (parts.length > 1 && parts.some((p) => p.type === type)) single.push(...combinations(type, parts));
    }
    return single.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  });
  const trailing = headers.map((_, i) => {
    const nonNull = counts[i * stride] ?? 0;
    return nonNull > 0 && (counts[i * stride + 2] ?? 0) >= nonNull * TRAILING_POINT_SHARE;
  });

  // Pass 2 (every row): failures of each surviving candidate, and leading zeros where numbers are still in the running.
  // Each value is trimmed once, in a projection under the counts.
  const full: string[] = [];
  const trimmed = headers.map((_, i) => `${valueOf(stagedColumn(i))} AS v${i}`);
  headers.forEach((_, i) => {
    const v = `v${i}`;
    full.push(`count(${v})`);
    full.push(survivors[i]?.some(isNumeric) ? leadingZero(v) : '0');
    for (const cand of survivors[i] ?? []) full.push(fails(cand, v));
  });
  const totals = await one(c, `SELECT ${full.join(', ')} FROM (SELECT ${trimmed.join(', ')} FROM ${STAGE})`);

  let at = 0;
  return headers.map((h, i) => {
    const nonNull = totals[at++] ?? 0;
    const leadingZeros = (totals[at++] ?? 0) > 0;
    const forcedType = forced.get(h);
    const scored = (survivors[i] ?? []).map((cand) => ({ cand, failures: totals[at++] ?? 0 }));
    const eligible = scored.filter((s) => forcedType !== undefined || (!(leadingZeros && isNumeric(s.cand)) && s.failures <= tolerance(nonNull)));
    const first = eligible[0];
    let pick = { cand: TEXT, failures: 0 };
    if (first) {
      for (const s of eligible) if (s.cand.type === first.cand.type && s.failures < (pick.cand === TEXT ? Infinity : pick.failures)) pick = s;
    }
    const column = stagedColumn(i);
    return {
      header: h,
      column,
      value: pick.cand.id === 'text' ? column : valueOf(column),
      candidate: pick.cand,
      nonNull,
      failures: pick.failures,
      trailingPoint: pick.cand.type === 'text' && (trailing[i] ?? false),
    };
  });
}
