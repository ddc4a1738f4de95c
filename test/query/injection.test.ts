import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFacetQuery, compileRecordsQuery, QueryError, type CompiledQuery, type RecordsRequest } from '../../src/domain/query/index.ts';
import { COLUMNS, createFixture, ROWS, runCount, runPage, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
  await fx.conn.run('CREATE TABLE canary AS SELECT 42 AS alive');
});
afterAll(() => fx.close());

const DROP = "'); DROP TABLE crimes; --";
const PAYLOADS = [
  DROP,
  "1; DROP TABLE crimes",
  "x' OR '1'='1",
  "' OR 1=1 --",
  '"; DROP TABLE canary; --',
  '/* */ DROP TABLE canary',
  "'||(SELECT alive FROM canary)||'",
  '\\\'; DROP TABLE crimes; --',
  "THEFT\u2019; DROP TABLE crimes", // right single quotation mark
  "\uFF07; DROP TABLE crimes; --", // fullwidth apostrophe
  "ʼ OR 1=1 --", // modifier letter apostrophe
  "\u202Eemirc ELBAT PORD;'", // right-to-left override
  "\u200B'; DROP TABLE crimes; --", // zero-width space
  "$1; DROP TABLE crimes",
  "__rowid",
  "\u0000'; DROP TABLE crimes",
];

/** SQL text must never carry user text: check it has none of the payload's dangerous pieces. */
function assertClean(q: CompiledQuery, payload: string): void {
  for (const text of [q.sql, q.countSql]) {
    if (payload !== '__rowid') expect(text).not.toContain(payload);
    expect(text).not.toMatch(/DROP|canary|;|--|\/\*|\u2019|\uFF07|\u202E|\u200B|\u0000/);
  }
}

/** Runs the request: it must throw a QueryError or run, returning `check`ed rows. */
async function attempt(req: RecordsRequest, payload: string, check?: (rows: Record<string, unknown>[]) => void): Promise<'error' | 'ran'> {
  let q: CompiledQuery;
  try {
    q = compileRecordsQuery(req, COLUMNS, fx.table);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return 'error';
  }
  assertClean(q, payload);
  const { rows } = await runPage(fx, q);
  await runCount(fx, q);
  check?.(rows);
  return 'ran';
}

async function tablesIntact(): Promise<void> {
  const r = await fx.conn.runAndReadAll('SELECT (SELECT count(*) FROM crimes) AS n, (SELECT alive FROM canary) AS alive');
  expect(r.getRowObjectsJson()).toEqual([{ n: '14', alive: 42 }]);
}

describe.each(PAYLOADS.map((p, i) => ({ p, i })))('payload #$i', ({ p }) => {
  const quoted = `'${p.replace(/'/g, "''")}'`;
  const backticked = '`' + p.replace(/`/g, '``') + '`';
  test('raw in every text parameter', async () => {
    for (const key of ['select', 'where', 'group_by', 'order_by'] as const) {
      await attempt({ [key]: p }, p);
      await attempt({ [key]: `id, ${p}` }, p);
      await attempt({ select: 'id', [key]: `ward ${p}` }, p);
    }
    await attempt({ select: 'id', where: `district = 1 ${p}` }, p);
    await tablesIntact();
  });
  test('as a string literal: runs and matches nothing', async () => {
    const none = (rows: Record<string, unknown>[]) => expect(rows).toEqual([]);
    if (p.includes('\u0000')) {
      expect(await attempt({ where: `description = ${quoted}` }, p)).toBe('error');
      return;
    }
    expect(await attempt({ select: 'id', where: `description = ${quoted}` }, p, none)).toBe('ran');
    expect(await attempt({ select: 'id', where: `description like ${quoted} or ward in (${quoted}, '99')` }, p, none)).toBe('ran');
    expect(await attempt({ select: 'id', where: `contains(case_number, ${quoted}) and search(${quoted})` }, p, none)).toBe('ran');
    expect(await attempt({ select: `id, ${quoted} as echo`, where: 'id = 11001' }, p, (rows) => expect(rows).toEqual([{ id: 11001, echo: p }]))).toBe('ran');
    expect(await attempt({ select: `${quoted} as k, count(*) as n`, group_by: 'k', where: 'district = 2' }, p, (rows) => expect(rows).toEqual([{ k: p, n: 1 }]))).toBe('ran');
    expect(await attempt({ select: 'id', order_by: `contains(description, ${quoted}) desc`, limit: 1 }, p, (rows) => expect(rows).toEqual([{ id: 11001 }]))).toBe('ran');
    await tablesIntact();
  });
  test('as q: runs, matches nothing', async () => {
    expect(await attempt({ select: 'id', q: p }, p, (rows) => expect(rows).toEqual([]))).toBe('ran');
    expect(await attempt({ group_by: 'ward', q: p }, p, (rows) => expect(rows).toEqual([]))).toBe('ran');
    await tablesIntact();
  });
  test('as a backtick identifier: unknown column', async () => {
    for (const key of ['select', 'where', 'group_by', 'order_by'] as const) {
      expect(await attempt({ [key]: key === 'where' ? `${backticked} = 1` : backticked }, p)).toBe('error');
    }
    expect(() => compileFacetQuery(p, {}, COLUMNS, fx.table)).toThrow(QueryError);
  });
  test('as limit, offset and cursor: rejected', async () => {
    expect(await attempt({ limit: p }, p)).toBe('error');
    expect(await attempt({ offset: p }, p)).toBe('error');
    expect(await attempt({ limit: `10 ${p}` }, p)).toBe('error');
    expect(await attempt({ cursor: p }, p)).toBe('error');
    expect(await attempt({ cursor: Buffer.from(p).toString('base64url') }, p)).toBe('error');
    await tablesIntact();
  });
  test('inside a forged cursor: rejected or bound as a value', async () => {
    const base = compileRecordsQuery({ select: 'id', order_by: 'district', limit: 2 }, COLUMNS, fx.table);
    const forge = (body: object) => Buffer.from(JSON.stringify({ v: 1, h: base.paging.hash, ...body })).toString('base64url');
    expect(await attempt({ select: 'id', order_by: 'district', cursor: forge({ k: [p], r: '1' }) }, p)).toBe('error');
    expect(await attempt({ select: 'id', order_by: 'district', cursor: forge({ k: ['1'], r: p }) }, p)).toBe('error');
    const text = compileRecordsQuery({ select: 'id', order_by: 'primary_type', limit: 2 }, COLUMNS, fx.table);
    const cursor = Buffer.from(JSON.stringify({ v: 1, h: text.paging.hash, k: [p], r: '1' })).toString('base64url');
    // The forged value is only compared with: rows after it in primary_type order (BMP text: JS order = DuckDB byte order).
    const after = ROWS.filter((r) => r[2] > p).length;
    const result = await attempt({ select: 'id', order_by: 'primary_type', cursor, limit: 100 }, p, (rows) => expect(rows).toHaveLength(after));
    expect(result).toBe('ran');
    await tablesIntact();
  });
});

describe('unicode look-alikes are not syntax', () => {
  test.each([
    "primary_type = \uFF07THEFT\uFF07",
    'primary_type = \u2018THEFT\u2019',
    'primаry_type = 1', // Cyrillic а
    'dis\u200Btrict = 1',
    'district \uFF1D 1',
    'district = 1 \uFF1B DROP TABLE crimes',
  ])('%s', async (where) => {
    expect(await attempt({ where }, where)).toBe('error');
  });
  test('unicode inside string literals is data', async () => {
    expect(await attempt({ select: 'id', where: "description = 'Ünïcödé 🚓 ''; --'" }, 'Ünïcödé', (rows) => expect(rows).toEqual([]))).toBe('ran');
  });
  test('tables intact after everything', tablesIntact);
});
