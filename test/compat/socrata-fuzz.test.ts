import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MARKER, startSodaSite, type SodaSite } from './socrata-setup.ts';

/**
 * Random SoQL, and mutations of valid SoQL, never get a 5xx, never show the
 * engine's own error text, and never read a draft or private dataset.
 */
let s: SodaSite;
beforeAll(async () => {
  s = await startSodaSite(false);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.t.close();
});

const TOKENS = [
  'program', 'boro', 'count', 'geometry', 'latitude', 'mobile', 'zip', 'primary_type', 'n', 'nope', '`boro`', '`ZIP CODE`', ':id', ':created_at',
  'select', 'where', 'group by', 'having', 'order by', 'limit', 'offset', 'search', 'distinct', 'as', 'asc', 'desc', 'and', 'or', 'not', 'in', 'is', 'null',
  'between', 'like', 'true', 'false', '=', '!=', '<>', '<', '>=', '+', '-', '*', '/', '%', '||', '(', ')', ',', "'BRONX'", "'%A%'", "'2024-01-01T00:00:00'",
  "'it''s'", '0', '1', '-1', '2.5', '1e308', '99999999999999999999', 'count(*)', 'sum(', 'avg(', 'min(', 'max(', 'upper(', 'lower(', 'starts_with(',
  'date_trunc_ymd(', 'date_trunc_ym(', 'date_trunc_y(', 'case(', 'within_circle(', 'within_box(', 'within_polygon(', "'MULTIPOLYGON (((-74 40.7, -73.9 40.7, -73.9 40.8, -74 40.7)))'",
  "'POLYGON((0 0))'", 'read_csv(', "'/etc/passwd'", ';', '--', '/*', '"', '`', '\\', '::', '$', '\u0000', 'é',
];
const PARAMS = ['$select', '$where', '$order', '$group', '$having', '$query', '$q', '$limit', '$offset'];
const VALID: Array<Record<string, string>> = [
  { $select: 'boro, count(*) AS n', $group: 'boro', $having: 'count(*) > 1', $order: 'n DESC' },
  { $where: "within_circle(geometry, 40.75, -73.95, 4000) AND starts_with(upper(program), 'A')", $order: 'program', $limit: '5' },
  { $query: "SELECT program, case(mobile, 'yes', true, 'no') AS m WHERE boro IN ('BRONX', 'QUEENS') ORDER BY program DESC LIMIT 3 OFFSET 1" },
  { $select: 'distinct boro', $where: "zip BETWEEN 10000 AND 10500 OR program LIKE '%CHURCH%'" },
];
const ENGINE_TEXT = /duckdb|binder error|parser error|catalog error|conversion error|invalid input error|internal error|sqlite|stack|at .*\.ts:/i;

const soup = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }).map((t) => t.join(' '));
const randomParams = fc.dictionary(fc.constantFrom(...PARAMS), fc.oneof(soup, fc.string({ maxLength: 30 })), { minKeys: 1, maxKeys: 3 });
const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.constantFrom(...TOKENS), fc.boolean()).map(([q, at, token, cut]) => {
  const keys = Object.keys(q);
  const key = keys[at % keys.length]!;
  const text = q[key]!;
  const i = at % (text.length + 1);
  return { ...q, [key]: cut ? text.slice(0, i) + text.slice(i + 1) : `${text.slice(0, i)} ${token} ${text.slice(i)}` };
});

async function ask(dataset: string, params: Record<string, string>, format = 'json') {
  const r = await s.app.inject({ url: `/resource/${dataset}.${format}?${new URLSearchParams(params).toString()}` });
  expect(r.statusCode, `${JSON.stringify(params)} → ${r.body}`).toBeLessThan(500);
  expect(r.body).not.toMatch(ENGINE_TEXT);
  expect(r.body).not.toContain(MARKER);
  if (r.statusCode >= 400) expect(r.json()).toMatchObject({ error: true, code: expect.any(String), message: expect.any(String) });
  return r;
}

it('random and mutated SoQL on a public dataset: no 5xx, no engine text', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(randomParams, mutated), fc.constantFrom('json', 'csv', 'geojson'), async (params, format) => {
    await ask('food-sites', params, format);
  }), { numRuns: 250 });
}, 60_000);

it('the valid queries the mutations start from do run', async () => {
  for (const q of VALID) {
    const r = await ask('food-sites', q);
    expect(r.statusCode, r.body).toBe(200);
  }
});

it('any SoQL on a draft or private dataset is a 404, by slug, id or four-by-four', async () => {
  await fc.assert(fc.asyncProperty(fc.constantFrom(...s.hidden), fc.oneof(randomParams, mutated, fc.constant({})), async (id, params) => {
    const r = await ask(id, params);
    expect(r.statusCode).toBe(404);
  }), { numRuns: 80 });
}, 60_000);
