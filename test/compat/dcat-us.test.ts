import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { podCatalogValidator } from './standards-support.ts';

const BASE = 'https://data.example.gov';
let t: TestPlaza;
let app: FastifyInstance;
const slugs: Record<string, string> = {};

const validate = podCatalogValidator();

interface Pod {
  '@type': string;
  conformsTo: string;
  describedBy: string;
  dataset: Array<Record<string, unknown> & { identifier: string; title: string; keyword: string[]; distribution?: Array<Record<string, string>> }>;
}

const getCatalog = async (): Promise<Pod> => {
  const res = await app.inject({ method: 'GET', url: '/data.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<Pod>();
};

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE }, { logLevel: 'silent' });
  slugs.shelter = (await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' })).slug;
  slugs.bikes = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts 2012', slug: 'bike-counts' })).slug;
  slugs.sites = (await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' })).slug;
  slugs.covid = (await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID totals', slug: 'covid-totals' })).slug;
  await updateDataset(t.deps, t.admin, 'shelter-census', {
    keywords: ['shelter', 'homelessness'],
    temporal: { start: '2013-08-21', end: '2016-06-30' },
    spatial: { place: 'New York City', bbox: [-74.26, 40.49, -73.7, 40.92] },
    license: 'cc0-1.0',
    frequency: 'daily',
    contact_point: { name: 'Open Data Team', email: 'opendata@example.gov' },
    language: ['en'],
    issued: '2013-08-21',
  });
  await updateDataset(t.deps, t.admin, 'food-sites', { spatial: { place: 'New York City', bbox: null }, frequency: 'irregular', contact_point: { name: 'Food desk', email: 'food+desk@example.gov' } });
  await updateDataset(t.deps, t.admin, 'covid-totals', { access_level: 'restricted', temporal: { start: '2020-03-01', end: null }, frequency: 'never' });
  // Two datasets of the demo catalog, with the metadata the demo gives them.
  await loadDemoDataset(t, 'food-pantries-2024-11');
  await loadDemoDataset(t, 'emergency-food-sites');
  // A dataset still in draft, and a private one, must never appear.
  await createDataset(t.deps, t.admin, { title: 'Secret draft plans', organization: 'Test Department', description: 'Not yet.', license: 'cc-by-4.0' }, { createOrganization: true });
  slugs.hidden = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Private bike counts', slug: 'private-bikes' })).slug;
  await updateDataset(t.deps, t.admin, 'private-bikes', { access_level: 'private' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('GET /data.json on real fixtures', () => {
  it('is valid against the POD v1.1 non-federal schema, with no error', async () => {
    const catalog = await getCatalog();
    const ok = validate(catalog);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(catalog['@type']).toBe('dcat:Catalog');
    expect(catalog.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema');
    expect(catalog.describedBy).toBe('https://project-open-data.cio.gov/v1.1/schema/catalog.json');
  });

  it('holds every published public and restricted dataset, and never a draft or a private one', async () => {
    const catalog = await getCatalog();
    const ids = catalog.dataset.map((d) => d.identifier).sort();
    expect(ids).toEqual(['bike-counts', 'covid-totals', 'emergency-food-sites', 'food-pantries-2024-11', 'food-sites', 'shelter-census'].map((s) => `${BASE}/datasets/${s}`));
    const text = JSON.stringify(catalog);
    expect(text).not.toContain('Secret draft');
    expect(text).not.toContain('private-bikes');
    expect(text).not.toContain('Private bike counts');
  });

  it('is the anonymous catalog whoever asks', async () => {
    const res = await app.inject({ method: 'GET', url: '/data.json', headers: { authorization: `Bearer ${t.token}` } });
    expect(res.body).not.toContain('private-bikes');
    expect(res.body).not.toContain('Secret draft');
    expect(res.headers['cache-control']).toContain('public');
  });

  it('maps the rich metadata: keywords, temporal, spatial, license, frequency, contact, language, dictionary', async () => {
    const d = (await getCatalog()).dataset.find((x) => x.identifier.endsWith('/shelter-census'))!;
    expect(d).toMatchObject({
      '@type': 'dcat:Dataset',
      title: 'Daily shelter census',
      keyword: ['shelter', 'homelessness'],
      temporal: '2013-08-21/2016-06-30',
      spatial: '-74.26,40.49,-73.7,40.92',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      accrualPeriodicity: 'R/P1D',
      contactPoint: { '@type': 'vcard:Contact', fn: 'Open Data Team', hasEmail: 'mailto:opendata@example.gov' },
      publisher: { '@type': 'org:Organization', name: 'Test Department' },
      accessLevel: 'public',
      issued: '2013-08-21',
      language: ['en'],
      landingPage: `${BASE}/datasets/shelter-census`,
      describedBy: `${BASE}/datasets/shelter-census/datapackage.json`,
    });
    const formats = d.distribution!.filter((x) => x.downloadURL).map((x) => [x.format, x.mediaType, x.downloadURL]);
    expect(formats).toEqual([
      ['CSV', 'text/csv', `${BASE}/api/v1/datasets/shelter-census/export/csv`],
      ['JSON', 'application/json', `${BASE}/api/v1/datasets/shelter-census/export/json`],
      ['Parquet', 'application/vnd.apache.parquet', `${BASE}/api/v1/datasets/shelter-census/export/parquet`],
    ]);
    expect(d.distribution!.some((x) => x.accessURL === `${BASE}/api/v1/datasets/shelter-census/records`)).toBe(true);
  });

  it('falls back for keywords and contact; lists GeoJSON only with places; places by name; irregular updates', async () => {
    const all = (await getCatalog()).dataset;
    const bikes = all.find((x) => x.identifier.endsWith('/bike-counts'))!;
    expect(bikes.keyword).toEqual(['Test Department']);
    expect(bikes.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Test Department' });
    const sites = all.find((x) => x.identifier.endsWith('/food-sites'))!;
    expect(sites.distribution!.map((x) => x.format)).toContain('GeoJSON');
    expect(sites.spatial).toBe('New York City');
    expect(sites.accrualPeriodicity).toBe('irregular');
    // POD's e-mail pattern refuses a `+`: the address is left out rather than written wrong.
    expect(sites.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Food desk' });
  });

  it('marks restricted datasets "restricted public", with rights and no direct downloads; an open interval is left out', async () => {
    const covid = (await getCatalog()).dataset.find((x) => x.identifier.endsWith('/covid-totals'))!;
    expect(covid.accessLevel).toBe('restricted public');
    expect(covid.rights).toMatch(/signed-in/);
    expect(covid.distribution!.every((x) => !x.downloadURL)).toBe(true);
    expect(covid.temporal).toBeUndefined();
    expect(covid.accrualPeriodicity).toBeUndefined();
  });

  it('is linked from every page head, and leaves the sitemap and robots.txt as they were', async () => {
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('<link rel="alternate" type="application/json" title="data.json (DCAT-US)" href="/data.json"/>');
    const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.body).not.toContain('data.json');
    const sitemap = await app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.body).toContain(`${BASE}/datasets/shelter-census`);
    expect(sitemap.body).not.toContain('data.json');
  });

  it("streams: the catalog's opening reaches the client before any dataset has been read", async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    // The store's reads wait until the client holds the first chunk: a catalog built in memory first would never arrive.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = t.deps.catalog.datasets;
    const search = store.searchDatasets.bind(store);
    const spy = vi.spyOn(store, 'searchDatasets').mockImplementation(async (q) => {
      await gate;
      return search(q);
    });
    try {
      const seen = await new Promise<{ chunked: boolean; first: string; text: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/data.json' }, (res) => {
          let first: string | undefined;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (first === undefined) {
              first = chunk;
              release();
            }
            text += chunk;
          });
          res.on('end', () => resolve({ chunked: res.headers['transfer-encoding'] === 'chunked', first: first ?? '', text }));
          res.on('error', reject);
        }).on('error', reject).end();
      });
      expect(seen.chunked).toBe(true);
      expect(seen.first).toMatch(/^\{"@context":.*"dataset":\[$/);
      expect(validate(JSON.parse(seen.text))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
