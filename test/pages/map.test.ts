import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { AppError } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The map view of a dataset, rendered on the server: points, clusters, areas
 * coloured by a column, the chosen feature's record, the view in the URL, and
 * the text alternative, on real city files.
 */

let t: TestPlaza;
let app: FastifyInstance;

interface GeoFile {
  features: { properties: Record<string, unknown> }[];
}
const food = JSON.parse(readFileSync(fixture('geo/nyc_efap_food_sites.geojson'), 'utf8')) as GeoFile;
const areas = JSON.parse(readFileSync(fixture('geo/nyc_uhf42.geojson'), 'utf8')) as GeoFile;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'UHF neighborhoods', slug: 'uhf42' });
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter' });
  await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID-19 by ZIP code', slug: 'covid' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Restricted sites', slug: 'restricted-sites' });
  await updateDataset(t.deps, t.admin, 'restricted-sites', { access_level: 'restricted' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const get = (url: string) => app.inject(url);
const count = (html: string, re: RegExp) => [...html.matchAll(re)].length;
const circles = (html: string) => count(html, /<a href="\?[^"]*feature=\d+" tabindex="-1"><circle/g);
const clusters = (html: string) => [...html.matchAll(/<a class="k" href="([^"]+)"[^>]*><circle[^>]*><title>([\d,]+) features: zoom in<\/title>/g)].map((m) => ({ href: m[1]!.replaceAll('&amp;', '&'), count: Number(m[2]!.replaceAll(',', '')) }));
const dataView = (html: string) => /data-view="([^"]+)"/.exec(html)?.[1];
const tableRows = (html: string) => count(html, /<tr><td><a href="\?[^"]*feature=\d+/g);

describe('the map of points', () => {
  it('draws every food site as a point, with a summary and a list of the features in view', async () => {
    const res = await get('/datasets/food-sites/map');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(`<title>Map – Emergency food sites · ${t.deps.site.name}</title>`);
    expect(html).toMatch(/<a href="\/datasets\/food-sites\/map" aria-current="page">Map<\/a>/);
    expect(circles(html)).toBe(food.features.length);
    expect(clusters(html)).toEqual([]);
    // The picture is for the eye; its text alternative is the caption and the list below it (the same links).
    expect(html).toMatch(/<figure[^>]*><div[^>]*><svg class="map" viewBox="0 0 800 500"[^>]*aria-hidden="true"/);
    expect(html).toMatch(/<figcaption id="map-summary">Map of 489 features/);
    expect(html).toContain('Map of 489 features from 489 matching rows, within 40.51°N to 40.90°N, 74.22°W to 73.73°W. This view shows 489 of them.');
    expect(html).toContain('Features in this view (the first 100 of 489)');
    expect(tableRows(html)).toBe(100);
    // The list names each site by its program, and gives its place.
    expect(html).toContain('<td>ABRAHAM HOUSE, INC</td><td>40.81117, -73.92099</td>');
    expect(html).not.toContain('data-tiles');
  });

  it('suggests a filter from the dataset’s own columns: a category and its commonest value, in the reader’s language', async () => {
    const byBoro = new Map<string, number>();
    for (const f of food.features) byBoro.set(String(f.properties.BORO), (byBoro.get(String(f.properties.BORO)) ?? 0) + 1);
    const commonest = [...byBoro].sort((a, b) => b[1] - a[1])[0]![0];
    const en = (await get('/datasets/food-sites/map')).body;
    expect(en).toContain(`placeholder="e.g. boro = '${commonest}'"`);
    expect(en).not.toContain('Bronx');
    const es = (await app.inject({ url: '/datasets/food-sites/map', headers: { 'accept-language': 'es' } })).body;
    expect(es).toContain(`placeholder="p. ej. boro = '${commonest}'"`);
    // The suggestion reads: the map it asks for keeps that borough's sites.
    const html = (await get(`/datasets/food-sites/map?where=${encodeURIComponent(`boro = '${commonest}'`)}`)).body;
    expect(circles(html)).toBe(byBoro.get(commonest));
  });

  it('maps only the rows the filter keeps, and keeps the filter in every link', async () => {
    const bronx = food.features.filter((f) => f.properties.BORO === 'BRONX').length;
    const html = (await get(`/datasets/food-sites/map?where=${encodeURIComponent("boro = 'BRONX'")}`)).body;
    expect(circles(html)).toBe(bronx);
    expect(html).toContain(`Map of ${bronx} features from ${bronx} matching rows`);
    expect(html).toContain(`value="boro = 'BRONX'"`);
    expect(html).toMatch(/href="\?where=boro\+%3D\+%27BRONX%27&amp;view=[^"]+">Zoom in</);
    // Features are numbered among the matching rows.
    expect(html).toContain('<th scope="col">Match</th>');
    expect(html).toMatch(/<td><a href="\?where=boro\+%3D\+%27BRONX%27&amp;feature=1">Match 1<\/a><\/td><td>ABRAHAM HOUSE, INC<\/td>/);
  });

  it('keeps the view in the URL: zoom and pan are links to other views', async () => {
    const html = (await get('/datasets/food-sites/map?view=12/40.7/-73.95')).body;
    expect(dataView(html)).toBe('12/40.7/-73.95');
    expect(html).toContain('<a href="?view=13%2F40.7%2F-73.95">Zoom in</a>');
    expect(html).toContain('<a href="?view=11%2F40.7%2F-73.95">Zoom out</a>');
    expect(html).toContain('<a href="?view=12%2F40.7%2F-73.81267">East</a>');
    expect(html).toContain('<a href="?">Show everything</a>');
    const shown = circles(html);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(food.features.length);
    expect(html).toContain(`This view shows ${shown} of them.`);
    // A box works too, and an unreadable view shows everything and says so.
    expect(dataView((await get('/datasets/food-sites/map?view=-74.3,40.5,-73.7,40.9')).body)).toBe('10.38/40.7003/-74');
    const bad = (await get('/datasets/food-sites/map?view=somewhere')).body;
    expect(bad).toContain('The view in this address could not be read, so the map shows every feature.');
    expect(circles(bad)).toBe(489);
  });

  it('groups more than 2,000 points into counted clusters that open closer in', async () => {
    const html = (await get('/datasets/crimes/map')).body;
    expect(html).toContain('Map of 21,559 features from 22,334 matching rows');
    const found = clusters(html);
    expect(found.length).toBeGreaterThan(5);
    expect(found.reduce((s, c) => s + c.count, 0) + circles(html)).toBe(21_559);
    const zoom = Number(dataView(html)!.split('/')[0]);
    expect(found[0]!.href).toMatch(new RegExp(`^\\?view=${zoom + 2}%2F`));
    expect(html).toContain(`grouped into ${found.length} numbered clusters and ${circles(html)} single points.`);
  });
});

describe('the map of points from latitude and longitude columns', () => {
  it('colours the points of a CSV by a number column, and finds rows by their words', async () => {
    const html = (await get('/datasets/covid/map?color=covid_case_rate')).body;
    expect(circles(html)).toBe(177);
    const legend = ['28,302.51 to under 39,259.19', '39,259.19 to under 41,981.31', '41,981.31 to under 44,246.25', '44,246.25 to under 48,848.21', '48,848.21 to 67,167.96'];
    expect(html).toContain(`Colour shows COVID_CASE_RATE in 5 classes, lightest to darkest: ${legend.join('; ')}; grey: no value.`);
    expect(html).toContain('<td>Chelsea/NoMad/West Chelsea</td><td>44,873.65</td><td>40.75069, -73.99714</td>');
    const chelsea = (await get('/datasets/covid/map?q=chelsea')).body;
    expect(circles(chelsea)).toBe(2);
    expect(chelsea).toContain('Map of 2 features from 2 matching rows');
  });
});

describe('the map of areas', () => {
  it('colours areas in five quantile classes of a number column, with a legend in the picture and in words', async () => {
    const html = (await get('/datasets/uhf42/map?color=geocode')).body;
    expect(count(html, /<path class="f" d="M/g)).toBe(areas.features.length);
    const legend = ['0 to under 201', '201 to under 210', '210 to under 307', '307 to under 406', '406 to 504'];
    for (const label of legend) expect(html).toContain(`>${label}</text>`);
    expect(html).toContain(`Colour shows GEOCODE in 5 classes, lightest to darkest: ${legend.join('; ')}; grey: no value.`);
    // Each class fills as many areas as the file has codes in its range.
    const codes = areas.features.map((f) => f.properties.GEOCODE as number);
    const fills = { '#eff3ff': [0, 201], '#bdd7e7': [201, 210], '#6baed6': [210, 307], '#3182bd': [307, 406], '#08519c': [406, 505] };
    for (const [fill, [lo, hi]] of Object.entries(fills)) {
      expect(count(html, new RegExp(`fill="${fill}" fill-rule`, 'g'))).toBe(codes.filter((c) => c >= lo! && c < hi!).length);
    }
    expect(html).toMatch(/<option value="geocode" selected(="")?>GEOCODE<\/option>/);
  });

  it('shows a chosen feature’s record in a panel, marks it on the map, and offers to close it', async () => {
    const html = (await get('/datasets/uhf42/map?feature=3')).body;
    expect(html).toContain('<h3 id="map-feature-title">Fordham - Bronx Park</h3>');
    expect(html).toMatch(/<dt>GEOCODE<\/dt><dd>103<\/dd><dt>GEONAME<\/dt><dd>Fordham - Bronx Park<\/dd><dt>BOROUGH<\/dt><dd>Bronx<\/dd><dt>geometry<\/dt><dd>Area around 40\.\d+, -73\.\d+<\/dd>/);
    expect(count(html, /<path class="f sel"/g)).toBe(1);
    expect(html).toContain('<a href="?">Close this feature</a>');
    // With a filter, the number counts the rows the filter keeps.
    const bronx = areas.features.filter((f) => f.properties.BOROUGH === 'Bronx');
    const second = (await get(`/datasets/uhf42/map?where=${encodeURIComponent("borough = 'Bronx'")}&feature=2`)).body;
    expect(second).toContain(`<h3 id="map-feature-title">${bronx[1]!.properties.GEONAME as string}</h3>`);
    expect(count(second, /<path class="f/g)).toBe(bronx.length);
    expect((await get('/datasets/uhf42/map?feature=44')).body).toContain('There is no row 44 among the mapped rows.');
  });
});

describe('problems', () => {
  it('shows the form again with the problem when the filter cannot be read', async () => {
    const res = await get(`/datasets/food-sites/map?where=${encodeURIComponent('boro = <script>')}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<form method="get"');
    expect(res.body).toMatch(/<p id="map-problem" role="alert"[^>]*>[A-Z][^<]+\.<\/p>/);
    expect(res.body).toContain('aria-describedby="map-problem"');
    expect(res.body).toContain('value="boro = &lt;script>"');
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<svg class="map"');
    const colour = await get('/datasets/food-sites/map?color=program');
    expect(colour.statusCode).toBe(400);
    expect(colour.body).toContain('There is no number column called “program” to colour the map by.');
  });

  it('says so, with the form, when reading the map takes too long', async () => {
    const slow = Object.create(t.deps.engine, {
      query: { value: () => Promise.reject(new AppError('query_timeout', 'The query took longer than 10 s and was cancelled. Add a filter or a limit, or group the data.')) },
    }) as typeof t.deps.engine;
    const timed = await buildApp({ deps: { ...t.deps, engine: slow }, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const res = await timed.inject('/datasets/crimes/map');
      expect(res.statusCode).toBe(504);
      expect(res.body).toContain('The query took longer than 10 s and was cancelled.');
      expect(res.body).toContain('<form method="get"');
    } finally {
      await timed.close();
    }
  });

  it('hides the map of a dataset without places, whose map address answers 404 with a clear page', async () => {
    const about = (await get('/datasets/shelter')).body;
    expect(about).toContain('>Table</a>');
    expect(about).not.toContain('>Map</a>');
    const res = await get('/datasets/shelter/map');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<h1>No map for this dataset</h1>');
    expect(res.body).toContain('“Shelter census” has no column of places (points or areas), so it cannot be shown on a map.');
    expect((await get('/datasets/nothing-here/map')).statusCode).toBe(404);
  });

  it('asks visitors to sign in for the map of a restricted dataset', async () => {
    const html = (await get('/datasets/restricted-sites/map')).body;
    expect(html).toContain('Sign in to see the map of this restricted dataset.');
    expect(html).not.toContain('<svg class="map"');
    expect(html).not.toContain('ABRAHAM HOUSE');
  });
});

