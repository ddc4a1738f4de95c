import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordsRequest } from '../../src/domain/query/index.ts';
import { createFixture, query, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(() => fx.close());

const ids = (...list: number[]): Record<string, unknown>[] => list.map((id) => ({ id }));
const TRIANGLE = "POLYGON((-87.64 41.87, -87.60 41.87, -87.60 41.90, -87.64 41.87))";
const HOLE = 'POLYGON((-87.65 41.87, -87.60 41.87, -87.60 41.90, -87.65 41.90, -87.65 41.87), (-87.637 41.875, -87.630 41.875, -87.630 41.885, -87.637 41.885, -87.637 41.875))';
const AIRPORTS = 'MULTIPOLYGON(((-87.92 41.96, -87.89 41.96, -87.89 41.99, -87.92 41.99, -87.92 41.96)), ((-87.76 41.78, -87.74 41.78, -87.74 41.80, -87.76 41.80, -87.76 41.78)))';
// 200-vertex circle of radius 1 km around the Loop (41.8781, -87.6298), 4 decimals per coordinate.
const CIRCLE = 'POLYGON((' + Array.from({ length: 201 }, (_, i) => {
  const a = (2 * Math.PI * (i % 200)) / 200;
  return `${(-87.6298 + (1000 / (111195 * Math.cos((41.8781 * Math.PI) / 180))) * Math.cos(a)).toFixed(4)} ${(41.8781 + (1000 / 111195) * Math.sin(a)).toFixed(4)}`;
}).join(',') + '))';
// 500 vertices (the maximum) of short numbers far from Chicago: must run, match nothing.
const MAX_RING = 'POLYGON((' + Array.from({ length: 501 }, (_, i) => (i === 500 ? '0 0' : `${i % 10} ${Math.floor(i / 10) % 10}`)).join(',') + '))';

interface Case {
  name: string;
  req: RecordsRequest;
  expect: Record<string, unknown>[];
}

// Fixture (rowid: id type, description, arrest, district, ward, date, loss, place):
//  1: 11001 THEFT 'OVER $500' F 1 '42' 01-05 08:30 650 Willis Tower
//  2: 11002 BATTERY 'SIMPLE' T 1 '42' 01-05 22:15 null Millennium Park
//  3: 11003 THEFT 'RETAIL THEFT' T 18 '02' 01-12 14:00 120.5 Navy Pier
//  4: 11004 CRIMINAL DAMAGE 'TO VEHICLE' F 19 '44' 02-03 01:45 900 Wrigley Field
//  5: 11005 NARCOTICS 'POSS: CANNABIS...' T 11 '27' 02-14 17:20 null Garfield Park
//  6: 11006 THEFT 'FROM BUILDING' F 2 '05' 03-01 09:00 75.25 Hyde Park
//  7: 11007 BURGLARY 'FORCIBLE ENTRY' F 16 '41' 03-09 03:10 2300 O'Hare
//  8: 11008 BATTERY 'AGG: HANDS/FIST/FEET' T 8 '23' 03-09 23:59 null Midway
//  9: 11009 DECEPTIVE PRACTICE 'FINANCIAL IDENTITY THEFT ...' F null null 04-20 12:00 300 (no location)
// 10: 11010 THEFT 'POCKET-PICKING' F 1 '42' 04-20 12:00 40 Union Station
// 11: 11011 ASSAULT 'SIMPLE' F 18 '43' 05-02 19:30 null Lincoln Park Zoo
// 12: 11012 CRIMINAL DAMAGE 'TO PROPERTY' T 1 '04' 05-30 16:45 1500 Soldier Field
// 13: 11013 THEFT "O'HARE LOST & FOUND; -- /* */" F 16 '41' null 999.99 O'Hare
// 14: 11014 OTHER OFFENSE 'TELEPHONE THREAT' null 1 '42' 01-05 08:30 null City Hall
const CASES: Case[] = [
  { name: '= text', req: { select: 'id', where: "primary_type = 'THEFT'" }, expect: ids(11001, 11003, 11006, 11010, 11013) },
  { name: '= text is exact: case matters', req: { select: 'id', where: "primary_type = 'theft'" }, expect: [] },
  { name: 'lower() on both sides ignores case', req: { select: 'id', where: "lower(primary_type) = lower('Theft')" }, expect: ids(11001, 11003, 11006, 11010, 11013) },
  { name: 'ILIKE without wildcards is a whole value, any case', req: { select: 'id', where: "primary_type ilike 'theft'" }, expect: ids(11001, 11003, 11006, 11010, 11013) },
  { name: 'lower() != skips nulls', req: { select: 'id', where: "lower(ward) != lower('42')" }, expect: ids(11003, 11004, 11005, 11006, 11007, 11008, 11011, 11012, 11013) },
  { name: '!= and AND', req: { select: 'id', where: "primary_type != 'THEFT' and district = 1" }, expect: ids(11002, 11012, 11014) },
  { name: '<> skips nulls', req: { select: 'id', where: "ward <> '42'" }, expect: ids(11003, 11004, 11005, 11006, 11007, 11008, 11011, 11012, 11013) },
  { name: '< decimal', req: { select: 'id', where: 'loss < 100' }, expect: ids(11006, 11010) },
  { name: '<= decimal literal', req: { select: 'id', where: 'loss <= 120.5' }, expect: ids(11003, 11006, 11010) },
  { name: '> integer', req: { select: 'id', where: 'district > 16' }, expect: ids(11003, 11004, 11011) },
  { name: '>= integer', req: { select: 'id', where: 'district >= 16' }, expect: ids(11003, 11004, 11007, 11011, 11013) },
  {
    name: 'arithmetic + - * / %',
    req: { select: 'id, loss * 2 as double_loss, loss + 1 as plus, district - 1 as d, district % 5 as m, loss / 4 as q', where: 'id = 11001' },
    expect: [{ id: 11001, double_loss: 1300, plus: 651, d: 0, m: 1, q: 162.5 }],
  },
  { name: 'integer / integer is decimal', req: { select: 'district / 2 as half', where: 'id = 11004' }, expect: [{ half: 9.5 }] },
  { name: 'unary minus and precedence', req: { select: '-district as neg, 2 + 3 * district as calc, (2 + 3) * district as calc2', where: 'id = 11003' }, expect: [{ neg: -18, calc: 56, calc2: 90 }] },
  { name: 'IN', req: { select: 'id', where: "ward in ('02', '04', '05')" }, expect: ids(11003, 11006, 11012) },
  { name: 'NOT IN', req: { select: 'id', where: 'district not in (1, 18)' }, expect: ids(11004, 11005, 11006, 11007, 11008, 11013) },
  { name: 'BETWEEN', req: { select: 'id', where: 'loss between 100 and 900' }, expect: ids(11001, 11003, 11004, 11009) },
  { name: 'NOT BETWEEN', req: { select: 'id', where: 'district not between 2 and 18' }, expect: ids(11001, 11002, 11004, 11010, 11012, 11014) },
  { name: 'BETWEEN coerces date strings', req: { select: 'id', where: "date between '2024-03-01' and '2024-03-31'" }, expect: ids(11006, 11007, 11008) },
  { name: 'LIKE', req: { select: 'id', where: "description like 'TO %'" }, expect: ids(11004, 11012) },
  { name: 'NOT LIKE', req: { select: 'id', where: "primary_type not like '%A%'" }, expect: ids(11001, 11003, 11006, 11010, 11013, 11014) },
  { name: 'ILIKE', req: { select: 'id', where: "description ilike '%theft%'" }, expect: ids(11003, 11009) },
  { name: 'IS NULL', req: { select: 'id', where: 'loss is null' }, expect: ids(11002, 11005, 11008, 11011, 11014) },
  { name: 'IS NOT NULL', req: { select: 'id', where: 'ward is not null and date is null' }, expect: ids(11013) },
  { name: 'OR, NOT, parentheses', req: { select: 'id', where: "(primary_type = 'BATTERY' or primary_type = 'ASSAULT') and not arrest" }, expect: ids(11011) },
  { name: 'boolean literal', req: { select: 'id', where: 'arrest = true' }, expect: ids(11002, 11003, 11005, 11008, 11012) },
  { name: 'date literal', req: { select: 'id', where: "occurred_on = date'2024-01-05'" }, expect: ids(11001, 11002, 11014) },
  { name: 'timestamp literal', req: { select: 'id', where: "date = timestamp'2024-04-20T12:00:00'" }, expect: ids(11009, 11010) },
  { name: 'timestamp literal with offset vs TIMESTAMPTZ', req: { select: 'id', where: "updated_on < timestamp'2024-01-06T23:00:00+02:00'" }, expect: ids(11001, 11014) },
  { name: 'text coerced for TIMESTAMPTZ', req: { select: 'id', where: "updated_on >= '2024-05-01'" }, expect: ids(11011, 11012) },
  {
    name: 'date parts',
    req: { select: 'id, year(date) as y, month(date) as m, day(date) as d, hour(date) as h, minute(date) as mi, weekday(date) as wd, quarter(date) as q', where: 'id = 11004' },
    expect: [{ id: 11004, y: 2024, m: 2, d: 3, h: 1, mi: 45, wd: 6, q: 1 }],
  },
  { name: 'weekday 0=Sunday..6=Saturday on a date column', req: { select: 'id', where: 'weekday(occurred_on) = 6' }, expect: ids(11004, 11007, 11008, 11009, 11010) },
  { name: 'lower upper length', req: { select: 'lower(primary_type) as lt, upper(description) as ud, length(description) as len', where: 'id = 11006' }, expect: [{ lt: 'theft', ud: 'FROM BUILDING', len: 13 }] },
  { name: 'contains is case-insensitive', req: { select: 'id', where: "contains(description, 'simple')" }, expect: ids(11002, 11011) },
  { name: 'lower() and contains()', req: { select: 'id', where: "lower(primary_type) = 'theft' and contains(ward, '4')" }, expect: ids(11001, 11010, 11013) },
  { name: 'search(col, words)', req: { select: 'id', where: "search(description, 'theft IDENTITY')" }, expect: ids(11009) },
  { name: 'search(words) over all text columns', req: { select: 'id', where: "search('42 battery')" }, expect: ids(11002) },
  { name: 'q ANDed with where', req: { select: 'id', q: 'Theft', where: 'district = 1' }, expect: ids(11001, 11010) },
  { name: 'q with an apostrophe', req: { select: 'id', q: "o'hare" }, expect: ids(11013) },
  { name: 'within_distance 1 km of the Loop', req: { select: 'id', where: 'within_distance(location, 41.8781, -87.6298, 1000)' }, expect: ids(11001, 11002, 11010, 11014) },
  { name: 'within_distance 600 m (Willis 513 m in, City Hall 649 m out)', req: { select: 'id', where: 'within_distance(location, 41.8781, -87.6298, 600)' }, expect: ids(11001) },
  { name: 'in_bbox', req: { select: 'id', where: 'in_bbox(location, 41.87, -87.65, 41.89, -87.62)' }, expect: ids(11001, 11002, 11010, 11014) },
  { name: 'in_bbox corners in any order', req: { select: 'id', where: 'in_bbox(`Location`, 41.89, -87.62, 41.87, -87.65)' }, expect: ids(11001, 11002, 11010, 11014) },
  { name: 'within_polygon triangle (bbox holds Willis and City Hall, triangle does not)', req: { select: 'id', where: `within_polygon(location, '${TRIANGLE}')` }, expect: ids(11002, 11003) },
  { name: 'within_polygon with a hole', req: { select: 'id', where: `within_polygon(location, '${HOLE}')` }, expect: ids(11002, 11003, 11010) },
  { name: 'within_polygon multipolygon', req: { select: 'id', where: `within_polygon(location, '${AIRPORTS}')` }, expect: ids(11007, 11008, 11013) },
  { name: 'within_polygon 200-vertex circle = within_distance 1 km', req: { select: 'id', where: `within_polygon(location, '${CIRCLE}')` }, expect: ids(11001, 11002, 11010, 11014) },
  { name: 'within_polygon with 500 vertices runs', req: { select: 'id', where: `within_polygon(location, '${MAX_RING}')` }, expect: [] },
  { name: 'distance: nearest to the Loop first; rows without a place last', req: { select: 'id', where: 'distance(location, 41.8781, -87.6298) < 1000', order_by: 'distance(location, 41.8781, -87.6298)' }, expect: ids(11001, 11014, 11002, 11010) },
  { name: 'NOT within_distance: O Hare (23 km) yes, no-location row unknown so no', req: { select: 'id', where: 'not within_distance(location, 41.8781, -87.6298, 20000)' }, expect: ids(11007, 11013) },
  {
    name: 'aggregates without group_by',
    req: { select: 'count(*) as n, count(loss) as with_loss, count(distinct primary_type) as types, sum(loss) as total, sum(district) as ds, avg(loss) as mean, min(date) as first, max(date) as last', where: 'district = 1' },
    expect: [{ n: 5, with_loss: 3, types: 4, total: 2190, ds: 5, mean: 730, first: '2024-01-05 08:30:00', last: '2024-05-30 16:45:00' }],
  },
  { name: 'aggregate with a boolean column as condition', req: { select: 'count(*) as n', where: 'arrest' }, expect: [{ n: 5 }] },
  {
    name: 'group_by default select, order by count alias',
    req: { group_by: 'primary_type', order_by: 'count desc, primary_type', limit: 3 },
    expect: [{ primary_type: 'THEFT', count: 5 }, { primary_type: 'BATTERY', count: 2 }, { primary_type: 'CRIMINAL DAMAGE', count: 2 }],
  },
  {
    name: 'group_by two keys, keys ordered ASC NULLS LAST',
    req: { select: 'district, arrest, count(*) as n, sum(loss) as total', group_by: 'district, arrest', where: 'district in (1, 18)' },
    expect: [
      { district: 1, arrest: false, n: 2, total: 690 },
      { district: 1, arrest: true, n: 2, total: 1500 },
      { district: 1, arrest: null, n: 1, total: null },
      { district: 18, arrest: false, n: 1, total: null },
      { district: 18, arrest: true, n: 1, total: 120.5 },
    ],
  },
  {
    name: "date_trunc('month') bucketing by alias",
    req: { select: "date_trunc('month', date) as month, count(*) as n", group_by: 'month' },
    expect: [
      { month: '2024-01-01 00:00:00', n: 4 },
      { month: '2024-02-01 00:00:00', n: 2 },
      { month: '2024-03-01 00:00:00', n: 3 },
      { month: '2024-04-01 00:00:00', n: 2 },
      { month: '2024-05-01 00:00:00', n: 2 },
      { month: null, n: 1 },
    ],
  },
  {
    name: "date_trunc('week') on a date column stays a date (weeks start Monday)",
    req: { select: "date_trunc('week', occurred_on) as week, count(*) as n", group_by: "date_trunc('WEEK', occurred_on)", where: "occurred_on < '2024-02-15'" },
    expect: [{ week: '2024-01-01', n: 3 }, { week: '2024-01-08', n: 1 }, { week: '2024-01-29', n: 1 }, { week: '2024-02-12', n: 1 }],
  },
  {
    name: "date_trunc quarter, year, day",
    req: { select: "date_trunc('quarter', date) as q, date_trunc('year', occurred_on) as y, date_trunc('day', date) as d", where: 'id = 11011' },
    expect: [{ q: '2024-04-01 00:00:00', y: '2024-01-01', d: '2024-05-02 00:00:00' }],
  },
  { name: 'group by a date part', req: { select: 'quarter(date) as q, count(*) as n', group_by: 'quarter(date)' }, expect: [{ q: 1, n: 9 }, { q: 2, n: 4 }, { q: null, n: 1 }] },
  {
    name: 'group_by with order_by on aggregate aliases, DESC',
    req: { select: 'ward, count(*) as n, max(loss) as worst', group_by: 'ward', order_by: 'n desc, ward desc', limit: 2 },
    expect: [{ ward: '42', n: 4, worst: 650 }, { ward: '41', n: 2, worst: 2300 }],
  },
  { name: 'group_by alias referenced in select and order_by', req: { group_by: 'year(date) as y', select: 'y, count(*) as days', order_by: 'y desc' }, expect: [{ y: 2024, days: 13 }, { y: null, days: 1 }] },
  { name: '|| joins texts (other types as text)', req: { select: "primary_type || ' / ' || district as what", where: 'id in (11001, 11009)' }, expect: [{ what: 'THEFT / 1' }, { what: null }] },
  { name: '|| inside an aggregate', req: { select: "count(distinct primary_type || ward) as n", where: 'district = 1' }, expect: [{ n: 4 }] },
  { name: 'group_by alias in default select', req: { group_by: 'year(date) as yr' }, expect: [{ yr: 2024, count: 13 }, { yr: null, count: 1 }] },
  { name: 'group_by an expression with a literal', req: { select: 'district + 100 as d100, count(*) as n', group_by: 'district + 100', where: 'district < 3' }, expect: [{ d100: 101, n: 5 }, { d100: 102, n: 1 }] },
  { name: 'order_by a select alias', req: { select: 'id, loss * 2 as dbl', where: 'loss is not null', order_by: 'dbl desc', limit: 3 }, expect: [{ id: 11007, dbl: 4600 }, { id: 11012, dbl: 3000 }, { id: 11013, dbl: 1999.98 }] },
  { name: 'limit and offset', req: { select: 'id', order_by: 'id desc', limit: 3, offset: 2 }, expect: ids(11012, 11011, 11010) },
  { name: 'limit and offset as strings', req: { select: 'id', limit: '2', offset: '12' }, expect: ids(11013, 11014) },
  { name: 'order ASC puts NULLs last, ties by row', req: { select: 'id', order_by: 'district' }, expect: ids(11001, 11002, 11010, 11012, 11014, 11006, 11008, 11005, 11007, 11013, 11003, 11011, 11004, 11009) },
  { name: 'order DESC puts NULLs last too', req: { select: 'id', order_by: 'loss desc', where: 'district = 1' }, expect: ids(11012, 11001, 11010, 11002, 11014) },
  {
    name: 'backtick names and labels',
    req: { select: '`Primary Type`, `case_number`', where: '`Loss Amount` > 1000' },
    expect: [{ primary_type: 'BURGLARY', case_number: 'JA100007' }, { primary_type: 'CRIMINAL DAMAGE', case_number: 'JA100012' }],
  },
  { name: 'identifiers are case-insensitive', req: { select: 'ID', where: "PRIMARY_TYPE = 'NARCOTICS' AND Arrest" }, expect: ids(11005) },
  { name: "'' escapes a quote", req: { select: 'id', where: "description = 'O''HARE LOST & FOUND; -- /* */'" }, expect: ids(11013) },
  { name: 'geometry as GeoJSON text', req: { select: 'location', where: 'id = 11014' }, expect: [{ location: '{"type":"Point","coordinates":[-87.632,41.8837]}' }] },
  { name: 'boolean expression in select', req: { select: 'id, loss > 500 as big', where: 'district = 1' }, expect: [{ id: 11001, big: true }, { id: 11002, big: null }, { id: 11010, big: false }, { id: 11012, big: true }, { id: 11014, big: null }] },
  { name: 'default output names', req: { select: 'year(date), count(*), avg(loss)', group_by: 'year(date)', where: 'district = 2' }, expect: [{ year_date: 2024, count: 1, avg_loss: 75.25 }] },
  { name: 'geo + text', req: { select: 'id', where: "within_distance(location, 41.9742, -87.9073, 50) and primary_type = 'THEFT'" }, expect: ids(11013) },
  {
    name: 'having filters groups by an aggregate',
    req: { select: 'primary_type, count(*) as n', group_by: 'primary_type', having: 'count(*) >= 2', order_by: 'primary_type' },
    expect: [{ primary_type: 'BATTERY', n: 2 }, { primary_type: 'CRIMINAL DAMAGE', n: 2 }, { primary_type: 'THEFT', n: 5 }],
  },
  {
    name: 'having names a select alias',
    req: { select: 'primary_type, sum(loss) as total', group_by: 'primary_type', having: 'total > 1000', order_by: 'total desc' },
    expect: [{ primary_type: 'CRIMINAL DAMAGE', total: 2400 }, { primary_type: 'BURGLARY', total: 2300 }, { primary_type: 'THEFT', total: 1885.74 }],
  },
  {
    name: 'CASE WHEN picks the first true condition, ELSE otherwise, NULL without ELSE',
    req: { select: "id, CASE WHEN loss >= 1000 THEN 'large' WHEN loss >= 100 THEN 'medium' ELSE 'small' END AS size, case when arrest then 1 end as a", where: 'id in (11002, 11003, 11007, 11010)' },
    expect: [{ id: 11002, size: 'small', a: 1 }, { id: 11003, size: 'medium', a: 1 }, { id: 11007, size: 'large', a: null }, { id: 11010, size: 'small', a: null }],
  },
  {
    name: 'CASE as a group key',
    req: { select: "CASE WHEN district = 1 THEN 'one' ELSE 'other' END AS d, count(*) AS n", group_by: 'd', order_by: 'd' },
    expect: [{ d: 'one', n: 5 }, { d: 'other', n: 9 }],
  },
  { name: 'starts_with() is case-sensitive', req: { select: 'id', where: "starts_with(description, 'TO ') or starts_with(description, 'to ')" }, expect: ids(11004, 11012) },
];

describe('valid queries run against DuckDB (Parquet file and table) with exact results', () => {
  test('there are at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  test.each(CASES)('$name', async ({ req, expect: rows }) => {
    expect(await query(fx, req, fx.parquet)).toEqual(rows);
    expect(await query(fx, req, fx.table)).toEqual(rows);
  });
});

describe('select *', () => {
  test('returns every visible column and no hidden one', async () => {
    const rows = await query(fx, { where: 'id = 11009' });
    expect(rows).toEqual([
      {
        id: 11009,
        case_number: 'JA100009',
        primary_type: 'DECEPTIVE PRACTICE',
        description: 'FINANCIAL IDENTITY THEFT $300 AND UNDER',
        arrest: false,
        district: null,
        ward: null,
        date: '2024-04-20 12:00:00',
        occurred_on: '2024-04-20',
        updated_on: '2024-04-21 12:00:00+00',
        loss: 300,
        location: null,
        beat_area: '{"type":"Polygon","coordinates":[[[-87.64,41.87],[-87.62,41.87],[-87.62,41.89],[-87.64,41.87]]]}',
      },
    ]);
  });
});

describe('distance()', () => {
  /** Haversine in meters, computed here apart from the SQL. */
  const haversine = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
    const r = (d: number) => (d * Math.PI) / 180;
    const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
  };
  test('gives meters in select, sorts by its alias, and is null (last) for a row without a place', async () => {
    const rows = await query(fx, { select: 'id, distance(location, 41.8781, -87.6298) as m', where: 'id = 11001 or id = 11009 or id = 11007', order_by: 'm desc' });
    expect(rows.map((r) => r.id)).toEqual([11007, 11001, 11009]);
    expect(rows[0]!.m as number).toBeCloseTo(haversine(41.8781, -87.6298, 41.9742, -87.9073), 3);
    expect(rows[1]!.m as number).toBeCloseTo(haversine(41.8781, -87.6298, 41.8789, -87.6359), 3);
    expect(rows[2]!.m).toBeNull();
  });
});
