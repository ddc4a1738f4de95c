import type { FastifyInstance } from 'fastify';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { FORMATS } from '../../src/http/compat/dcat-ap/formats.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { BASE, graphOf, HIDDEN, loadCatalog, parseJsonLd, parseRdfXml, parseTurtle, PUBLISHED, validate } from './dcat-ap-support.ts';

let t: TestPlaza;
let app: FastifyInstance;
const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

beforeAll(async () => {
  t = await startTestPlaza();
  await loadCatalog(t);
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE, registry: new ApiRegistry() }, { logLevel: 'silent' });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const SHAPE_FILES = ['dcat-ap-3.0.1-shapes-mandatory.ttl', 'dcat-ap-3.0.1-shapes-recommended.ttl'];

describe('DCAT-AP 3 conformance (rdf-validate-shacl)', () => {
  it('the whole catalog as Turtle conforms to the mandatory and recommended shapes', async () => {
    const res = await get('/catalog.ttl?per_page=1000');
    expect(res.statusCode).toBe(200);
    const quads = parseTurtle(res.body);
    for (const shapes of SHAPE_FILES) {
      const report = await validate(quads, shapes);
      expect(report.violations, shapes).toEqual([]);
      expect(report.conforms).toBe(true);
    }
  });

  it('the JSON-LD, read with its inline context and no network, conforms and says the same as the Turtle', async () => {
    const [ttl, jsonld] = await Promise.all([get('/catalog?per_page=1000', { accept: 'text/turtle' }), get('/catalog?per_page=1000', { accept: 'application/ld+json' })]);
    expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
    const body = JSON.parse(jsonld.body) as { '@context': unknown };
    expect(typeof body['@context']).toBe('object');
    const quads = await parseJsonLd(jsonld.body);
    for (const shapes of SHAPE_FILES) expect((await validate(quads, shapes)).violations, shapes).toEqual([]);
    expect(graphOf(quads)).toEqual(graphOf(parseTurtle(ttl.body)));
  });

  it('the RDF/XML, read back with rdfxml-streaming-parser, is the same graph as the Turtle', async () => {
    const [ttl, xml] = await Promise.all([get('/catalog?per_page=1000', { accept: 'text/turtle' }), get('/catalog?per_page=1000', { accept: 'application/rdf+xml' })]);
    expect(xml.headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect(graphOf(await parseRdfXml(xml.body))).toEqual(graphOf(parseTurtle(ttl.body)));
  });

  it('each dataset alone conforms, rich or bare, in all three formats', async () => {
    for (const slug of PUBLISHED) {
      const ttl = parseTurtle((await get(`/datasets/${slug}.ttl`)).body);
      const jsonld = await parseJsonLd((await get(`/datasets/${slug}.jsonld`)).body);
      const xml = await parseRdfXml((await get(`/datasets/${slug}.rdf`)).body);
      for (const shapes of SHAPE_FILES) expect((await validate(ttl, shapes)).violations, `${slug} ${shapes}`).toEqual([]);
      expect(graphOf(jsonld)).toEqual(graphOf(ttl));
      expect(graphOf(xml)).toEqual(graphOf(ttl));
    }
  });

  it('reports what the full DCAT-AP 3.0.1 SHACL file says (not required to pass)', async () => {
    const report = await validate(parseTurtle((await get('/catalog.ttl?per_page=1000')).body), 'dcat-ap-3.0.1-SHACL.ttl');
    const byPath = new Map<string, number>();
    for (const v of report.violations) byPath.set(v.replace(/^(\S+) \S+ /, '$1 '), (byPath.get(v.replace(/^(\S+) \S+ /, '$1 ')) ?? 0) + 1);
    console.log(`Full DCAT-AP 3.0.1 SHACL: conforms=${report.conforms}, ${report.violations.length} results\n${[...byPath].map(([k, n]) => `${n}x ${k}`).join('\n')}`);
    expect(Array.isArray(report.violations)).toBe(true);
  });
});

describe('DCAT-AP 3 over HTTP', () => {
  const datasetsIn = (quads: ReturnType<typeof parseTurtle>) =>
    quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#dataset').map((q) => q.object.value.replace(`${BASE}/datasets/`, '').replace('#dataset', ''));
  const hydra = (quads: ReturnType<typeof parseTurtle>, term: string) => quads.find((q) => q.predicate.value === `http://www.w3.org/ns/hydra/core#${term}`)?.object.value;

  it('negotiates /catalog on Accept: Turtle, JSON-LD, RDF/XML; Turtle for */* or none; 406 naming the three for HTML', async () => {
    expect((await get('/catalog', { accept: 'text/turtle' })).headers['content-type']).toMatch(/^text\/turtle/);
    expect((await get('/catalog', { accept: 'application/ld+json' })).headers['content-type']).toMatch(/^application\/ld\+json/);
    expect((await get('/catalog', { accept: 'application/rdf+xml' })).headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect((await get('/catalog', { accept: 'text/turtle;q=0.5, application/rdf+xml;q=0.9' })).headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect((await get('/catalog', { accept: 'application/ld+json, application/rdf+xml' })).headers['content-type']).toMatch(/^application\/ld\+json/);
    expect((await get('/catalog', { accept: '*/*' })).headers['content-type']).toMatch(/^text\/turtle/);
    expect((await get('/catalog')).headers['content-type']).toMatch(/^text\/turtle/);
    const html = await get('/catalog', { accept: 'text/html,application/xhtml+xml' });
    expect(html.statusCode).toBe(406);
    expect(html.body).toContain('text/turtle, application/ld+json or application/rdf+xml');
    expect(html.headers.vary).toContain('Accept');
  });

  it('pages with Hydra: three pages of two, with first, previous, next and last links that lead through every dataset once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${BASE}/catalog.ttl?page=1&per_page=2`;
    const pages: Array<{ next?: string; previous?: string; first?: string; last?: string; total?: string; per?: string }> = [];
    while (url) {
      const res = await get(url.replace(BASE, ''));
      expect(res.statusCode).toBe(200);
      const quads = parseTurtle(res.body);
      seen.push(...datasetsIn(quads));
      const page = { next: hydra(quads, 'nextPage'), previous: hydra(quads, 'previousPage'), first: hydra(quads, 'firstPage'), last: hydra(quads, 'lastPage'), total: hydra(quads, 'totalItems'), per: hydra(quads, 'itemsPerPage') };
      pages.push(page);
      url = page.next;
    }
    expect(pages).toHaveLength(3);
    expect(seen.sort()).toEqual([...PUBLISHED].sort());
    expect(pages.map((p) => p.total)).toEqual(['5', '5', '5']);
    expect(pages.map((p) => p.per)).toEqual(['2', '2', '2']);
    expect(pages.map((p) => p.previous)).toEqual([undefined, `${BASE}/catalog.ttl?page=1&per_page=2`, `${BASE}/catalog.ttl?page=2&per_page=2`]);
    expect(new Set(pages.map((p) => p.first))).toEqual(new Set([`${BASE}/catalog.ttl?page=1&per_page=2`]));
    expect(new Set(pages.map((p) => p.last))).toEqual(new Set([`${BASE}/catalog.ttl?page=3&per_page=2`]));
  });

  it('refuses bad paging with 400 and a message saying what to send; a page past the last is 404', async () => {
    for (const q of ['page=0', 'page=-1', 'page=abc', 'per_page=0', 'per_page=1001', 'per_page=x', 'page=1&page=2']) {
      const res = await get(`/catalog.ttl?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/page/);
    }
    const past = await get('/catalog.ttl?page=4&per_page=2');
    expect(past.statusCode).toBe(404);
    expect(past.body).toContain('3 pages');
  });

  it('never shows a draft or a private dataset: not in the catalog, the counts, nor per dataset', async () => {
    for (const ext of ['ttl', 'jsonld', 'rdf']) {
      const body = (await get(`/catalog.${ext}?per_page=1000`)).body;
      for (const slug of HIDDEN) expect(body, `${ext} ${slug}`).not.toContain(slug);
      expect(body).not.toContain('Secret counts');
      for (const slug of HIDDEN) {
        const res = await get(`/datasets/${slug}.${ext}`);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain('There is no dataset');
      }
    }
    const first = await get('/catalog.ttl');
    expect(hydra(parseTurtle(first.body), 'totalItems')).toBe('5');
    expect(hydra(parseTurtle(first.body), 'itemsPerPage')).toBe('100');
    expect(first.headers.vary).toContain('Accept');
    // Signed in as an administrator changes nothing: the catalog is what anyone sees.
    const asAdmin = await get('/catalog.ttl?per_page=1000', { authorization: `Bearer ${t.token}` });
    for (const slug of HIDDEN) expect(asAdmin.body).not.toContain(slug);
  });

  it('describes a rich dataset with the EU vocabularies, and gives a bare one its fallbacks', async () => {
    const rich = parseTurtle((await get('/datasets/bike-counts.ttl')).body);
    const values = (p: string) => rich.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    const EU = 'http://publications.europa.eu/resource/authority/';
    expect(values('http://purl.org/dc/terms/accrualPeriodicity')).toEqual([`${EU}frequency/DAILY`]);
    expect(values('http://purl.org/dc/terms/language').sort()).toEqual([`${EU}language/ENG`, `${EU}language/FRA`]);
    expect(values('http://www.w3.org/ns/dcat#theme')).toContain(`${EU}data-theme/TRAN`);
    expect(values('http://purl.org/dc/terms/accessRights')).toEqual([`${EU}access-right/PUBLIC`]);
    expect(values('http://www.w3.org/ns/dcat#bbox')).toEqual(['POLYGON((-73.98 45.41,-73.47 45.41,-73.47 45.7,-73.98 45.7,-73.98 45.41))']);
    expect(values('http://www.w3.org/ns/dcat#startDate')).toEqual(['2012-01-01']);
    expect(values('http://www.w3.org/2006/vcard/ns#hasEmail')).toEqual(['mailto:opendata@city.example']);
    expect(values('http://purl.org/dc/terms/format')).toContain(`${EU}file-type/CSV`);
    expect(values('http://www.w3.org/ns/dcat#mediaType')).toContain('https://www.iana.org/assignments/media-types/text/csv');
    expect(values('http://www.w3.org/ns/dcat#downloadURL')).toContain(`${BASE}/api/v1/datasets/bike-counts/export/csv`);
    expect(values('http://purl.org/dc/terms/license')).toContain('https://creativecommons.org/licenses/by/4.0/');
    const restricted = parseTurtle((await get('/datasets/food-pantries.ttl')).body);
    expect(restricted.find((q) => q.predicate.value === 'http://purl.org/dc/terms/accessRights')?.object.value).toBe(`${EU}access-right/RESTRICTED`);
    const bare = parseTurtle((await get('/datasets/covid-totals.ttl')).body);
    const bareValues = (p: string) => bare.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    expect(bareValues('http://www.w3.org/ns/dcat#theme')).toEqual([`${EU}data-theme/GOVE`]);
    expect(bareValues('http://purl.org/dc/terms/spatial')).toEqual([`${BASE}/catalog#area`]);
    expect(bareValues('http://www.w3.org/ns/dcat#keyword')).toEqual(['Test Department']);
  });

  it('leaves the dataset page where it was: /datasets/{slug} is still the page, /datasets/{slug}.ttl the description', async () => {
    const page = await get('/datasets/bike-counts');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect((await get('/datasets/bike-counts.jsonld')).headers['content-type']).toMatch(/^application\/ld\+json/);
  });

  it('the download link the catalog gives works', async () => {
    const res = await get('/api/v1/datasets/bike-counts/export/csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/csv/);
  });
});

describe('DCAT-AP 3 streaming', () => {
  it('writes Turtle, JSON-LD and RDF/XML as quads arrive, before the document ends', async () => {
    const page = parseTurtle((await get('/datasets/bike-counts.ttl')).body);
    for (const format of FORMATS) {
      const out = new PassThrough();
      const chunks: string[] = [];
      out.on('data', (c: Buffer | string) => chunks.push(String(c)));
      const sink = format.open(out);
      await sink.write(page);
      await new Promise((r) => setTimeout(r, 50)); // n3 coalesces small pieces for a moment
      const before = chunks.join('');
      expect(before, format.ext).toContain('bike-counts');
      await sink.write(page);
      await sink.end();
      await new Promise((r) => out.on('end', r));
      expect(chunks.join('').length, format.ext).toBeGreaterThan(before.length);
    }
  });
});
