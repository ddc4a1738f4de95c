import type { DuckDBConnection } from '@duckdb/node-api';
import { tolerance } from '../../domain/ingest/rules.ts';
import type { ColumnReading } from '../../domain/table/types.ts';
import { unusualReading, type Candidate } from './candidates.ts';

/**
 * Rival readings: candidates of one type that match the same values and read
 * their fields in another order (MM/DD/YYYY and DD/MM/YYYY; YYYY/MM/DD and
 * YYYY/DD/MM; mixtures that differ only in those). When every value fits
 * two of them, the values alone cannot say which the file means.
 */
export function rivalSets(list: Candidate[]): Candidate[][] {
  const byPattern = new Map<string, Candidate[]>();
  for (const cand of list) {
    if (cand.type !== 'date' && cand.type !== 'timestamp') continue;
    const key = `${cand.type}\0${cand.pattern}`;
    byPattern.set(key, [...(byPattern.get(key) ?? []), cand]);
  }
  return [...byPattern.values()].filter((set) => set.length > 1);
}

/** What the whole column said about one set of rival readings. */
export interface Weighed {
  /** The readings that fit the whole column, the one chosen first; the others are out. */
  fit: Candidate[];
  /** True when nothing told the readings apart: the first is the usual convention, and the publisher should choose. */
  ambiguous: boolean;
  /** The readings as the column review offers them, with values they read differently. */
  shown: ColumnReading[];
}

/** A mixture's readings are told apart when one puts the column's dates at least this many times closer together. */
const SPREAD_RATIO = 2;

/**
 * Chooses among rival readings on the evidence of the whole column:
 *
 * 1. a reading that fails more values than the tolerance is out;
 * 2. in a column that mixes formats, the reading under which the column's
 *    dates lie closest together (the span of the middle 90 %) wins by a
 *    clear margin: the formats of one column describe the same events, so a
 *    reading that agrees with the unambiguous rows is the one the file means
 *    (Chicago's `2014/DD/09` beside `09/DD/2014`);
 * 3. otherwise the usual reading wins over an unusual one (YYYY/MM/DD over
 *    YYYY/DD/MM), silently;
 * 4. otherwise (MM/DD/YYYY against DD/MM/YYYY, every value ≤ 12 in both
 *    fields) the first stays, marked ambiguous for the publisher to settle.
 */
export async function weighReadings(c: DuckDBConnection, from: string, value: string, sets: Candidate[][]): Promise<Weighed[]> {
  const exprs = [`count(${value})`];
  for (const set of sets) {
    for (const cand of set) {
      const parsed = `(${cand.parse(value)})`;
      exprs.push(`count(*) FILTER (WHERE ${value} IS NOT NULL AND ${parsed} IS NULL)`, `date_diff('day', quantile_disc(${parsed}, 0.05), quantile_disc(${parsed}, 0.95))`);
    }
  }
  const row = (await c.runAndReadAll(`SELECT ${exprs.join(', ')} FROM ${from}`)).getRowsJson()[0] ?? [];
  const nonNull = Number(row[0] ?? 0);
  let at = 1;
  const out: Weighed[] = [];
  for (const set of sets) {
    const measured = set.map((cand) => ({ cand, failures: Number(row[at++] ?? 0), spread: row[at++] === null ? Infinity : Number(row[at - 1]) }));
    const fit = measured.filter((m) => m.failures <= tolerance(nonNull));
    let ambiguous = false;
    if (fit.length > 1) {
      const bySpread = [...fit].sort((a, b) => a.spread - b.spread);
      const [best, next] = bySpread as [(typeof fit)[0], (typeof fit)[0]];
      const mixture = set.every((cand) => cand.formats.length > 1);
      if (mixture && best.spread * SPREAD_RATIO <= next.spread) fit.splice(0, fit.length, best, ...fit.filter((m) => m !== best));
      else if (!unusualReading(fit[0]!.cand) && fit.slice(1).every((m) => unusualReading(m.cand))) ambiguous = false;
      else ambiguous = true;
    }
    const chosen = fit.map((m) => m.cand);
    out.push({ fit: chosen, ambiguous, shown: chosen.length > 1 ? await examples(c, from, value, chosen) : [] });
  }
  return out;
}

/** Up to three values of the column that the first two readings read differently, as each reading reads them. */
async function examples(c: DuckDBConnection, from: string, value: string, readings: Candidate[]): Promise<ColumnReading[]> {
  const [a, b] = readings as [Candidate, Candidate];
  const reads = readings.map((r) => `CAST((${r.parse('v')}) AS VARCHAR)`);
  const rows = (
    await c.runAndReadAll(
      `SELECT v, ${reads.join(', ')} FROM (SELECT DISTINCT ${value} AS v FROM ${from}) WHERE v IS NOT NULL AND (${a.parse('v')}) IS DISTINCT FROM (${b.parse('v')}) ORDER BY v LIMIT 3`,
    )
  ).getRowsJson();
  return readings.map((r, k) => ({
    id: r.id,
    label: r.format ?? r.id,
    examples: rows.map((row) => ({ source: String(row[0]), value: row[k + 1] === null ? '' : String(row[k + 1]) })),
  }));
}
