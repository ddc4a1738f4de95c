import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { startSodaSite, type SodaSite } from './socrata-setup.ts';
import { itWith, OGRINFO, ogrinfo } from '../support/geo-tools.ts';

/** SODA's shapes: JSON value encoding, CSV, GeoJSON that GDAL reads, view metadata, and errors in SODA's error body. */
let s: SodaSite;
let id4x4: string;
beforeAll(async () => {
  s = await startSodaSite(false);
  id4x4 = fourByFour((await s.t.deps.catalog.datasets.getDataset('food-sites'))!.id);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.t.close();
});
const get = (url: string) => s.app.inject({ url: encodeURI(url) });

describe('formats', () => {
  it('.json: numbers and text as strings, booleans as booleans, points as GeoJSON, nulls left out', async () => {
    const r = await get(`/resource/${id4x4}.json?$select=program, count, mobile, geometry, case(false, 'x') AS nothing&$order=program&$limit=2`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const [row] = r.json() as [Record<string, unknown>];
    expect(typeof row.program).toBe('string');
    expect(row.count).toMatch(/^[0-9]+$/);
    expect(typeof row.mobile).toBe('boolean');
    expect(row.geometry).toMatchObject({ type: 'Point', coordinates: [expect.any(Number), expect.any(Number)] });
    expect('nothing' in row).toBe(false);
    expect(JSON.parse(String(r.headers['x-soda2-types']))).toEqual(['text', 'number', 'checkbox', 'point', 'text']);
    expect(await get(`/resource/${id4x4}?$select=program&$order=program&$limit=2`).then((x) => x.json())).toEqual((r.json() as Array<Record<string, unknown>>).map((x) => ({ program: x.program })));
  });

  it('.csv: a header row of field names, then every value quoted; points as WKT', async () => {
    const r = await get('/resource/food-sites.csv?$select=program, zip, geometry&$order=program&$limit=20');
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.body.split('\n')[0]).toBe('"program","zip","geometry"');
    const records = parse(r.body, { columns: true }) as Array<Record<string, string>>;
    const json = (await get('/resource/food-sites.json?$select=program, zip, geometry&$order=program&$limit=20')).json() as Array<{ program: string; zip?: string; geometry: { coordinates: [number, number] } }>;
    expect(records).toHaveLength(20);
    expect(records.map((x) => x.program)).toEqual(json.map((x) => x.program));
    expect(records[0]?.geometry).toBe(`POINT (${json[0]!.geometry.coordinates[0]} ${json[0]!.geometry.coordinates[1]})`);
  });

  itWith(ogrinfo(), '.geojson: a FeatureCollection GDAL reads, with as many features as rows', async () => {
    const r = await get("/resource/food-sites.geojson?$where=boro = 'BRONX'&$limit=50000");
    expect(r.headers['content-type']).toBe('application/vnd.geo+json; charset=utf-8');
    const n = ((await get("/resource/food-sites.json?$select=count(*) AS n&$where=boro = 'BRONX'")).json() as [{ n: string }])[0].n;
    const dir = mkdtempSync(join(tmpdir(), 'soda-geojson-'));
    try {
      const file = join(dir, 'sites.geojson');
      writeFileSync(file, r.body);
      const info = execFileSync(OGRINFO, ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      expect(info).toMatch(/Geometry: Point/);
      expect(info).toContain(`Feature Count: ${n}`);
      expect(info).toMatch(/program: String/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('/api/views/{id}.json: Socrata view metadata with the columns the resource serves', async () => {
    const view = (await get(`/api/views/${id4x4}.json`)).json() as Record<string, unknown> & { columns: Array<Record<string, unknown>> };
    expect(view).toMatchObject({ id: id4x4, viewType: 'tabular', displayType: 'table', assetType: 'dataset', license: { name: 'Creative Commons Attribution 4.0', termsLink: 'https://creativecommons.org/licenses/by/4.0/' }, owner: { displayName: 'Test Department' } });
    expect(typeof view.createdAt).toBe('number');
    expect(typeof view.rowsUpdatedAt).toBe('number');
    const res = await get(`/resource/${id4x4}.json?$limit=1`);
    expect(view.columns.map((c) => c.fieldName)).toEqual(JSON.parse(String(res.headers['x-soda2-fields'])));
    expect(view.columns[0]).toEqual({ id: 1, name: 'TYPE', fieldName: 'type', dataTypeName: 'text', renderTypeName: 'text', description: '', position: 1 });
    expect(view.columns.find((c) => c.fieldName === 'geometry')?.dataTypeName).toBe('point');
  });
});

describe('parameters', () => {
  it('$$-parameters such as $$app_token are ignored; backticks quote a column by its label', async () => {
    const r = await get("/resource/food-sites.json?$$app_token=abc&$select=count(*) AS n&$where=`ZIP CODE` = 10454");
    expect(r.statusCode, r.body).toBe(200);
    expect(Number((r.json() as [{ n: string }])[0].n)).toBeGreaterThan(0);
    expect(r.headers['access-control-expose-headers']).toContain('X-SODA2-Fields');
    expect(r.headers['x-soda2-truth-last-modified']).toBe(r.headers['last-modified']);
  });
  it('a restricted dataset: its view metadata to all, its rows to signed-in readers only', async () => {
    expect((await get('/api/views/members-crimes.json')).statusCode).toBe(200);
    const anonymous = await get('/resource/members-crimes.json');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'authentication_required', error: true });
    expect(anonymous.body).not.toContain('ZZSECRET');
    const signedIn = await s.app.inject({ url: '/resource/members-crimes.json', headers: { authorization: `Bearer ${s.t.token}` } });
    expect(signedIn.body).toContain('ZZSECRET');
  });
});

describe('errors in SODA\'s shape', () => {
  const cases: Array<[string, number, string, Record<string, unknown>]> = [
    ['/resource/food-sites.json?$where=nope = 1', 400, 'query.soql.no-such-column', { param: '$where' }],
    ['/resource/food-sites.json?$where=boro =', 400, 'query.compiler.malformed', { param: '$where' }],
    ['/resource/food-sites.json?$select=:id, program', 400, 'query.soql.no-such-column', { param: '$select' }],
    ["/resource/food-sites.json?$query=SELECT program WHERE nope = 'x'", 400, 'query.soql.no-such-column', { param: '$query' }],
    ['/resource/food-sites.json?$query=SELECT program LIMIT 2 LIMIT 3', 400, 'query.compiler.malformed', { param: '$query' }],
    ['/resource/food-sites.json?$query=SELECT program&$where=true', 400, 'query.soql.invalid-parameter', { param: '$where' }],
    ['/resource/food-sites.json?$nope=1', 400, 'query.soql.invalid-parameter', { param: '$nope' }],
    ['/resource/food-sites.json?nope=1', 400, 'query.soql.no-such-column', { param: 'nope' }],
    ['/resource/food-sites.json?count=many', 400, 'query.soql.type-mismatch', { param: 'count' }],
    ['/resource/food-sites.json?$select=convex_hull(geometry)', 400, 'query.soql.no-such-function', { param: '$select' }],
    ['/resource/food-sites.json?$select=sum(program)', 400, 'query.soql.type-mismatch', { param: '$select' }],
    ["/resource/food-sites.json?$where=within_circle(geometry, 40.7, -73.9)", 400, 'query.soql.type-mismatch', { param: '$where' }],
    ['/resource/food-sites.json?$order=program&$offset=-1', 400, 'query.soql.invalid-parameter', { param: '$offset' }],
    ['/resource/food-sites.xml', 400, 'query.soql.invalid-parameter', {}],
    ['/resource/nope-nope.json', 404, 'not_found', {}],
    ['/api/views/nope-nope.json', 404, 'not_found', {}],
  ];
  it.each(cases)('%s → %i %s', async (url, status, code, data) => {
    const r = await get(url);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ code, error: true, message: expect.any(String), data });
    expect(r.body).not.toMatch(/duckdb|binder|parser error|catalog error/i);
  });
  it('says what to do about system fields', async () => {
    expect((await get('/resource/food-sites.json?$where=:id > 3')).json().message).toContain(':id');
  });
});
