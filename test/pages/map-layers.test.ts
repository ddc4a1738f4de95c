import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { getSite, updateSite } from '../../src/actions/site/settings.ts';
import { AppError } from '../../src/domain/errors.ts';
import { project } from '../../src/domain/map/mercator.ts';
import { OSM_TILES } from '../../src/domain/site/map-settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * What maps draw beneath the data, as the site's settings name it: the
 * city's own areas (New York's ZIP code areas) with their names, and a tile
 * server with its attribution. Both are drawn by the server, so they show
 * without JavaScript; the settings refuse what cannot work, with a message
 * per field, in English and Spanish.
 */

let t: TestPlaza;
let app: FastifyInstance;
let boss: Session;
const PASSWORD = 'map settings password 2031';

interface GeoFile {
  features: { properties: Record<string, unknown> }[];
}
const zips = JSON.parse(readFileSync(fixture('geo/nyc_modzcta_2010.geojson'), 'utf8')) as GeoFile;
const zipLabels = new Set(zips.features.map((f) => String(f.properties.label)));

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('geo/nyc_modzcta_2010.geojson'), { title: 'ZIP code areas', slug: 'zip-code-areas' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts 2012', slug: 'bike-counts-2012' });
  await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'Restricted neighborhoods', slug: 'restricted-areas' });
  await updateDataset(t.deps, t.admin, 'restricted-areas', { access_level: 'restricted' });
  boss = await signIn(t, app, await makePerson(t, { name: 'Map Boss', siteAdmin: true }), PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const page = async (url: string, lang = 'en') => (await app.inject({ url, headers: { 'accept-language': lang } })).body;
const labels = (html: string) => [...html.matchAll(/<text [^>]*paint-order:stroke[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
const tileHrefs = (html: string) => [...(/<g class="tiles">(.*?)<\/g>/s.exec(html)?.[1] ?? '').matchAll(/<image href="([^"]+)"/g)].map((m) => m[1]!);

describe('maps without map settings', () => {
  it('draw the data alone: no tiles, no areas, no credit', async () => {
    const html = await page('/datasets/food-sites/map');
    expect(html).toContain('<svg class="map"');
    expect(html).not.toContain('class="tiles"');
    expect(html).not.toContain('class="context"');
    expect(html).not.toContain('map-credit');
  });
});

describe('the areas beneath every map', () => {
  beforeAll(async () => {
    await updateSite(t.deps, t.admin, { map_context: 'zip-code-areas' });
  });
  afterAll(async () => {
    await updateSite(t.deps, t.admin, { map_context: null });
  });

  it('outlines the ZIP code areas beneath the food sites, names those that fit, and credits the dataset', async () => {
    const html = await page('/datasets/food-sites/map?view=12/40.75/-73.95');
    const layers = [...html.matchAll(/<g class="(tiles|context|features)"/g)].map((m) => m[1]);
    expect(layers).toEqual(['context', 'features']);
    const outline = /<g class="context"><path d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(outline.match(/M/g)?.length).toBeGreaterThan(20);
    const named = labels(html);
    expect(named.length).toBeGreaterThan(5);
    for (const l of named) expect(zipLabels.has(l)).toBe(true);
    expect(html).toContain('<p class="map-credit"');
    expect(html).toContain('<span>Areas: <a href="/datasets/zip-code-areas">ZIP code areas</a></span>');
    expect(await page('/datasets/food-sites/map?view=12/40.75/-73.95', 'es')).toContain('<span>Áreas: <a href="/datasets/zip-code-areas">ZIP code areas</a></span>');
    // Zoomed out, fewer names fit than areas are drawn.
    const wide = await page('/datasets/food-sites/map');
    expect(labels(wide).length).toBeLessThan(zips.features.length);
  });

  it('is not drawn beneath the map of the areas themselves', async () => {
    const html = await page('/datasets/zip-code-areas/map');
    expect(html).toContain('<svg class="map"');
    expect(html).not.toContain('class="context"');
    expect(html).not.toContain('map-credit');
  });
});

describe('map tiles', () => {
  beforeAll(async () => {
    await updateSite(t.deps, t.admin, { map_tile_url: OSM_TILES.tileUrl, map_tile_attribution: OSM_TILES.tileAttribution, map_tile_attribution_url: OSM_TILES.tileAttributionUrl });
  });
  afterAll(async () => {
    await updateSite(t.deps, t.admin, { map_tile_url: null, map_tile_attribution: null, map_tile_attribution_url: null });
  });

  it('draws the tiles that cover the view in the page itself, with the attribution linked, and lets images come from the tile server', async () => {
    const res = await app.inject('/datasets/food-sites/map?view=10/40.7/-73.95');
    const hrefs = tileHrefs(res.body);
    // The tile under the view's centre, computed here from Web Mercator.
    const [x, y] = project(-73.95, 40.7, 10).map((v) => Math.floor(v / 256));
    expect(hrefs).toContain(`https://tile.openstreetmap.org/10/${x}/${y}.png`);
    // An 800 × 500 view at a whole zoom needs 4 to 5 columns and 2 to 3 rows of 256-pixel tiles.
    expect(hrefs.length).toBeGreaterThanOrEqual(8);
    expect(hrefs.length).toBeLessThanOrEqual(15);
    expect(hrefs.every((h) => /^https:\/\/tile\.openstreetmap\.org\/10\/\d+\/\d+\.png$/.test(h))).toBe(true);
    expect(res.body).toContain('<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a>');
    expect(String(res.headers['content-security-policy'])).toMatch(/img-src [^;]*https:\/\/tile\.openstreetmap\.org/);
  });

  it('stops asking the tile server once the setting is cleared', async () => {
    await updateSite(t.deps, t.admin, { map_tile_url: '' });
    try {
      const res = await app.inject('/datasets/food-sites/map');
      expect(res.body).not.toContain('tile.openstreetmap.org');
      expect(String(res.headers['content-security-policy'])).not.toContain('tile.openstreetmap.org');
    } finally {
      await updateSite(t.deps, t.admin, { map_tile_url: OSM_TILES.tileUrl });
    }
  });
});

describe('the map settings refuse what cannot work', () => {
  const refused = async (patch: Record<string, unknown>) => {
    const e = await updateSite(t.deps, t.admin, patch).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    return ((e as AppError).details?.fields as { field: string; message: string }[])[0]!;
  };

  it('in the action, with a message per field', async () => {
    expect(await refused({ map_tile_url: 'http://tile.openstreetmap.org/{z}/{x}/{y}.png', map_tile_attribution: 'x' })).toEqual({ field: 'map_tile_url', message: expect.stringContaining('starting with https://') as unknown });
    expect(await refused({ map_tile_url: 'https://tile.openstreetmap.org/{z}/{x}.png', map_tile_attribution: 'x' })).toEqual({ field: 'map_tile_url', message: expect.stringContaining('needs the places {z}, {x} and {y}') as unknown });
    expect(await refused({ map_tile_url: OSM_TILES.tileUrl })).toEqual({ field: 'map_tile_attribution', message: expect.stringContaining('Tiles need an attribution') as unknown });
    expect(await refused({ map_context: 'no-such-areas' })).toEqual({ field: 'map_context', message: expect.stringContaining('No dataset is called “no-such-areas”') as unknown });
    expect(await refused({ map_context: 'food-sites' })).toEqual({ field: 'map_context', message: '“Emergency food sites” has no column of areas (polygons) to draw beneath the maps; choose a dataset of areas, like districts or ZIP codes.' });
    expect(await refused({ map_context: 'bike-counts-2012' })).toMatchObject({ field: 'map_context', message: expect.stringContaining('has no column of areas') as unknown });
    expect(await refused({ map_context: 'restricted-areas' })).toMatchObject({ field: 'map_context', message: expect.stringContaining('is not public') as unknown });
    expect((await getSite(t.deps)).mapContext).toBeNull();
  });

  it('on the settings page, in the reader’s language, keeping what was typed', async () => {
    const form = {
      _csrf: boss.csrf, name: 'Test City', primary_color: '#12263a', accent_color: '#0b5cad', featured: '', themes: 'Health', lang_en: 'on', lang_es: 'on',
      map_context: 'food-sites', map_tile_url: 'https://tiles.example.org/{z}/{y}.png', map_tile_attribution: '', map_tile_attribution_url: '',
    };
    const post = (lang: string, change: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/admin/settings', payload: new URLSearchParams({ ...form, ...change }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: boss.cookie, 'accept-language': lang } });
    const badTiles = { map_context: '' };
    const badAreas = { map_tile_url: '' };
    const en = await post('en', badTiles);
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('<legend>Maps</legend>');
    expect(en.body).toContain('The tile address needs the places {z}, {x} and {y}');
    expect(en.body).toContain('value="https://tiles.example.org/{z}/{y}.png"');
    expect((await post('en', badAreas)).body).toContain('“Emergency food sites” has no column of areas (polygons) to draw beneath the maps');
    const es = await post('es', badTiles);
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('<legend>Mapas</legend>');
    expect(es.body).toContain('La dirección de las teselas necesita los lugares {z}, {x} e {y}');
    expect((await post('es', badAreas)).body).toContain('«Emergency food sites» no tiene ninguna columna de áreas (polígonos)');
    expect((await post('es', { map_tile_url: OSM_TILES.tileUrl, map_context: '' })).body).toContain('Las teselas necesitan una atribución');
    // Filled in properly, the form saves and the form shows the settings back.
    const ok = await app.inject({
      method: 'POST', url: '/admin/settings', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: boss.cookie },
      payload: new URLSearchParams({ ...form, map_context: 'zip-code-areas', map_tile_url: OSM_TILES.tileUrl, map_tile_attribution: OSM_TILES.tileAttribution, map_tile_attribution_url: OSM_TILES.tileAttributionUrl }).toString(),
    });
    expect(ok.statusCode).toBe(303);
    expect(await getSite(t.deps)).toMatchObject({ mapContext: 'zip-code-areas', ...OSM_TILES });
    const again = (await app.inject({ url: '/admin/settings', headers: { cookie: boss.cookie } })).body;
    expect(again).toContain('value="zip-code-areas"');
    expect(again).toContain(`value="${OSM_TILES.tileUrl}"`);
    await updateSite(t.deps, t.admin, { map_context: null, map_tile_url: null, map_tile_attribution: null, map_tile_attribution_url: null });
  });
});
