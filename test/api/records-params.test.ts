import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { recordsQuerySchema } from '../../src/http/api/records/params.ts';
import { openApiDocument, type OpenApiDocument } from '../../src/http/openapi/document.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The records query is validated once, by the schema `route()` applies: each
 * bad parameter is reported once, with the message it has always had, and
 * the OpenAPI document lists the parameters from the same schema.
 */

let t: TestPlaza;
let app: FastifyInstance;
let doc: OpenApiDocument;

beforeAll(async () => {
  t = await startTestPlaza();
  const registry = new ApiRegistry();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry }, { logLevel: 'silent' });
  await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { slug: 'covid' });
  doc = openApiDocument(registry, { title: 'Test City API', version: '1', serverUrl: 'http://localhost' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const long = (n: number) => 'x'.repeat(n);

/** One bad parameter each, with the problem the API has always named. */
const BAD: Array<{ query: string; field: string; message: string; case: string }> = [
  { case: 'select', query: `select=${long(4001)}`, field: 'select', message: 'at most 4,000 characters' },
  { case: 'where', query: `where=${long(4001)}`, field: 'where', message: 'at most 4,000 characters' },
  { case: 'group_by', query: `group_by=${long(4001)}`, field: 'group_by', message: 'at most 4,000 characters' },
  { case: 'order_by', query: `order_by=${long(4001)}`, field: 'order_by', message: 'at most 4,000 characters' },
  { case: 'q', query: `q=${long(4001)}`, field: 'q', message: 'at most 4,000 characters' },
  { case: 'limit', query: 'limit=abc', field: 'limit', message: 'a whole number' },
  { case: 'limit (given twice)', query: 'limit=1&limit=2', field: 'limit', message: 'Invalid input: expected string, received array' },
  { case: 'offset', query: 'offset=-1', field: 'offset', message: 'a whole number' },
  { case: 'cursor', query: `cursor=${long(16_385)}`, field: 'cursor', message: 'Too big: expected string to have <=16384 characters' },
  { case: 'version', query: 'version=0', field: 'version', message: 'Too small: expected number to be >=1' },
  { case: 'version (not a number)', query: 'version=x', field: 'version', message: 'Invalid input: expected number, received NaN' },
];

const ROUTES = ['records', 'facets?facet=label&', 'export/csv'];

async function refusal(url: string) {
  const r = await app.inject(url);
  expect(r.statusCode, url.slice(0, 120)).toBe(400);
  return r.json().error as { code: string; message: string; details: { fields: Array<{ field: string; message: string }> } };
}

describe('records query parameters', () => {
  describe.each(ROUTES)('%s', (path) => {
    const url = (query: string) => `/api/v1/datasets/covid/${path}${path.includes('?') ? '' : '?'}${query}`;

    it.each(BAD)('reports a bad $case once, as it always has', async ({ query, field, message }) => {
      const e = await refusal(url(query));
      expect(e.code).toBe('validation_failed');
      expect(e.message).toBe(`The query is not valid: ${field}: ${message}.`);
      expect(e.details.fields).toEqual([{ field, message }]);
    });

    it('reports each of several bad parameters once, in the order of the parameters', async () => {
      const e = await refusal(url('version=0&offset=-1&limit=abc'));
      expect(e.details.fields).toEqual([
        { field: 'limit', message: 'a whole number' },
        { field: 'offset', message: 'a whole number' },
        { field: 'version', message: 'Too small: expected number to be >=1' },
      ]);
      expect(e.message).toBe('The query is not valid: limit: a whole number; offset: a whole number; version: Too small: expected number to be >=1.');
    });
  });

  it('reports the facet parameters with the records ones', async () => {
    expect((await refusal('/api/v1/datasets/covid/facets')).message).toBe('The query is not valid: facet: Invalid input.');
    const e = await refusal('/api/v1/datasets/covid/facets?facet=label&facet_limit=0&limit=x');
    expect(e.details.fields).toEqual([
      { field: 'limit', message: 'a whole number' },
      { field: 'facet_limit', message: 'Too small: expected number to be >=1' },
    ]);
  });

  it('hands the action the parsed query: empty parameters left out, the version a number', () => {
    expect(recordsQuerySchema.parse({ select: '', where: 'a > 1', limit: '5', version: '2' })).toEqual({ req: { where: 'a > 1', limit: '5' }, version: 2 });
    expect(recordsQuerySchema.parse({})).toEqual({ req: {}, version: undefined });
  });

  it('answers a good query with the parameters as parsed', async () => {
    const r = await app.inject('/api/v1/datasets/covid/records?select=&limit=2&offset=1&version=1');
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json())).toEqual(['total_count', 'fields', 'results', 'next_cursor']);
    expect(r.json().results).toHaveLength(2);
  });

  const RECORDS_PARAMS = ['select', 'where', 'group_by', 'having', 'order_by', 'q', 'limit', 'offset', 'cursor', 'version'];
  const params = (path: string) => doc.paths[path]!.get!.parameters!;

  it.each([
    ['/api/v1/datasets/{id}/records', ['id', ...RECORDS_PARAMS]],
    ['/api/v1/datasets/{id}/facets', ['id', ...RECORDS_PARAMS, 'facet', 'facet_limit']],
    ['/api/v1/datasets/{id}/export/{format}', ['id', 'format', ...RECORDS_PARAMS, 'derived']],
  ])('documents the parameters of %s in OpenAPI', (path, names) => {
    expect(params(path).map((p) => p.name)).toEqual(names);
  });

  it('documents each parameter as the client sends it', () => {
    const byName = new Map(params('/api/v1/datasets/{id}/facets').map((p) => [p.name, p]));
    expect(byName.get('select')).toMatchObject({ in: 'query', required: false, schema: { type: 'string', maxLength: 4000 } });
    expect(byName.get('limit')).toMatchObject({ required: false, schema: { type: 'string', pattern: '^\\d+$' } });
    expect(byName.get('cursor')).toMatchObject({ schema: { type: 'string', maxLength: 16384 } });
    expect(byName.get('version')).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1 } });
    expect(byName.get('facet')).toMatchObject({ required: true, style: 'form', explode: true, schema: { type: 'array' } });
    expect(byName.get('facet_limit')).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 10000 } });
    const exportParams = new Map(params('/api/v1/datasets/{id}/export/{format}').map((p) => [p.name, p]));
    expect(exportParams.get('derived')).toMatchObject({ in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } });
  });
});
