import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assets } from '../../src/http/assets/bundles.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
const assets = new Assets();

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x', assets }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('browser bundles', () => {
  it('are linked from pages by a content-hashed URL and served compressed, cacheable for a year', async () => {
    const page = (await app.inject('/datasets')).body;
    const src = /<script type="module" src="(\/assets\/enhance\.[0-9a-f]{12}\.js)"/.exec(page)?.[1];
    expect(src).toBeDefined();
    const br = await app.inject({ url: src!, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', 'content-type': 'text/javascript; charset=utf-8' });
    const js = brotliDecompressSync(br.rawPayload).toString();
    expect(js).toContain('data-autosubmit');
    const gz = await app.inject({ url: src!, headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);
    expect((await app.inject({ url: src!, headers: { 'accept-encoding': 'identity' } })).body).toBe(js);
    expect((await app.inject('/assets/enhance.000000000000.js')).statusCode).toBe(404);
  });

  it('stay within the size budget of pages other than the dataset page (30 KB compressed)', async () => {
    for (const b of await assets.list()) expect(b.gzip.length, b.path).toBeLessThan(30 * 1024);
  });
});
