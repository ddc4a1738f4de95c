import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { AREAS, CRIMES, FOOD_SITES, startOgcCatalog, type OgcCatalog } from './ogc-support.ts';

/**
 * OGC API – Features (Part 1 Core, GeoJSON) at /ogc: every route's required
 * members, paging, bbox, datetime and property filters, the exceptions, and
 * what a visitor may not see.
 */

const BASE = 'http://plaza.test';
let c: OgcCatalog;

interface Link { href: string; rel: string; type: string }
interface Feature { type: string; id: number; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }
interface Items { type: string; features: Feature[]; links: Link[]; numberMatched: number; numberReturned: number; timeStamp: string }

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await c.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: JSON.parse(res.body) as Record<string, unknown> };
}
const items = async (url: string): Promise<Items> => {
  const res = await get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.type).toContain('application/geo+json');
  return res.body as unknown as Items;
};
const rel = (links: Link[], r: string): Link | undefined => links.find((l) => l.rel === r);
const local = (href: string): string => href.slice(BASE.length);

beforeAll(async () => {
  c = await startOgcCatalog(BASE);
}, 120_000);
afterAll(async () => {
  await c?.app.close();
  await c?.t.close();
});

describe('the landing page, conformance and API definition', () => {
  it('links to the API definition, the conformance classes and the collections, in JSON even when HTML is asked for', async () => {
    for (const url of ['/ogc', '/ogc/', '/ogc?f=json', '/ogc?f=html']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/json');
      expect((await c.app.inject({ url })).headers['access-control-allow-origin']).toBe('*');
      const links = res.body.links as Link[];
      expect(rel(links, 'self')?.href).toBe(`${BASE}/ogc`);
      expect(rel(links, 'service-desc')).toMatchObject({ href: `${BASE}/ogc/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
      expect(rel(links, 'conformance')?.href).toBe(`${BASE}/ogc/conformance`);
      expect(rel(links, 'data')?.href).toBe(`${BASE}/ogc/collections`);
    }
  });

  it('declares Core, GeoJSON and OpenAPI 3.0', async () => {
    const res = await get('/ogc/conformance');
    expect(res.body.conformsTo).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]);
  });

  it('serves an OpenAPI 3.0 definition of every route', async () => {
    const res = await get('/ogc/api');
    expect(res.type).toContain('application/vnd.oai.openapi+json');
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths as object)).toEqual(['/', '/conformance', '/api', '/collections', '/collections/{collectionId}', '/collections/{collectionId}/items', '/collections/{collectionId}/items/{featureId}']);
  });
});

describe('collections', () => {
  it('lists every published, public dataset with places, and nothing else', async () => {
    const res = await get('/ogc/collections');
    const list = res.body.collections as Array<{ id: string; links: Link[]; itemType: string; crs: string[] }>;
    expect(list.map((x) => x.id).sort()).toEqual([AREAS, CRIMES, FOOD_SITES, 'restricted-sites'].sort());
    const text = JSON.stringify(res.body);
    for (const hidden of ['secret-areas', 'draft-areas', 'shelter-census', 'Secret', 'Draft']) expect(text).not.toContain(hidden);
    for (const x of list) {
      expect(rel(x.links, 'items')).toMatchObject({ href: `${BASE}/ogc/collections/${x.id}/items`, type: 'application/geo+json' });
      expect(x.itemType).toBe('feature');
      expect(x.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
    }
  });

  it('describes one collection, and answers 404 in the exception shape for unknown, private, draft and placeless datasets', async () => {
    const one = await get(`/ogc/collections/${CRIMES}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: CRIMES, title: 'Crimes, September 2014' });
    for (const slug of ['nope', 'secret-areas', 'draft-areas', 'shelter-census']) {
      for (const url of [`/ogc/collections/${slug}`, `/ogc/collections/${slug}/items`, `/ogc/collections/${slug}/items/1`]) {
        const res = await get(url);
        expect(res.status, url).toBe(404);
        expect(res.body).toMatchObject({ code: 'NotFound' });
        expect(typeof res.body.description).toBe('string');
      }
    }
  });

  it('asks for a sign-in before serving the rows of a restricted dataset, and serves them to a reader with a token', async () => {
    const anon = await get('/ogc/collections/restricted-sites/items');
    expect(anon.status).toBe(401);
    expect(anon.body.code).toBe('Unauthorized');
    const signed = await get('/ogc/collections/restricted-sites/items?limit=1', { authorization: `Bearer ${c.t.token}` });
    expect(signed.status).toBe(200);
    expect((signed.body as unknown as Items).numberMatched).toBe(489);
  });
});

describe('items', () => {
  it('is a FeatureCollection of 10 features by default, with ids, geometry, properties and the counts', async () => {
    const page = await items(`/ogc/collections/${FOOD_SITES}/items`);
    expect(page.type).toBe('FeatureCollection');
    expect(page.numberReturned).toBe(10);
    expect(page.numberMatched).toBe(489);
    expect(page.timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(page.features.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.features[0]).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [-73.920989, 40.811169] }, properties: { program: 'ABRAHAM HOUSE, INC' } });
    expect(rel(page.links, 'self')?.type).toBe('application/geo+json');
    expect(rel(page.links, 'prev')).toBeUndefined();
  });

  it('walks the next links to the end, seeing every feature once, and links back with prev', async () => {
    const seen: number[] = [];
    let url: string | undefined = `/ogc/collections/${FOOD_SITES}/items?limit=100`;
    let pages = 0;
    while (url) {
      const page = await items(url);
      seen.push(...page.features.map((f) => f.id));
      if (pages > 0) expect(rel(page.links, 'prev')).toBeDefined();
      const next = rel(page.links, 'next');
      url = next ? local(next.href) : undefined;
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toHaveLength(489);
    expect(new Set(seen).size).toBe(489);
  });

  it('serves one feature by its id, as in the list', async () => {
    const page = await items(`/ogc/collections/${AREAS}/items?offset=5&limit=1`);
    const listed = page.features[0] as Feature;
    const one = await get(`/ogc/collections/${AREAS}/items/${listed.id}`);
    expect(one.status).toBe(200);
    expect(one.type).toContain('application/geo+json');
    expect(one.body).toMatchObject({ type: 'Feature', id: listed.id, properties: listed.properties });
    expect((one.body.geometry as { type: string }).type).toBe('Polygon');
    for (const id of ['0', '9999', 'abc', '-1']) expect((await get(`/ogc/collections/${AREAS}/items/${id}`)).status).toBe(404);
  });

  it('filters points by bbox, as the records API counts in_bbox', async () => {
    const page = await items(`/ogc/collections/${CRIMES}/items?bbox=-87.7,41.85,-87.6,41.9&limit=1000`);
    const native = await queryRecords(c.t.deps, c.t.admin, CRIMES, { where: 'in_bbox(location, 41.85, -87.7, 41.9, -87.6)', limit: 1 });
    expect(page.numberMatched).toBe(native.total);
    expect(page.numberMatched).toBeGreaterThan(100);
    for (const f of page.features) {
      const [x, y] = (f.geometry?.coordinates ?? []) as number[];
      expect(x).toBeGreaterThanOrEqual(-87.7);
      expect(x).toBeLessThanOrEqual(-87.6);
      expect(y).toBeGreaterThanOrEqual(41.85);
      expect(y).toBeLessThanOrEqual(41.9);
    }
    // West greater than east crosses the antimeridian: the two boxes either side of it.
    const across = await items(`/ogc/collections/${CRIMES}/items?bbox=-87.65,41.85,-87.7,41.9&limit=1`);
    const sides = await queryRecords(c.t.deps, c.t.admin, CRIMES, { where: 'in_bbox(location, 41.85, -87.65, 41.9, 180) OR in_bbox(location, 41.85, -180, 41.9, -87.7)', limit: 1 });
    expect(across.numberMatched).toBe(sides.total);
    expect(across.numberMatched).toBeGreaterThan(0);
    const six = await items(`/ogc/collections/${CRIMES}/items?bbox=-87.7,41.85,0,-87.6,41.9,10&limit=1`);
    expect(six.numberMatched).toBe(native.total);
  });

  it('filters areas by bbox: those whose bounds meet the box', async () => {
    const all = await items(`/ogc/collections/${AREAS}/items?limit=100`);
    const some = await items(`/ogc/collections/${AREAS}/items?bbox=-73.95,40.7,-73.9,40.75&limit=100`);
    expect(all.numberMatched).toBe(43);
    expect(some.numberMatched).toBeGreaterThan(0);
    expect(some.numberMatched).toBeLessThan(43);
    expect((await items(`/ogc/collections/${AREAS}/items?bbox=10,10,11,11`)).numberMatched).toBe(0);
  });

  it('filters by datetime against the first date column: instants and intervals, open or closed', async () => {
    const count = async (where: string) => (await queryRecords(c.t.deps, c.t.admin, CRIMES, { where, limit: 1 })).total;
    const day = await items(`/ogc/collections/${CRIMES}/items?datetime=2014-09-15`);
    expect(day.numberMatched).toBe(await count("date >= '2014-09-15' AND date < '2014-09-16'"));
    expect(day.numberMatched).toBeGreaterThan(100);
    const closed = await items(`/ogc/collections/${CRIMES}/items?datetime=2014-09-10/2014-09-12`);
    expect(closed.numberMatched).toBe(await count("date >= '2014-09-10' AND date < '2014-09-13'"));
    const open = await items(`/ogc/collections/${CRIMES}/items?datetime=../2014-09-02T00:00:00Z`);
    expect(open.numberMatched).toBe(await count("date <= '2014-09-02T00:00:00Z'"));
    const after = await items(`/ogc/collections/${CRIMES}/items?datetime=2014-09-29T12:00:00Z/..`);
    expect(after.numberMatched).toBe(await count("date >= '2014-09-29T12:00:00Z'"));
  });

  it('filters by properties with typed equality, combined with bbox, and keeps the filters in the paging links', async () => {
    const count = async (where: string) => (await queryRecords(c.t.deps, c.t.admin, CRIMES, { where, limit: 1 })).total;
    const theft = await items(`/ogc/collections/${CRIMES}/items?primary_type=THEFT&district=1&arrest=false&limit=5`);
    expect(theft.numberMatched).toBe(await count("primary_type = 'THEFT' AND district = 1 AND NOT arrest"));
    expect(theft.features.every((f) => f.properties.primary_type === 'THEFT' && f.properties.district === 1)).toBe(true);
    const next = rel(theft.links, 'next')?.href ?? '';
    expect(next).toContain('primary_type=THEFT');
    expect(next).toContain('offset=5');
    const at = (await queryRecords(c.t.deps, c.t.admin, CRIMES, { select: 'date', where: "primary_type = 'THEFT'", limit: 1 })).results[0]?.date;
    const same = await items(`/ogc/collections/${CRIMES}/items?date=${String(at)}`);
    expect(same.numberMatched).toBe(await count(`date = '${String(at)}'`));
    expect(same.numberMatched).toBeGreaterThan(0);
    const boro = await items(`/ogc/collections/${AREAS}/items?borough=Bronx&limit=100`);
    expect(boro.features.length).toBeGreaterThan(0);
    expect(boro.features.every((f) => f.properties.borough === 'Bronx')).toBe(true);
  });

  it('lowers a limit over 10,000 to 10,000', async () => {
    const page = await items(`/ogc/collections/${CRIMES}/items?limit=50000`);
    expect(page.numberReturned).toBe(10_000);
  });

  it('refuses bad parameters with 400 and {code, description}, never an engine error', async () => {
    const bad = [
      'bbox=1,2,3', 'bbox=a,b,c,d', 'bbox=-87.7,41.9,-87.6,41.85', 'bbox=-200,0,0,1', 'limit=0', 'limit=-1', 'limit=abc', 'limit=1.5', 'offset=-3',
      'datetime=yesterday', 'datetime=2014-13-01', 'datetime=../..', 'datetime=2014-09-10/2014-09-01', 'datetime=a/b/c', 'district=one', 'arrest=maybe',
      'date=soon', 'unknown=1', 'bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326', 'limit=1&limit=2',
    ];
    for (const q of bad) {
      const res = await get(`/ogc/collections/${CRIMES}/items?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.code, q).toBe('InvalidParameterValue');
      expect(String(res.body.description), q).not.toMatch(/duckdb|binder|sql|select/i);
    }
    expect((await get(`/ogc/collections/${AREAS}/items?datetime=2014-01-01`)).status).toBe(400);
    expect((await get('/ogc/collections?bbox=1,2,3,4')).status).toBe(400);
  });
});
