import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { searchQuerySchema } from '../../src/http/api/datasets/params.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The catalog search's query is validated once, by the schema `route()`
 * applies, which hands the action a typed search request: the action takes
 * the request as given and checks nothing again.
 */

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { slug: 'covid' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

async function refusal(url: string) {
  const r = await app.inject(url);
  expect(r.statusCode, url).toBe(400);
  return r.json().error as { code: string; details: { fields: Array<{ field: string; message: string }> } };
}

describe('catalog search parameters', () => {
  it('reads the query into the action\'s request: lists split, facet_limit as facetLimit, overdue a yes or no', () => {
    expect(searchQuerySchema.parse({ q: ' trees ', theme: 'parks,environment', organization: ['parks'], status: 'draft', overdue: 'true', facet_limit: '3', facets: 'theme' })).toEqual({
      q: 'trees',
      filters: { organization: ['parks'], theme: ['parks', 'environment'] },
      statuses: ['draft'],
      overdue: true,
      limit: 20,
      offset: 0,
      facets: ['theme'],
      facetLimit: 3,
    });
    expect(searchQuerySchema.parse({})).toEqual({ filters: {}, overdue: false, limit: 20, offset: 0, facetLimit: 20 });
  });

  it('reports each bad parameter once, by name', async () => {
    const e = await refusal('/api/v1/datasets?status=gone&sort=sideways&limit=0');
    expect(e.code).toBe('validation_failed');
    expect(e.details.fields.map((f) => f.field)).toEqual(['status.0', 'sort', 'limit']);
    expect(e.details.fields[0]!.message).toMatch(/is not a status; use draft/);
  });

  it('answers a good query as parsed', async () => {
    const r = await app.inject('/api/v1/datasets?q=covid&facets=format&facet_limit=1&limit=1');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { total: number; results: Array<{ slug: string }>; facets: Record<string, unknown[]> };
    expect(body.total).toBe(1);
    expect(body.results.map((d) => d.slug)).toEqual(['covid']);
    expect(Object.keys(body.facets)).toEqual(['format']);
    expect(body.facets.format!.length).toBeLessThanOrEqual(1);
  });
});
