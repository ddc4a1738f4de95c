import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { loadDemoDataset, type DemoEntry } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let auth: { authorization: string };
let census: DemoEntry;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'https://data.example.org' }, { logLevel: 'silent' });
  auth = { authorization: `Bearer ${t.token}` };
  census = await loadDemoDataset(t, 'daily-shelter-census');
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

/** The content of a page's `<meta name|property=…>`, or undefined. */
const meta = (body: string, key: string): string | undefined => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"/>`).exec(body)?.[1];
const canonical = (body: string): string | undefined => /<link rel="canonical" href="([^"]*)"\/>/.exec(body)?.[1];
const icon = (body: string): string | undefined => /<link rel="icon" href="([^"]*)"\/>/.exec(body)?.[1];

const PAGES = ['/', '/datasets', '/datasets/daily-shelter-census', '/datasets/daily-shelter-census/table', '/organizations', '/organizations/homeless-services', '/sign-in', '/api/reference', '/no-such-page'];

describe('what search engines and link previews read', () => {
  it('gives every page a description, Open Graph tags, an absolute canonical address and an icon', async () => {
    for (const url of PAGES) {
      const r = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(r.headers['content-type'], url).toContain('text/html');
      const path = url.split('?')[0];
      expect(canonical(r.body), url).toBe(`https://data.example.org${path}`);
      expect(meta(r.body, 'og:url'), url).toBe(`https://data.example.org${path}`);
      expect(meta(r.body, 'description')?.length, url).toBeGreaterThan(20);
      expect(meta(r.body, 'og:description'), url).toBe(meta(r.body, 'description'));
      expect(meta(r.body, 'og:title'), url).toBeTruthy();
      expect(meta(r.body, 'og:type'), url).toBe('website');
      expect(meta(r.body, 'og:site_name'), url).toBe('Plaza Demo City');
      expect(meta(r.body, 'og:image'), url).toBeUndefined();
      expect(icon(r.body), url).toMatch(/^\/favicon\.svg\?v=[0-9a-f]{12}$/);
    }
  });

  it("describes a dataset by its own description and title, and the catalog by the site's", async () => {
    const page = (await app.inject('/datasets/daily-shelter-census')).body;
    expect(meta(page, 'description')).toBe(census.description);
    expect(meta(page, 'og:title')).toBe(census.title);
    const home = (await app.inject('/')).body;
    expect(meta(home, 'description')).toBe("Plaza Demo City: the city's open data, to search, explore, download and use through the API.");
    const es = (await app.inject({ url: '/datasets', headers: { 'accept-language': 'es' } })).body;
    expect(meta(es, 'description')).toBe('Plaza Demo City: los datos abiertos de la ciudad, para buscar, explorar, descargar y usar con la API.');
    // The query is not part of the canonical address.
    expect(canonical((await app.inject('/datasets?q=shelter&page=1')).body)).toBe('https://data.example.org/datasets');
  });
});

describe("the site's icon", () => {
  it('serves a letter icon at /favicon.ico and /favicon.svg when there is no logo', async () => {
    for (const url of ['/favicon.ico', '/favicon.svg']) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe('image/svg+xml');
      expect(r.body, url).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(r.body, url).toContain('>P</text>');
    }
  });

  it("uses the site's logo for the icon and the Open Graph image, and changes the icon's address with it", async () => {
    const before = icon((await app.inject('/datasets')).body);
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: auth, payload: { logo_url: `data:image/png;base64,${png}` } })).statusCode).toBe(200);
    const page = (await app.inject('/datasets')).body;
    expect(meta(page, 'og:image')).toMatch(/^https:\/\/data\.example\.org\/site\/logo\?v=[0-9a-f]{12}$/);
    const after = icon(page);
    expect(after).not.toBe(before);
    const ico = await app.inject(after!);
    expect(ico.headers['content-type']).toBe('image/png');
    expect(ico.headers['cache-control']).toContain('immutable');
    expect(ico.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(ico.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    expect((await app.inject('/favicon.ico')).rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);

    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: auth, payload: { logo_url: 'https://example.org/logo.png' } })).statusCode).toBe(200);
    expect(meta((await app.inject('/datasets')).body, 'og:image')).toBe('https://example.org/logo.png');
    const away = await app.inject('/favicon.ico');
    expect(away.statusCode).toBe(302);
    expect(away.headers.location).toBe('https://example.org/logo.png');
    await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: auth, payload: { logo_url: null } });
  });
});
