import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { BASE, graphOf, loadCatalog, parseJsonLd, parseRdfXml, parseTurtle, PUBLISHED, validate } from './dcat-ap-support.ts';

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
    console.log(`Full DCAT-AP 3.0.1 SHACL: conforms=${report.conforms}, ${report.violations.length} results${report.violations.length ? `:\n${[...new Set(report.violations.map((v) => v.replace(/ http\S+#\S+ /, ' ')))].slice(0, 20).join('\n')}` : ''}`);
    expect(Array.isArray(report.violations)).toBe(true);
  });
});
