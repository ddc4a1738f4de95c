import { describe, expect, it } from 'vitest';
import { DatastoreError } from '../../src/domain/compat/ckan/datastore-errors.ts';
import { filtersCondition } from '../../src/domain/compat/ckan/datastore-filters.ts';
import { readSearchRequest, searchQuery } from '../../src/domain/compat/ckan/datastore-query.ts';
import { formatRecords } from '../../src/domain/compat/ckan/datastore-records.ts';
import { parseDatastoreSql } from '../../src/domain/compat/ckan/datastore-sql.ts';
import { AppError } from '../../src/domain/errors.ts';
import { CkanError } from '../../src/http/compat/ckan/envelope.ts';
import { datastoreError } from '../../src/http/compat/ckan/datastore-errors.ts';
import { printExpr } from '../../src/domain/query/print.ts';
import { ColumnResolver } from '../../src/domain/query/columns.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

/** The pure parts of the DataStore: CKAN's parameters and SQL read into the records query's tree. */
const col = (name: string, type: ColumnInfo['type']): ColumnInfo => ({ name, label: name, type, physical: type === 'integer' ? 'BIGINT' : 'VARCHAR' }) as ColumnInfo;
const COLUMNS = [col('ward', 'text'), col('count', 'integer'), col('day', 'date'), col('__rowid', 'integer')];
const print = (e: Parameters<typeof printExpr>[0]) => printExpr(e, new ColumnResolver(COLUMNS));

describe('filters', () => {
  it('equality, lists, ranges, ne, $or and null', () => {
    expect(print(filtersCondition({ ward: '06' }, COLUMNS)!)).toMatch(/ward.*=.*'06'/);
    expect(print(filtersCondition({ ward: ['1', '2'] }, COLUMNS)!)).toMatch(/IN/i);
    const range = print(filtersCondition({ count: { gte: 3, lt: '10' } }, COLUMNS)!);
    expect(range).toMatch(/>= 3/);
    expect(range).toMatch(/< 10/);
    expect(print(filtersCondition({ ward: { ne: 'x' } }, COLUMNS)!)).toMatch(/!=|<>/);
    expect(print(filtersCondition({ $or: [{ ward: '1' }, { count: 2 }] }, COLUMNS)!)).toMatch(/OR/i);
    expect(print(filtersCondition({ ward: null }, COLUMNS)!)).toMatch(/IS NULL/i);
  });

  it('refuses unknown columns, operators, hidden columns and deep nesting, naming filters', () => {
    const refuse = (f: unknown) => {
      try {
        filtersCondition(f, COLUMNS);
      } catch (e) {
        expect(e).toBeInstanceOf(DatastoreError);
        expect((e as DatastoreError).field).toBe('filters');
        return;
      }
      throw new Error(`accepted ${JSON.stringify(f)}`);
    };
    refuse({ nope: 1 });
    refuse({ count: { like: 1 } });
    refuse({ $not: [] });
    refuse('text');
    refuse({ count: 'abc' });
    let deep: unknown = { ward: '1' };
    for (let i = 0; i < 12; i++) deep = { $and: [deep] };
    refuse(deep);
    refuse(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`$$x${i}`, 1])));
  });
});

describe('search requests', () => {
  it('reads CKAN parameters and lowers the limit to 32000', () => {
    const r = readSearchRequest({ resource_id: 'x', limit: '99999', include_total: 'False', fields: '["ward","_id"]', sort: 'ward desc, count' });
    expect(r).toMatchObject({ limit: 32000, includeTotal: false, fields: ['ward', '_id'], sort: ['ward desc', 'count'] });
    const q = searchQuery(r, COLUMNS);
    expect(q.fieldIds).toEqual(['ward', '_id']);
    expect(q.parsed.order.map((o) => o.descending)).toEqual([true, false]);
  });

  it('_id sorts ascending only, __rowid is no field', () => {
    expect(searchQuery(readSearchRequest({ resource_id: 'x', sort: '_id asc' }), COLUMNS).parsed.order).toEqual([]);
    expect(() => searchQuery(readSearchRequest({ resource_id: 'x', sort: '_id desc' }), COLUMNS)).toThrow(DatastoreError);
    expect(() => searchQuery(readSearchRequest({ resource_id: 'x', fields: '__rowid' }), COLUMNS)).toThrow('invalid value "__rowid"');
  });
});

describe('SQL', () => {
  it('reads one SELECT into clauses, qualifiers and positions dropped', () => {
    const q = parseDatastoreSql('SELECT t.ward, COUNT(*) AS n FROM "abc-123" AS t WHERE t."count" > 2 GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 10 OFFSET 5');
    expect(q.resourceId).toBe('abc-123');
    expect(q.limit).toBe(10);
    expect(q.parsed.group).toHaveLength(1);
    expect(q.parsed.order[0]?.descending).toBe(true);
    expect(q.parsed.offset).toBe(5);
    expect(parseDatastoreSql('SELECT * FROM "abc"').parsed.select).toBeNull();
    expect(parseDatastoreSql('SELECT "abc".ward FROM "abc" WHERE "abc"."count" = 1').parsed.where).not.toBeNull();
    expect(parseDatastoreSql('select distinct ward from abc').parsed.group).toHaveLength(1);
  });

  it('refuses everything else with a reason', () => {
    for (const [text, reason] of [
      ['SELECT 1 FROM "a"; SELECT 2 FROM "a"', /one statement/],
      ['UPDATE "a" SET x = 1', /only reads/],
      ['SELECT * FROM "a" UNION SELECT * FROM "b"', /UNION/],
      ['SELECT * FROM "a" LEFT JOIN "b" ON true', /joins/],
      ['SELECT * FROM "a" WHERE x = \'unterminated', /Unterminated/],
      ['SELECT * FROM main."a"', /Schema-qualified/],
      ['SELECT * FROM read_parquet(\'x\')', /Table functions/],
      ['SELECT CAST(x AS int) FROM "a"', /CAST/],
      ['SELECT * FROM "a" ORDER BY 3', /not a position/],
    ] as const) {
      expect(() => parseDatastoreSql(text), text).toThrow(reason);
    }
  });
});

describe('records formats', () => {
  it('csv and tsv as PostgreSQL COPY writes them, without a header', () => {
    const rows = [{ a: 'x,y', b: true, c: null, d: '' }, { a: 'say "hi"', b: false, c: 1.5, d: 'tab\there' }];
    expect(formatRecords(rows, ['a', 'b', 'c', 'd'], 'csv')).toBe('"x,y",t,,""\n"say ""hi""",f,1.5,tab\there\n');
    expect(formatRecords(rows, ['a', 'b', 'c', 'd'], 'tsv')).toBe('x,y\tt\t\t""\n"say ""hi"""\tf\t1.5\t"tab\there"\n');
    expect(formatRecords(rows, ['b', 'a'], 'lists')).toEqual([[true, 'x,y'], [false, 'say "hi"']]);
  });
});

describe('errors', () => {
  it('a query over the time budget is CKAN\'s "took too long", a 409', () => {
    const timeout = new AppError('query_timeout', 'The query took longer than 1 s.');
    for (const [sql, text] of [[true, 'Query took too long'], [false, 'Search took too long']] as const) {
      const e = datastoreError(timeout, 'x', sql) as CkanError;
      expect(e).toBeInstanceOf(CkanError);
      expect(e.status).toBe(409);
      expect(e.fields).toEqual({ query: [text] });
    }
  });
});
