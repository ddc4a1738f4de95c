import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { rows, serveTls, soda } from './soda-client.ts';
import { CRIMES, startSodaSite, type SodaSite } from './socrata-setup.ts';

/** SODA 2 against the native records API: the same questions give the same rows, in SODA's shapes. */
let s: SodaSite;
let crimes4x4: string;
beforeAll(async () => {
  s = await startSodaSite();
  crimes4x4 = fourByFour((await s.t.deps.catalog.datasets.getDataset('crimes'))!.id);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.t.close();
});

const get = (url: string) => s.app.inject({ url });
const soql = async (path: string, params: Record<string, string>) => {
  const r = await get(`/resource/${path}?${new URLSearchParams(params).toString()}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Array<Record<string, unknown>>;
};
const native = async (slug: string, params: Record<string, string>) => {
  const r = await get(`/api/v1/datasets/${slug}/records?${new URLSearchParams(params).toString()}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { results: Array<Record<string, unknown>> }).results;
};
/** Native values as SODA's JSON writes them: strings, booleans kept, nulls left out. */
const asSoda = (rs: Array<Record<string, unknown>>) =>
  rs.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)])));

describe('a Socrata client', () => {
  it('soda-js reads a dataset by its four-by-four with $where, $select, $order and $limit', async () => {
    const tls = await serveTls(s.app);
    try {
      const q = new soda.Consumer(tls.dataSite).query().withDataset(crimes4x4).select('id', 'primary_type', 'district').where("primary_type = 'ARSON'", 'district > 5').order('id desc').limit(3);
      expect(decodeURIComponent(q.getURL())).toContain("$where=(primary_type = 'ARSON') and (district > 5)");
      const got = (await rows(q)) as Array<Record<string, unknown>>;
      const want = await native('crimes', { select: 'id, primary_type, district', where: "primary_type = 'ARSON' AND district > 5", order_by: 'id DESC', limit: '3' });
      expect(got).toEqual(asSoda(want));
      expect(got).toHaveLength(3);
    } finally {
      await tls.close();
    }
  });
});

describe('the same question, natively and in SoQL', () => {
  it('filter, order and limit; $query gives the same rows', async () => {
    const want = asSoda(await native('crimes', { select: 'id, block, arrest', where: "primary_type IN ('THEFT', 'BATTERY') AND NOT arrest AND date >= '2014-09-15T00:00:00' AND block LIKE '%ST'", order_by: 'date DESC, id', limit: '25', offset: '5' }));
    const params = { $select: 'id, block, arrest', $where: "primary_type IN ('THEFT', 'BATTERY') AND NOT arrest AND date >= '2014-09-15T00:00:00' AND block LIKE '%ST'", $order: 'date DESC, id', $limit: '25', $offset: '5' };
    expect(await soql('crimes.json', params)).toEqual(want);
    expect(await soql(`${crimes4x4}.json`, { $query: `SELECT id, block, arrest WHERE ${params.$where} ORDER BY date DESC, id LIMIT 25 OFFSET 5` })).toEqual(want);
    expect(want).toHaveLength(25);
  });

  it('group by with count, sum and having (the benchmark question)', async () => {
    const want = asSoda(await native('crimes', { select: 'district, count(*) AS n, sum(id) AS s', group_by: 'district', having: 'count(*) > 100', order_by: 'n DESC', limit: '20' }));
    expect(await soql(`${crimes4x4}.json`, { $select: 'district, count(*) AS n, sum(id) AS s', $group: 'district', $having: 'count(*) > 100', $order: 'n DESC', $limit: '20' })).toEqual(want);
    expect(want.length).toBeGreaterThan(5);
  });

  it('a SoQL group-by runs one engine query, with nothing per row', async () => {
    const engine = s.t.deps.engine;
    const original = engine.query.bind(engine);
    const seen: string[] = [];
    engine.query = (sql, params, opts) => {
      seen.push(sql);
      return original(sql, params, opts);
    };
    try {
      const rows = await soql(`${crimes4x4}.json`, { $select: 'block, count(*) AS n', $group: 'block', $order: 'n DESC', $limit: '20' });
      expect(rows).toHaveLength(20);
    } finally {
      engine.query = original;
    }
    expect(seen).toHaveLength(1);
  });

  it('date_trunc_ymd and date_trunc_ym groups; distinct; count(distinct x)', async () => {
    const days = await soql('crimes.json', { $select: 'date_trunc_ymd(date) AS day, count(*) AS n', $group: 'day', $order: 'day' });
    const nativeDays = await native('crimes', { select: "date_trunc('day', date) AS day, count(*) AS n", group_by: 'day', order_by: 'day' });
    expect(days.map((d) => d.n)).toEqual(nativeDays.map((d) => String(d.n)));
    expect(days[0]?.day).toBe('2014-09-01T00:00:00.000');
    expect(await soql('crimes.json', { $select: 'date_trunc_ym(date) AS m, count(*) AS n', $group: 'm' })).toEqual([{ m: '2014-09-01T00:00:00.000', n: String(CRIMES) }]);
    expect(await soql('crimes.json', { $select: 'date_trunc_y(date) AS y', $group: 'y' })).toEqual([{ y: '2014-01-01T00:00:00.000' }]);
    const distinct = await soql('crimes.json', { $select: 'distinct district', $where: 'district IS NOT NULL', $order: 'district', $limit: '50000' });
    const [{ n }] = (await soql('crimes.json', { $select: 'count(distinct district) AS n' })) as [{ n: string }];
    expect(distinct.length).toBe(Number(n));
    expect(distinct).toEqual(asSoda(await native('crimes', { group_by: 'district', select: 'district', where: 'district IS NOT NULL', order_by: 'district' })));
  });

  it('case(), upper, lower, starts_with, ||, BETWEEN and IS NULL', async () => {
    const got = await soql('crimes.json', { $select: "id, case(district < 10, 'low', true, 'high') AS band, lower(primary_type) || '!' AS t", $where: "starts_with(upper(block), '0') AND id BETWEEN 9800000 AND 9810000 AND district IS NOT NULL", $order: 'id', $limit: '10' });
    const want = await native('crimes', { select: "id, CASE WHEN district < 10 THEN 'low' WHEN true THEN 'high' END AS band, lower(primary_type) || '!' AS t", where: "starts_with(upper(block), '0') AND id BETWEEN 9800000 AND 9810000 AND district IS NOT NULL", order_by: 'id', limit: '10' });
    expect(got).toEqual(asSoda(want));
    expect(got.length).toBe(10);
  });

  it('simple filters ?column=value, typed by the column, ANDed with $where', async () => {
    const got = await soql('crimes.json', { primary_type: 'ARSON', arrest: 'true', district: '8', $order: 'id' });
    const want = await native('crimes', { where: "primary_type = 'ARSON' AND arrest AND district = 8", order_by: 'id' });
    expect(got).toEqual(asSoda(want).map((r) => ({ ...r, location: JSON.parse(String(r.location)) })));
  });

  it("Plaza's own functions work in SoQL too", async () => {
    expect(await soql('crimes.json', { $select: 'year(date) AS y, count(*) AS n', $group: 'y' })).toEqual([{ y: '2014', n: String(CRIMES) }]);
  });

  it('$q searches like the records API q', async () => {
    const [a] = (await soql('crimes.json', { $select: 'count(*) AS n', $q: 'arson' })) as [{ n: string }];
    const [b] = await native('crimes', { select: 'count(*) AS n', q: 'arson' });
    expect(a.n).toBe(String(b?.n));
  });

  const geo: Array<[string, string, string]> = [
    ['within_circle', 'within_circle(geometry, 40.75, -73.95, 4000)', 'within_distance(geometry, 40.75, -73.95, 4000)'],
    ['within_box', 'within_box(geometry, 40.8, -74.0, 40.7, -73.9)', 'in_bbox(geometry, 40.7, -74.0, 40.8, -73.9)'],
    ['within_polygon', "within_polygon(geometry, 'MULTIPOLYGON (((-74.0 40.7, -73.9 40.7, -73.9 40.8, -74.0 40.8, -74.0 40.7)))')", "within_polygon(geometry, 'MULTIPOLYGON (((-74.0 40.7, -73.9 40.7, -73.9 40.8, -74.0 40.8, -74.0 40.7)))')"],
  ];
  it.each(geo)('%s counts what the native function counts', async (_name, soqlWhere, nativeWhere) => {
    const [a] = (await soql('food-sites.json', { $select: 'count(*) AS n', $where: soqlWhere })) as [{ n: string }];
    const [b] = await native('food-sites', { select: 'count(*) AS n', where: nativeWhere });
    expect(Number(a.n)).toBeGreaterThan(10);
    expect(a.n).toBe(String(b?.n));
  });
});

describe('private and draft datasets', () => {
  it('are a 404 in SODA\'s shape by slug, id and four-by-four, on every path', async () => {
    for (const id of s.hidden) {
      for (const url of [`/resource/${id}.json`, `/resource/${id}`, `/resource/${id}.csv?$where=n>0`, `/resource/${id}.geojson`, `/api/views/${id}.json`]) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(404);
        expect(r.json()).toMatchObject({ code: 'not_found', error: true });
        expect(r.body).not.toContain('ZZSECRET');
      }
    }
  });
  it('a signed-in reader who may see them gets their rows', async () => {
    const r = await s.app.inject({ url: `/resource/${s.hidden[2]}.json`, headers: { authorization: `Bearer ${s.t.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('ZZSECRET');
  });
});

describe('SODA defaults and headers on a bigger dataset', () => {
  it('1,000 rows without $limit, in Plaza row order; at most 50,000', async () => {
    const all = await soql('crimes.json', {});
    expect(all).toHaveLength(1000);
    expect(all.slice(0, 3).map((r) => r.id)).toEqual((await native('crimes', { limit: '3' })).map((r) => String(r.id)));
    expect((await soql('crimes.json', { $limit: '50000' })).length).toBe(CRIMES);
    const over = await get('/resource/crimes.json?$limit=50001');
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ error: true, code: 'query.soql.invalid-parameter', data: { param: '$limit' } });
  });
  it('X-SODA2-Fields and X-SODA2-Types name each output and its SODA type', async () => {
    const r = await get('/resource/crimes.json?$select=id, date, arrest, location, block, count(*) AS n&$group=id, date, arrest, location, block&$limit=1');
    expect(JSON.parse(String(r.headers['x-soda2-fields']))).toEqual(['id', 'date', 'arrest', 'location', 'block', 'n']);
    expect(JSON.parse(String(r.headers['x-soda2-types']))).toEqual(['number', 'floating_timestamp', 'checkbox', 'point', 'text', 'number']);
    expect(r.headers['x-soda2-data-out-of-date']).toBe('false');
    expect(Number.isNaN(Date.parse(String(r.headers['last-modified'])))).toBe(false);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });
});
