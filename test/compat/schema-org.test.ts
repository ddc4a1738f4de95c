import type { FastifyInstance } from 'fastify';
import { JsonLdParser } from 'jsonld-streaming-parser';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { updateDictionary } from '../../src/actions/catalog/dictionary.ts';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const BASE = 'https://data.example.gov';
const SDO = 'https://schema.org/';
let t: TestPlaza;
let app: FastifyInstance;

type Json = Record<string, unknown>;

/** Every JSON-LD block of a page, as the text between its script tags. */
const jsonLdBlocks = (html: string): string[] => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

const pageOf = async (slug: string, headers: Record<string, string> = {}): Promise<string> => {
  const res = await app.inject({ method: 'GET', url: `/datasets/${slug}`, headers });
  expect(res.statusCode).toBe(200);
  return res.body;
};

const datasetLd = async (slug: string): Promise<Json> => {
  const blocks = jsonLdBlocks(await pageOf(slug));
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]!) as Json;
};

/** The block read as JSON-LD into RDF quads, offline: a processor that fetched a context would fail here. */
async function quadsOf(text: string): Promise<Quad[]> {
  const parser = new JsonLdParser({
    baseIRI: BASE,
    documentLoader: { load: (url: string) => Promise.reject(new Error(`fetched ${url}`)) },
  });
  const quads: Quad[] = [];
  return new Promise((resolve, reject) => {
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Google's Dataset rules: name and description are required; a description of 50 to 5,000 characters is recommended (a warning, not an error). */
function googleDatasetCheck(ld: Json): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (ld['@type'] !== 'Dataset') errors.push('@type is not Dataset');
  for (const k of ['name', 'description']) if (typeof ld[k] !== 'string' || !(ld[k] as string).trim()) errors.push(`${k} is required`);
  const d = String(ld.description ?? '');
  if (d.length < 50 || d.length > 5000) warnings.push('description should be 50 to 5000 characters');
  for (const dist of (ld.distribution as Json[] | undefined) ?? []) {
    if (dist['@type'] !== 'DataDownload') errors.push('distribution is not a DataDownload');
    if (typeof dist.contentUrl !== 'string') errors.push('distribution needs contentUrl');
  }
  return { errors, warnings };
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE }, { logLevel: 'silent' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  await updateDataset(t.deps, t.admin, 'food-sites', {
    description: 'Where New Yorkers find emergency food: pantries and soup kitchens. Never </script><script>alert(1)</script> & <!-- here.',
    keywords: ['food', 'pantry'],
    temporal: { start: '2024-01-01', end: '2024-12-31' },
    spatial: { place: 'New York City', bbox: [-74.26, 40.49, -73.7, 40.92] },
    language: ['en'],
    license: 'cc-by-4.0',
    contact_point: { name: 'Food desk', email: 'food@example.gov' },
  });
  await updateDictionary(t.deps, t.admin, 'food-sites', { columns: [{ name: 'program', label: 'Program name', description: 'Who runs the site.' }] });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts', slug: 'bike-counts' });
  await updateDataset(t.deps, t.admin, 'bike-counts', { access_level: 'restricted', description: 'Short.', temporal: { start: '2012-01-01', end: null } });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('schema.org Dataset JSON-LD on dataset pages', () => {
  it("follows Google's Dataset rules and describes the dataset, its coverage, downloads and columns", async () => {
    const ld = await datasetLd('food-sites');
    expect(googleDatasetCheck(ld)).toEqual({ errors: [], warnings: [] });
    expect(ld).toMatchObject({
      '@context': { '@vocab': SDO },
      '@type': 'Dataset',
      name: 'Emergency food sites',
      url: `${BASE}/datasets/food-sites`,
      identifier: `${BASE}/datasets/food-sites`,
      keywords: ['food', 'pantry'],
      license: 'https://creativecommons.org/licenses/by/4.0/',
      isAccessibleForFree: true,
      creator: { '@type': 'Organization', name: 'Test Department' },
      publisher: { '@type': 'Organization', name: 'Test Department' },
      temporalCoverage: '2024-01-01/2024-12-31',
      spatialCoverage: { '@type': 'Place', name: 'New York City', geo: { '@type': 'GeoShape', box: '40.49 -74.26 40.92 -73.7' } },
      inLanguage: 'en',
      contactPoint: { '@type': 'ContactPoint', name: 'Food desk', email: 'food@example.gov' },
      includedInDataCatalog: { '@type': 'DataCatalog', name: expect.any(String) as string, url: BASE },
    });
    expect(typeof ld.dateModified).toBe('string');
    expect(typeof ld.datePublished).toBe('string');
    const dist = (ld.distribution as Json[]).map((x) => [x.encodingFormat, x.contentUrl]);
    expect(dist).toContainEqual(['text/csv', `${BASE}/api/v1/datasets/food-sites/export/csv`]);
    expect(dist).toContainEqual(['application/geo+json', `${BASE}/api/v1/datasets/food-sites/export/geojson`]);
    const vars = ld.variableMeasured as Json[];
    expect(vars).toContainEqual({ '@type': 'PropertyValue', name: 'Program name', propertyID: 'program', description: 'Who runs the site.' });
    // The columns Plaza derived are not in the downloads, so not measured variables either.
    expect(vars.some((v) => v.propertyID === 'latitude')).toBe(false);
  });

  it('escapes what could end the script: the description comes back whole', async () => {
    const html = await pageOf('food-sites');
    const block = jsonLdBlocks(html)[0]!;
    expect(block).not.toMatch(/<\/script|<!--|</i);
    expect((JSON.parse(block) as Json).description).toContain('Never </script><script>alert(1)</script> & <!-- here.');
  });

  it('reads as JSON-LD into schema.org RDF without fetching anything', async () => {
    const quads = await quadsOf(jsonLdBlocks(await pageOf('food-sites'))[0]!);
    const dataset = `${BASE}/datasets/food-sites`;
    const has = (s: string, p: string, o?: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o));
    expect(has(dataset, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${SDO}Dataset`)).toBe(true);
    expect(has(dataset, `${SDO}name`, 'Emergency food sites')).toBe(true);
    expect(has(dataset, `${SDO}distribution`)).toBe(true);
    expect(has(dataset, `${SDO}spatialCoverage`)).toBe(true);
    expect(quads.filter((q) => q.predicate.value === `${SDO}contentUrl`).length).toBeGreaterThanOrEqual(4);
  });

  it('warns, without failing, on a short description; lists no downloads to readers who may not download', async () => {
    const ld = await datasetLd('bike-counts');
    expect(googleDatasetCheck(ld)).toEqual({ errors: [], warnings: ['description should be 50 to 5000 characters'] });
    expect(ld.distribution).toBeUndefined();
    expect(ld.temporalCoverage).toBe('2012-01-01/..');
    const signedIn = jsonLdBlocks((await app.inject({ url: '/datasets/bike-counts', headers: { authorization: `Bearer ${t.token}` } })).body);
    expect((JSON.parse(signedIn[0]!) as Json).distribution).toBeDefined();
  });
});

describe('"Use this data in other tools" on the dataset page', () => {
  const linksOf = (html: string): string[] => {
    const section = /<section class="card" aria-labelledby="other-tools">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    return [...section.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  };

  it('links the Data Package, DCAT-AP, CKAN, Socrata and, for data with places, OGC API', async () => {
    const id = (await t.deps.catalog.datasets.getDataset('food-sites'))!.id;
    expect(linksOf(await pageOf('food-sites'))).toEqual([
      '/datasets/food-sites/datapackage.json',
      '/datasets/food-sites.jsonld',
      '/datasets/food-sites.ttl',
      '/datasets/food-sites.rdf',
      '/api/3/action/package_show?id=food-sites',
      `/resource/${fourByFour(id)}.json`,
      '/ogc/collections/food-sites',
    ]);
    expect(linksOf(await pageOf('bike-counts'))).not.toContain('/ogc/collections/bike-counts');
  });

  it('speaks English and Spanish', async () => {
    expect(await pageOf('food-sites')).toContain('<h2 id="other-tools">Use this data in other tools</h2>');
    expect(await pageOf('food-sites', { 'accept-language': 'es' })).toContain('<h2 id="other-tools">Use estos datos en otras herramientas</h2>');
  });

  it('links a Data Package that answers', async () => {
    const res = await app.inject({ url: '/datasets/food-sites/datapackage.json' });
    expect(res.statusCode).toBe(200);
  });
});
