import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { RecordsCache } from '../../src/http/api/records/answer-cache.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Records answers and exports carry an entity tag of the dataset, the
 * version read and the query: a client that has the answer gets 304 without
 * the query running, a new version changes the tag, and the JSON answers are
 * kept per version and query.
 */

let t: TestPlaza;
let app: FastifyInstance;
let cache: RecordsCache;
let dir: string;
const runs = { query: 0, stream: 0 };

beforeAll(async () => {
  t = await startTestPlaza();
  cache = new RecordsCache();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', records: cache }, { logLevel: 'silent' });
  dir = await mkdtemp(join(tmpdir(), 'plaza-etag-'));
  // The first version: fifty rows of the file; the second will be all of it.
  const all = readFileSync(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), 'utf8').split('\n');
  await writeFile(join(dir, 'covid.csv'), all.slice(0, 51).join('\n') + '\n');
  await t.load(join(dir, 'covid.csv'), { slug: 'covid' });
  // Counts the queries the engine runs from here on.
  const engine = t.deps.engine;
  const query = engine.query.bind(engine);
  const stream = engine.stream.bind(engine);
  engine.query = (...args) => {
    runs.query++;
    return query(...args);
  };
  engine.stream = (...args) => {
    runs.stream++;
    return stream(...args);
  };
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('records answers', () => {
  it('carry an ETag of the version and the normalized query, and answer 304 to it without running the query', async () => {
    const first = await get('/api/v1/datasets/covid/records?limit=5&order_by=MODIFIED_ZCTA');
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.json().results).toHaveLength(5);
    // The same query written in another order is the same answer.
    const reordered = await get('/api/v1/datasets/covid/records?order_by=MODIFIED_ZCTA&limit=5&where=');
    expect(reordered.headers.etag).toBe(etag);
    expect((await get('/api/v1/datasets/covid/records?limit=6&order_by=MODIFIED_ZCTA')).headers.etag).not.toBe(etag);

    const before = runs.query;
    const again = await get('/api/v1/datasets/covid/records?limit=5&order_by=MODIFIED_ZCTA', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(runs.query, 'no query ran for the 304').toBe(before);
  });

  it('are kept per version and query: a second ask is a hit, with the same body, and runs no query', async () => {
    const url = '/api/v1/datasets/covid/records?limit=3&select=MODIFIED_ZCTA,BOROUGH_GROUP';
    const [hits, misses] = [cache.hits, cache.misses];
    const first = await get(url);
    expect(cache.misses).toBe(misses + 1);
    const before = runs.query;
    const second = await get(url);
    expect(runs.query).toBe(before);
    expect(cache.hits).toBe(hits + 1);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(cache.size).toBeGreaterThan(0);
  });

  it('check who may read the dataset before any tag or kept answer', async () => {
    const r = await get('/api/v1/datasets/no-such-dataset/records?limit=5', { 'if-none-match': '*' });
    expect(r.statusCode).toBe(404);
    expect(r.headers.etag).toBeUndefined();
  });
});

describe('exports', () => {
  it('carry an ETag of the version, format and query, and answer 304 without running the export', async () => {
    const csv = await get('/api/v1/datasets/covid/export/csv?where=BOROUGH_GROUP%3D%27Manhattan%27');
    expect(csv.statusCode).toBe(200);
    const etag = String(csv.headers.etag);
    expect(etag).toMatch(/^W\//);
    const json = await get('/api/v1/datasets/covid/export/json?where=BOROUGH_GROUP%3D%27Manhattan%27');
    expect(json.headers.etag).not.toBe(etag);
    const before = { ...runs };
    const again = await get('/api/v1/datasets/covid/export/csv?where=BOROUGH_GROUP%3D%27Manhattan%27', { 'if-none-match': `"other", ${etag}` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(runs).toEqual(before);
  });
});

describe('a new version', () => {
  it('changes every tag, and no kept answer of the old version is served', async () => {
    const url = '/api/v1/datasets/covid/records?select=count(*)%20as%20n';
    const old = await get(url);
    expect(old.json().results[0].n).toBe(50);
    const oldExport = await get('/api/v1/datasets/covid/export/csv');
    await t.addVersion('covid', fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'));
    const fresh = await get(url, { 'if-none-match': String(old.headers.etag) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(old.headers.etag);
    expect(fresh.json().results[0].n).toBe(177);
    const freshExport = await get('/api/v1/datasets/covid/export/csv', { 'if-none-match': String(oldExport.headers.etag) });
    expect(freshExport.statusCode).toBe(200);
    expect(freshExport.headers.etag).not.toBe(oldExport.headers.etag);
    // The old version, asked for by number, still has its own answer, tagged apart from the live one's.
    const v1 = await get(`${url}&version=1`);
    expect(v1.json().results[0].n).toBe(50);
    expect(v1.headers.etag).not.toBe(old.headers.etag);
  }, 60_000);
});
