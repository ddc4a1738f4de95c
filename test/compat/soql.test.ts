import { describe, expect, it } from 'vitest';
import { SodaError } from '../../src/domain/compat/soql/errors.ts';
import { floatingTimestamp, jsonRow, wkt } from '../../src/domain/compat/soql/encode.ts';
import { parseSoql } from '../../src/domain/compat/soql/parse.ts';
import { parseStatement } from '../../src/domain/compat/soql/statement.ts';
import { printExpr } from '../../src/domain/query/print.ts';
import { ColumnResolver } from '../../src/domain/query/columns.ts';
import type { Expr } from '../../src/domain/query/ast.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

const columns: ColumnInfo[] = [
  { name: 'ward', label: 'Ward', type: 'integer', physical: 'BIGINT' },
  { name: 'kind', label: 'Kind', type: 'text', physical: 'VARCHAR' },
  { name: 'open', label: 'Open', type: 'boolean', physical: 'BOOLEAN' },
  { name: 'opened', label: 'Opened', type: 'timestamp', physical: 'TIMESTAMP' },
  { name: 'location', label: 'Location', type: 'geometry', physical: 'VARCHAR', point: { lat: '__lat', lon: '__lon' } },
];
const resolver = new ColumnResolver(columns);
const show = (e: Expr | null): string => (e ? printExpr(e, resolver) : '');

describe('SoQL → the records query tree', () => {
  it.each([
    ['date_trunc_ymd(opened) = \'2024-01-02T00:00:00\'', "date_trunc('day', opened) = '2024-01-02T00:00:00'"],
    ['date_trunc_ym(opened) IS NOT NULL', "date_trunc('month', opened) is not null"],
    ['date_trunc_y(opened) IS NULL', "date_trunc('year', opened) is null"],
    ['within_circle(location, 41.88, -87.63, 500)', 'within_distance(location, 41.88, -87.63, 500)'],
    ['within_box(location, 41.9, -87.7, 41.8, -87.6)', 'in_bbox(location, 41.9, -87.7, 41.8, -87.6)'],
    ["within_polygon(location, 'MULTIPOLYGON (((1 2, 3 4, 5 6, 1 2)))')", "within_polygon(location, 'MULTIPOLYGON (((1 2, 3 4, 5 6, 1 2)))')"],
    ["case(ward > 10, 'high', true, 'low') = 'high'", "case when ward > 10 then 'high' when true then 'low' end = 'high'"],
  ])('%s', (soql, plaza) => {
    expect(show(parseSoql({ $where: soql }, columns).where)).toBe(plaza);
  });

  it('distinct groups by the selected expressions', () => {
    const q = parseSoql({ $select: 'distinct kind, ward' }, columns);
    expect(q.group.map((g) => show(g.expr))).toEqual(['kind', 'ward']);
  });

  it('a whole $query statement fills every clause', () => {
    const q = parseStatement("SELECT kind, count(*) AS n WHERE ward > 2 GROUP BY kind HAVING count(*) > 1 ORDER BY n DESC LIMIT 5 OFFSET 10 SEARCH 'pothole'");
    expect(q.select).toHaveLength(2);
    expect(show(q.where)).toBe('ward > 2');
    expect(q.group.map((g) => show(g.expr))).toEqual(['kind']);
    expect(show(q.having)).toBe('count(*) > 1');
    expect(q.order[0]?.descending).toBe(true);
    expect([q.limit, q.offset, q.q]).toEqual(['5', '10', 'pothole']);
  });

  it('simple filters are equalities typed by the column, ANDed with $where', () => {
    const q = parseSoql({ ward: '7', open: 'true', kind: '7', $where: 'ward < 9' }, columns);
    expect(show(q.where)).toBe("ward < 9 and ward = 7 and open = true and kind = '7'");
    expect(() => parseSoql({ ward: 'seven' }, columns)).toThrow(SodaError);
  });
});

describe('SODA value encoding', () => {
  it('numbers as strings, floating timestamps, nulls left out', () => {
    const fields = [{ name: 'n', type: 'integer', label: 'n' }, { name: 't', type: 'timestamp', label: 't' }, { name: 'd', type: 'date', label: 'd' }, { name: 'z', type: 'text', label: 'z' }] as const;
    expect(jsonRow([...fields], { n: 42, t: '2014-09-30 12:05:00', d: '2014-09-01', z: null })).toEqual({ n: '42', t: '2014-09-30T12:05:00.000', d: '2014-09-01T00:00:00.000' });
    expect(floatingTimestamp('2014-09-30T12:05:01.5')).toBe('2014-09-30T12:05:01.500');
  });
  it('geometry as WKT for CSV', () => {
    expect(wkt({ type: 'Point', coordinates: [-87.6, 41.8] })).toBe('POINT (-87.6 41.8)');
    expect(wkt({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] })).toBe('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))');
  });
});
