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
 * candidates that cannot fit, then passes over every row count the values
 * the remaining candidates fail to parse, most preferred type first.
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

  // Pass 2, in rounds over every row: each column's most preferred surviving
  // type is checked first, all its formats at once; a column whose type does
  // not fit moves on to its next type in the next round. Most columns settle
  // in the first round, and a column with no candidate left is text.
  const remaining = survivors.map((list) => [...list]);
  const decided = new Map<number, { cand: Candidate; failures: number; nonNull: number }>();
  const nonNull: number[] = headers.map(() => 0);
  const leading: boolean[] = headers.map(() => false);
  for (let round = 0; ; round++) {
    const pending = headers.map((_, i) => i).filter((i) => !decided.has(i) && (remaining[i]?.length ?? 0) > 0);
    if (pending.length === 0) break;
    const exprs: string[] = [];
    const groups = pending.map((i) => {
      const list = remaining[i] as Candidate[];
      const type = (list[0] as Candidate).type;
      const group = list.filter((cand) => cand.type === type);
      const v = `v${i}`;
      if (round === 0) exprs.push(`count(${v})`, list.some(isNumeric) ? leadingZero(v) : '0');
      for (const cand of group) exprs.push(fails(cand, v));
      return { i, type, group };
    });
    const trimmed = pending.map((i) => `${valueOf(stagedColumn(i))} AS v${i}`);
    const totals = await one(c, `SELECT ${exprs.join(', ')} FROM (SELECT ${trimmed.join(', ')} FROM ${STAGE})`);
    let at = 0;
    for (const { i, type, group } of groups) {
      if (round === 0) {
        nonNull[i] = totals[at++] ?? 0;
        leading[i] = (totals[at++] ?? 0) > 0;
      }
      const isForced = forced.has(headers[i] as string);
      let pick: { cand: Candidate; failures: number } | undefined;
      for (const cand of group) {
        const failures = totals[at++] ?? 0;
        const ok = isForced || (!(leading[i] && isNumeric(cand)) && failures <= tolerance(nonNull[i] ?? 0));
        if (ok && (!pick || failures < pick.failures)) pick = { cand, failures };
      }
      if (pick) decided.set(i, { ...pick, nonNull: nonNull[i] ?? 0 });
      else remaining[i] = (remaining[i] ?? []).filter((cand) => cand.type !== type);
    }
  }

  return headers.map((h, i) => {
    const pick = decided.get(i) ?? { cand: TEXT, failures: 0, nonNull: nonNull[i] ?? 0 };
    const column = stagedColumn(i);
    return {
      header: h,
      column,
      value: pick.cand.id === 'text' ? column : valueOf(column),
      candidate: pick.cand,
      nonNull: pick.nonNull,
      failures: pick.failures,
      trailingPoint: pick.cand.type === 'text' && (trailing[i] ?? false),
    };
  });
}
