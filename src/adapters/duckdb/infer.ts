import type { DuckDBConnection } from '@duckdb/node-api';
import { SAMPLE_ROWS, tolerance, TRAILING_POINT_SHARE } from '../../domain/ingest/rules.ts';
import type { ColumnOverride } from '../../domain/ingest/formats.ts';
import type { ColumnType } from '../../domain/table/types.ts';
import { CANDIDATES, candidateOf, candidatesOfType, combinations, misfit, TEXT, type Candidate } from './candidates.ts';
import { rivalSets, weighReadings, type Weighed } from './readings.ts';
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
  /** When the values fit other readings too (DD/MM against MM/DD): what the whole column said about them. */
  readings?: Weighed;
}

/** Publishers' overrides by source header: a type to force, or the exact formats to read. */
export type Forced = Map<string, ColumnOverride>;

/** The candidates an override leaves: its formats alone, or every format of its type. */
function forcedCandidates(o: ColumnOverride): Candidate[] {
  const exact = o.formats ? candidateOf(o.type, o.formats) : undefined;
  return exact ? [exact] : candidatesOfType(o.type);
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
/** A number written with a leading zero (a code): a cheap prefix test first, the pattern only where it passes. */
const hasLeadingZero = (v: string): string => `((${v} LIKE '0%' OR ${v} LIKE '-0%' OR ${v} LIKE '+0%') AND regexp_full_match(${v}, ${LEADING_ZERO}))`;
const leadingZero = (v: string): string => `count(*) FILTER (WHERE ${hasLeadingZero(v)})`;

async function one(c: DuckDBConnection, sql: string): Promise<number[]> {
  const row = (await c.runAndReadAll(sql)).getRowsJson()[0] ?? [];
  return row.map((x) => Number(x ?? 0));
}

/** What the sample left in the running for each column, most preferred first. */
export interface Sampled {
  survivors: Candidate[][];
  trailing: boolean[];
  /** Per column, its sets of rival readings as the whole column weighed them. */
  readings: Weighed[][];
  /** Columns with rival readings that only a look at every row can weigh (the sample was all there was to see). */
  unweighed: boolean[];
}

/** Pass 1: a sample of rows rules out the candidates that cannot fit its values. */
export async function sampleColumns(c: DuckDBConnection, headers: string[], rowCount: number, forced: Forced, table?: string): Promise<Sampled> {
  const sampled = table === undefined && rowCount > SAMPLE_ROWS * 2;
  if (sampled) {
    await c.run(
      `CREATE OR REPLACE TEMP TABLE stage_sample AS (SELECT * FROM ${STAGE} LIMIT ${SAMPLE_ROWS / 2}) UNION ALL (SELECT * FROM ${STAGE} USING SAMPLE reservoir(${SAMPLE_ROWS / 2} ROWS) REPEATABLE (42))`,
    );
  }
  const sampleTable = table ?? (sampled ? 'stage_sample' : STAGE);

  // Pass 1 (sample): how many values each candidate takes. A value counts when
  // it matches the pattern and parses (27:15:00 matches a time but is none);
  // CASE parses only the values that match. Patterns are tried once per
  // distinct value of each column, weighted by how often it occurs.
  const trimmed = `(SELECT ${headers.map((_, i) => `${valueOf(stagedColumn(i))} AS v${i}`).join(', ')} FROM ${sampleTable})`;
  await c.run(
    `CREATE OR REPLACE TEMP TABLE sample_values AS SELECT col, v, count(*)::BIGINT AS n FROM (UNPIVOT ${trimmed} ON ${headers.map((_, i) => `v${i}`).join(', ')} INTO NAME col VALUE v) GROUP BY col, v`,
  );
  const exprs = [`sum(n)`, `sum(n) FILTER (WHERE regexp_full_match(v, ${LEADING_ZERO}))`, `sum(n) FILTER (WHERE regexp_matches(v, ${TRAILING_POINT}))`];
  for (const cand of CANDIDATES) exprs.push(`sum(CASE WHEN regexp_full_match(v, ${sqlString(cand.pattern)}) THEN CASE WHEN (${cand.parse('v')}) IS NOT NULL THEN n END END)`);
  const rows = (await c.runAndReadAll(`SELECT col, ${exprs.join(', ')} FROM sample_values GROUP BY col`)).getRowsJson();
  const counts: number[] = new Array<number>(headers.length * (3 + CANDIDATES.length)).fill(0);
  for (const [col, ...values] of rows) values.forEach((x, k) => (counts[Number(String(col).slice(1)) * (3 + CANDIDATES.length) + k] = Number(x ?? 0)));
  const stride = 3 + CANDIDATES.length;
  const nonNullOf = (i: number): number => counts[i * stride] ?? 0;
  const fits = (i: number, n: number): boolean => n >= nonNullOf(i) - tolerance(nonNullOf(i));
  const matched = (i: number) => CANDIDATES.map((cand, k) => ({ cand, n: counts[i * stride + 3 + k] ?? 0 }));
  const singles: Candidate[][] = headers.map((h, i) => {
    const leadingZeros = (counts[i * stride + 1] ?? 0) > 0;
    const o = forced.get(h);
    if (o) return forcedCandidates(o);
    if (nonNullOf(i) === 0) return [];
    return matched(i)
      .filter(({ cand, n }) => !(leadingZeros && isNumeric(cand)) && fits(i, n))
      .map(({ cand }) => cand);
  });

  // Columns that mix formats of one type: only where no single format fits and
  // the formats' counts together could cover the column, count values any of them takes.
  const mixes: { i: number; type: ColumnType; parts: Candidate[] }[] = [];
  headers.forEach((h, i) => {
    if (forced.has(h) || nonNullOf(i) === 0) return;
    for (const type of MIXABLE) {
      if (singles[i]?.some((cand) => cand.type === type)) continue;
      const parts = matched(i).filter((x) => mixesInto(x.cand, type) && x.n > 0).sort((a, b) => b.n - a.n);
      if (parts.length < 2 || !parts.some((p) => p.cand.type === type) || !fits(i, parts.reduce((sum, p) => sum + p.n, 0))) continue;
      mixes.push({ i, type, parts: parts.map((p) => p.cand) });
    }
  });
  if (mixes.length > 0) {
    const any = mixes.map(({ i, parts }) => `sum(n) FILTER (WHERE col = 'v${i}' AND (${parts.map((p) => `regexp_full_match(v, ${sqlString(p.pattern)})`).join(' OR ')}))`);
    const union = await one(c, `SELECT ${any.join(', ')} FROM sample_values`);
    mixes.forEach(({ i, type, parts }, k) => {
      if (fits(i, union[k] ?? 0)) singles[i]?.push(...combinations(type, parts));
    });
  }
  const survivors = singles.map((list) => list.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type)));
  const trailing = headers.map((_, i) => {
    const nonNull = counts[i * stride] ?? 0;
    return nonNull > 0 && (counts[i * stride + 2] ?? 0) >= nonNull * TRAILING_POINT_SHARE;
  });
  // Rival readings of the same values are weighed over every row of the column.
  const readings: Weighed[][] = headers.map(() => []);
  const unweighed = headers.map(() => false);
  for (const [i, h] of headers.entries()) {
    const sets = forced.has(h) ? [] : rivalSets(survivors[i] ?? []);
    if (sets.length === 0) continue;
    if (table !== undefined) {
      unweighed[i] = true;
      continue;
    }
    const weighed = await weighReadings(c, STAGE, valueOf(stagedColumn(i)), sets);
    readings[i] = weighed;
    survivors[i] = reorder(survivors[i] ?? [], sets, weighed);
  }
  return { survivors, trailing, readings, unweighed };
}

/** The candidates with each set of rivals replaced, where the first of them stood, by the ones that fit, the chosen first. */
function reorder(list: Candidate[], sets: Candidate[][], weighed: Weighed[]): Candidate[] {
  const out: Candidate[] = [];
  for (const cand of list) {
    const k = sets.findIndex((set) => set.includes(cand));
    if (k < 0) out.push(cand);
    else if (sets[k]?.[0] === cand) out.push(...(weighed[k]?.fit ?? []));
  }
  return out;
}

/** A choice made from the sample alone: each column's first surviving candidate, to be checked as the data is written. */
export function guessColumns(headers: string[], sampled: Sampled): ColumnChoice[] {
  return headers.map((header, i) => choice(header, i, sampled.survivors[i]?.[0] ?? TEXT, 0, 0, sampled, i));
}

function choice(header: string, i: number, candidate: Candidate, failures: number, nonNull: number, sampled: Sampled, at: number): ColumnChoice {
  const column = stagedColumn(i);
  const readings = sampled.readings[at]?.find((w) => w.fit.length > 1 && w.fit[0] === candidate);
  return {
    header,
    column,
    value: candidate.id === 'text' ? column : valueOf(column),
    candidate,
    nonNull,
    failures,
    trailingPoint: candidate.type === 'text' && (sampled.trailing[at] ?? false),
    ...(readings ? { readings } : {}),
  };
}

/**
 * Decides each column's type over the whole column: after the sample, passes
 * over every row count the values the remaining candidates fail to parse,
 * most preferred type first.
 */
export async function verifyColumns(c: DuckDBConnection, headers: string[], forced: Forced, sampled: Sampled): Promise<ColumnChoice[]> {
  const { survivors } = sampled;
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
    return choice(h, i, pick.cand, pick.failures, pick.nonNull, sampled, i);
  });
}

/**
 * SQL for a column's typed value that stops the statement (with MISFIT in
 * the message) at the first value the candidate cannot take, or a leading
 * zero in a number: the check rides along with the write.
 */
export function checkedValue(ch: ColumnChoice): string {
  const { candidate: cand, value: v } = ch;
  if (cand.id === 'text') return cand.parse(v);
  const stop = `error('${MISFIT}')`;
  let sql = `coalesce(${cand.parse(v)}, CASE WHEN ${v} IS NULL THEN NULL ELSE ${stop} END)`;
  if (!cand.strictParse) sql = `CASE WHEN ${v} IS NOT NULL AND NOT regexp_full_match(${v}, ${sqlString(cand.pattern)}) THEN ${stop} ELSE ${sql} END`;
  if (isNumeric(cand)) sql = `CASE WHEN ${hasLeadingZero(v)} THEN ${stop} ELSE ${sql} END`;
  return sql;
}

export const MISFIT = 'plaza: a value does not fit its column type';
