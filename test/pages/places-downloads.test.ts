import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The Map tab and the GeoJSON download are offered only for datasets with a
 * column of places: Montréal's bike counts (dates and counts) have neither,
 * New York's emergency food sites (points) have both. A GeoJSON address of a
 * dataset without places answers 404: a page in the reader's language for a
 * browser, the error JSON for a program.
 */

let t: TestPlaza;
let app: FastifyInstance;
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts 2012', slug: 'bike-counts-2012' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const links = (html: string) => [...html.matchAll(/href="(\/api\/v1\/datasets\/[^"]+\/export\/[^"?]+)"/g)].map((m) => m[1]!.split('/').at(-1)!);

describe('a dataset without places', () => {
  it('has no Map tab and no GeoJSON download on its pages', async () => {
    const about = (await app.inject({ url: '/datasets/bike-counts-2012', headers: BROWSER })).body;
    expect(about).not.toContain('>Map</a>');
    expect(links(about)).toEqual(['csv', 'json', 'ndjson', 'parquet', 'xlsx']);
    const api = (await app.inject({ url: '/datasets/bike-counts-2012/api', headers: BROWSER })).body;
    expect(api).not.toContain('>Map</a>');
    expect(api).not.toContain('export/geojson');
    expect(api).toContain('export/csv');
    const table = (await app.inject({ url: '/datasets/bike-counts-2012/table', headers: BROWSER })).body;
    expect(table).not.toContain('export/geojson');
    expect(table).toContain('export/csv');
  });

  it('answers its GeoJSON address with a 404 page for a browser, in the reader’s language', async () => {
    const en = await app.inject({ url: '/api/v1/datasets/bike-counts-2012/export/geojson', headers: BROWSER });
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toMatch(/^text\/html/);
    expect(en.body).toContain('<h1>Not found</h1>');
    expect(en.body).toContain('“Bike counts 2012” has no column of places (points or areas), so it has no GeoJSON download. Download it as CSV, JSON, NDJSON, Parquet or XLSX instead.');
    const es = await app.inject({ url: '/api/v1/datasets/bike-counts-2012/export/geojson', headers: { ...BROWSER, 'accept-language': 'es' } });
    expect(es.statusCode).toBe(404);
    expect(es.body).toContain('«Bike counts 2012» no tiene ninguna columna de lugares (puntos o áreas), así que no tiene descarga en GeoJSON.');
  });

  it('answers a program with the error JSON', async () => {
    const res = await app.inject({ url: '/api/v1/datasets/bike-counts-2012/export/geojson', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('has no GeoJSON download') as unknown, details: { format: 'geojson' } } });
    // Its other downloads still work.
    expect((await app.inject('/api/v1/datasets/bike-counts-2012/export/csv')).statusCode).toBe(200);
  });
});

describe('a dataset with places', () => {
  it('offers the Map tab and the GeoJSON download, which is a FeatureCollection', async () => {
    const about = (await app.inject({ url: '/datasets/food-sites', headers: BROWSER })).body;
    expect(about).toContain('>Map</a>');
    expect(links(about)).toEqual(['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx']);
    const res = await app.inject({ url: '/api/v1/datasets/food-sites/export/geojson', headers: BROWSER });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { type: string; features: unknown[] }).features).toHaveLength(489);
  });
});
