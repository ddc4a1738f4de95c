import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import { buildApp } from '../../src/http/app.ts';
import { pageEncoding } from '../../src/http/compress.ts';
import { PageCache } from '../../src/http/pages/page-cache.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('the encoding a page is sent in', () => {
  it('prefers brotli, then gzip, and honours refusals and wildcards', () => {
    expect(pageEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pageEncoding('gzip, deflate')).toBe('gzip');
    expect(pageEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pageEncoding('identity')).toBeUndefined();
    expect(pageEncoding(undefined)).toBeUndefined();
    expect(pageEncoding('*')).toBe('br');
    expect(pageEncoding('*;q=0')).toBeUndefined();
    expect(pageEncoding('br;q=0, *')).toBe('gzip');
  });
});

describe('pages sent compressed', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let searches = 0;
  let pages: PageCache;

  beforeAll(async () => {
    t = await startTestPlaza();
    await loadDemoDataset(t, 'daily-shelter-census');
    // The same store, counting its searches: a catalog page made again searches again.
    const datasets = t.deps.catalog.datasets;
    const counted: CatalogStore = { ...t.deps.catalog, datasets: { ...datasets, searchDatasets: (q) => (searches++, datasets.searchDatasets(q)) } };
    const deps: Deps = { ...t.deps, catalog: counted };
    pages = new PageCache(deps);
    app = await buildApp({ deps, pages, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, encoding?: string) => app.inject({ url, headers: { accept: 'text/html', ...(encoding ? { 'accept-encoding': encoding } : {}) } });
  const decode = (r: Awaited<ReturnType<typeof get>>): string => {
    const e = r.headers['content-encoding'];
    return e === 'br' ? brotliDecompressSync(r.rawPayload).toString() : e === 'gzip' ? gunzipSync(r.rawPayload).toString() : r.body;
  };

  it('as brotli or gzip by Accept-Encoding, decoding to the same page, and as they are to clients that accept neither', async () => {
    const plain = await get('/datasets/daily-shelter-census');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('Daily shelter census');
    expect(plain.headers.vary).toContain('Accept-Encoding');
    const br = await get('/datasets/daily-shelter-census', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(decode(br)).toBe(plain.body);
    const gz = await get('/datasets/daily-shelter-census', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toBe(plain.body);
    expect(gz.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('keeps a kept page kept: made once, compressed once per encoding, the same bytes every time', async () => {
    const first = await get('/datasets?q=shelter', 'br');
    const made = searches;
    const again = await get('/datasets?q=shelter', 'br');
    expect(searches).toBe(made);
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    // The page is kept with its brotli bytes, and without gzip's until a browser asks for them.
    const kept = pages.get('en /datasets?q=shelter');
    expect((await kept?.encoded.br)?.equals(first.rawPayload)).toBe(true);
    expect(kept?.encoded.gzip).toBeUndefined();
    const plain = await get('/datasets?q=shelter');
    expect(searches).toBe(made);
    expect(decode(first)).toBe(plain.body);
    expect(decode(await get('/datasets?q=shelter', 'gzip'))).toBe(plain.body);
  });

  it('tags a kept page with one ETag in every encoding, and answers 304 to a browser that has it', async () => {
    const br = await get('/datasets?q=census', 'br');
    const etag = br.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect((await get('/datasets?q=census', 'gzip')).headers.etag).toBe(etag);
    expect((await get('/datasets?q=census')).headers.etag).toBe(etag);
    const again = await app.inject({ url: '/datasets?q=census', headers: { accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const other = await app.inject({ url: '/datasets?q=census', headers: { accept: 'text/html', 'if-none-match': 'W/"something-else"' } });
    expect(other.statusCode).toBe(200);
    expect(decode(other)).toContain('<html');
    // Another page has another tag.
    expect((await get('/datasets?q=shelter')).headers.etag).not.toBe(etag);
  });

  it('compresses pages that are not kept too (a page not found), and leaves the API alone', async () => {
    const missing = await get('/no-such-page', 'gzip');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-encoding']).toBe('gzip');
    expect(decode(missing)).toContain('<html');
    const api = await app.inject({ url: '/api/v1/datasets', headers: { 'accept-encoding': 'gzip, br' } });
    expect(api.headers['content-encoding']).toBeUndefined();
    expect(api.json().total).toBe(1);
  });
});
