import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFacetQuery, compileRecordsQuery, nextCursor, QueryError, type RecordsRequest } from '../../src/domain/query/index.ts';
import { COLUMNS, createFixture, query, runCount, runPage, walk, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(() => fx.close());

const SORTS: RecordsRequest[] = [
  { select: 'id, district, loss', order_by: 'district desc, loss' },
  { select: 'id, date, ward', order_by: 'date desc, ward' },
  { select: 'id', order_by: 'updated_on, arrest desc' },
  { select: 'id, primary_type', order_by: 'primary_type desc, occurred_on, loss desc' },
  { select: 'id', order_by: 'year(date), lower(description) desc' },
  { select: 'id, loss * 2 as dbl', order_by: 'dbl, id desc' },
  { select: 'id', order_by: '`Loss Amount` desc, arrest', where: 'district <= 16 or district is null' },
  { select: 'id', order_by: 'ward, loss', q: 'theft' },
  { select: 'id' },
];

describe('keyset cursor pagination', () => {
  test('hand-checked order: district DESC, loss ASC, both NULLS LAST, ties by row', async () => {
    const all = await walk(fx, { select: 'id', order_by: 'district desc, loss', limit: 2 });
    expect(all.rows.map((r) => r['id'])).toEqual([11004, 11003, 11011, 11013, 11007, 11005, 11008, 11006, 11010, 11001, 11012, 11002, 11014, 11009]);
    expect(all.pages).toBe(8); // 7 full pages, then an empty one
  });

  for (const req of SORTS) {
    for (const limit of [1, 2, 3, 5]) {
      test(`${JSON.stringify(req)} in pages of ${limit} equals one ordered query`, async () => {
        const whole = await query(fx, { ...req, limit: 1000 });
        const paged = await walk(fx, { ...req, limit });
        expect(paged.rows).toEqual(whole);
        const keys = paged.rows.map((r) => JSON.stringify(r));
        expect(new Set(keys).size).toBe(keys.length);
        expect(paged.pages).toBe(Math.floor(whole.length / limit) + 1);
      });
    }
  }

  test('walks the Parquet source too', async () => {
    const req = { select: 'id, date', order_by: 'date desc' };
    const paged = await walk(fx, { ...req, limit: 4 }, fx.parquet);
    expect(paged.rows).toEqual(await query(fx, { ...req, limit: 100 }, fx.parquet));
    expect(paged.rows).toHaveLength(14);
  });

  test('no cursor on the last page; reserved columns are not fields', async () => {
    const q = compileRecordsQuery({ select: 'id', order_by: 'loss', limit: 20 }, COLUMNS, fx.table);
    expect(q.reservedColumns).toEqual(['__rowid', '__c0']);
    expect(q.fields.map((f) => f.name)).toEqual(['id']);
    const page = await runPage(fx, q);
    expect(Object.keys(page.raw[0] ?? {})).toEqual(['id', '__rowid', '__c0']);
    expect(nextCursor(q, page.raw[page.raw.length - 1], page.raw.length)).toBeNull();
  });

  test('a cursor works with getRowObjects() values (bigint rowid) as well', async () => {
    const q = compileRecordsQuery({ select: 'id', order_by: 'district', limit: 5 }, COLUMNS, fx.table);
    const r = await fx.conn.runAndReadAll(q.sql, q.params);
    const rows = r.getRowObjects();
    const cursor = nextCursor(q, rows[rows.length - 1], rows.length);
    expect(cursor).not.toBeNull();
    const next = await query(fx, { select: 'id', order_by: 'district', limit: 5, cursor: cursor ?? '' });
    expect(next).toEqual([{ id: 11006 }, { id: 11008 }, { id: 11005 }, { id: 11007 }, { id: 11013 }]);
  });

  test('a cursor is rejected for another query, but fine with another limit', async () => {
    const q = compileRecordsQuery({ select: 'id', order_by: 'district', limit: 2 }, COLUMNS, fx.table);
    const page = await runPage(fx, q);
    const cursor = nextCursor(q, page.raw[1], 2) ?? '';
    expect(() => compileRecordsQuery({ select: 'id', order_by: 'district', limit: 7, cursor }, COLUMNS, fx.table)).not.toThrow();
    for (const other of [{ order_by: 'loss' }, { order_by: 'district', where: 'arrest' }, { order_by: 'district', q: 'theft' }, { select: 'id, ward', order_by: 'district' }]) {
      expect(() => compileRecordsQuery({ select: 'id', ...other, cursor }, COLUMNS, fx.table)).toThrow(QueryError);
    }
  });
});

describe('grouped queries page with offset cursors', () => {
  test('walks all groups', async () => {
    const req = { group_by: 'primary_type', order_by: 'count desc' };
    const paged = await walk(fx, { ...req, limit: 3 });
    expect(paged.pages).toBe(3);
    expect(paged.rows).toEqual(await query(fx, req));
    expect(paged.rows.map((r) => r['primary_type'])).toEqual(['THEFT', 'BATTERY', 'CRIMINAL DAMAGE', 'ASSAULT', 'BURGLARY', 'DECEPTIVE PRACTICE', 'NARCOTICS', 'OTHER OFFENSE']);
  });
});

describe('total_count', () => {
  const cases: [RecordsRequest, number][] = [
    [{ select: 'id', where: "primary_type = 'THEFT'", limit: 2 }, 5],
    [{ select: 'id, loss + 1 as l', where: 'loss > 100', q: 'theft' }, 4],
    [{}, 14],
    [{ group_by: 'primary_type', limit: 3 }, 8],
    [{ select: "ward, count(*) as n", group_by: 'ward', where: "ward like '4%'" }, 4],
    [{ select: 'count(*) as n' }, 1],
  ];
  test.each(cases)('%j → %i', async (req, total) => {
    expect(await runCount(fx, compileRecordsQuery(req, COLUMNS, fx.table))).toBe(total);
  });
  test('ignores the cursor position', async () => {
    const q = compileRecordsQuery({ select: 'id', limit: 4 }, COLUMNS, fx.table);
    const page = await runPage(fx, q);
    const next = compileRecordsQuery({ select: 'id', limit: 4, cursor: nextCursor(q, page.raw[3], 4) ?? '' }, COLUMNS, fx.table);
    expect(await runCount(fx, next)).toBe(14);
    expect((await runPage(fx, next)).rows).toEqual([{ id: 11005 }, { id: 11006 }, { id: 11007 }, { id: 11008 }]);
  });
});

describe('facets', () => {
  const facet = async (column: string, req: RecordsRequest, limit?: number) => {
    const f = compileFacetQuery(column, req, COLUMNS, fx.table, limit);
    const r = await fx.conn.runAndReadAll(f.sql, f.params);
    return r.getRowObjectsJson().map((row) => ({ value: row['value'], count: Number(row['count']) }));
  };
  test('value counts under where, by count desc then value', async () => {
    expect(await facet('primary_type', { where: 'district = 1' })).toEqual([
      { value: 'THEFT', count: 2 },
      { value: 'BATTERY', count: 1 },
      { value: 'CRIMINAL DAMAGE', count: 1 },
      { value: 'OTHER OFFENSE', count: 1 },
    ]);
  });
  test('by label, under q, NULL last, with a limit', async () => {
    expect(await facet('Ward', { q: 'theft' })).toEqual([
      { value: '42', count: 2 },
      { value: '02', count: 1 },
      { value: '05', count: 1 },
      { value: '41', count: 1 },
      { value: null, count: 1 },
    ]);
    expect(await facet('ward', { q: 'theft' }, 2)).toEqual([{ value: '42', count: 2 }, { value: '02', count: 1 }]);
  });
  test('field describes the column; errors name facet', () => {
    expect(compileFacetQuery('ARREST', {}, COLUMNS, fx.table).field).toEqual({ name: 'arrest', type: 'boolean', label: 'Arrest' });
    expect(() => compileFacetQuery('wrd', {}, COLUMNS, fx.table)).toThrow(expect.objectContaining({ code: 'unknown_column', param: 'facet', hint: 'did you mean `ward`?' }));
    expect(() => compileFacetQuery('location', {}, COLUMNS, fx.table)).toThrow(expect.objectContaining({ code: 'query_invalid', param: 'facet' }));
  });
});
