/**
 * Every parser a whole-column check runs without its pattern must refuse
 * what its pattern refuses: otherwise a value the sample never saw is read
 * as something else (DuckDB's casts round '7570.5' to 7571, read '0x10' as
 * 16, cut a timestamp to its date and drop an offset).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATES } from '../../src/adapters/duckdb/candidates.ts';
import { sqlString } from '../../src/adapters/duckdb/values.ts';

const TRICKY = [
  '7570.5', '7570.4', '1e3', '1E3', '0x10', '0b11', '1_000', '1_000.5', 'NaN', 'nan', 'Infinity', '-inf', '+5', '-0', '12', '1,234', '12,34',
  '2021-03-05', '2021-3-5', '2021-03-05 10:35:00', '2021-03-05T10:35:00', '2021-03-05T10:35:00Z', '2021-03-05T10:35:00-04:00',
  '2021-03-05 10:35:00+0530', '2021/03/05', '2021/03/05 10:35:00', '2021/03/05 10:35:00+00', '2021-03-20 garbage',
  '03/05/2021', '13/05/2021', '03/05/2021 10:35', '03/05/2021 10:35:00 PM', '05.03.2021', '03-05-2021',
  '10:35', '10:35:00', '10:35:00.5', '10:35:00-04', '10:35:00+02:00', '10:35 PM', '25:00',
  'true', 'yes', 'T', '$1,234.50', '($12.00)', '(41.88, -87.63)', 'POINT (-87.63 41.88)',
];

let c: DuckDBConnection;
let db: DuckDBInstance;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
});
afterAll(() => {
  c.closeSync();
  db.closeSync();
});

/**
 * What a parser may read beyond its pattern without losing anything: an ISO
 * timestamp parser reads a date alone as midnight (as mixed columns do, see
 * docs/ingest.md) and either separator between year, month and day.
 */
const LOSSLESS: Record<string, RegExp> = {
  'timestamp-iso': /^\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{2}:\d{2}:\d{2})?$/,
  'timestamp-ymd-slash': /^\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{2}:\d{2}:\d{2})?$/,
};

describe('candidate parsers', () => {
  for (const cand of CANDIDATES.filter((x) => x.strictParse)) {
    it(`${cand.id}: parses only what its pattern matches`, async () => {
      const values = `(VALUES ${TRICKY.map((v) => `(${sqlString(v)})`).join(', ')}) AS t(v)`;
      const rows = (await c.runAndReadAll(`SELECT v FROM ${values} WHERE (${cand.parse('v')}) IS NOT NULL AND NOT regexp_full_match(v, ${sqlString(cand.pattern)})`)).getRowsJson();
      const beyond = rows.map((r) => String(r[0])).filter((v) => !LOSSLESS[cand.id]?.test(v));
      expect(beyond).toEqual([]);
    });
  }

  it('still parses what the patterns match', async () => {
    const parsed = async (id: string, v: string) => {
      const cand = CANDIDATES.find((x) => x.id === id)!;
      return (await c.runAndReadAll(`SELECT CAST((${cand.parse(sqlString(v))}) AS VARCHAR)`)).getRowsJson()[0]?.[0];
    };
    expect(await parsed('integer', '1,234')).toBe('1234');
    expect(await parsed('integer', '-12')).toBe('-12');
    expect(await parsed('decimal', '1.5e3')).toBe('1500.0');
    expect(await parsed('date-iso', '2021-03-05')).toBe('2021-03-05');
    expect(await parsed('timestamp-iso', '2021-03-05T10:35:00.5')).toBe('2021-03-05 10:35:00.5');
    expect(await parsed('timestamptz-iso', '2021-03-05T10:35:00-04:00')).toBe('2021-03-05 14:35:00+00');
    expect(await parsed('timestamp-ymd-slash', '2021/03/05 10:35:00')).toBe('2021-03-05 10:35:00');
    expect(await parsed('time', '10:35:00.5')).toBe('10:35:00.5');
  });
});
