import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDictionary } from '../../src/actions/catalog/dictionary.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let slug: string;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  // Burlington's permits: raw upper-case headers (ADDRESS, FOLDERTYPE…), two of them given labels in the data dictionary.
  ({ slug } = await t.load(fixture('tabular/burlington_on_building_permits.csv'), { title: 'Building permits', slug: 'building-permits' }));
  await updateDictionary(t.deps, t.admin, slug, {
    columns: [
      { name: 'foldertype', label: 'Permit type', description: 'What the permit is for.' },
      { name: 'constructvalue', label: 'Construction value', unit: 'CAD' },
    ],
  });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const stylesheetOf = (html: string): string => /<link rel="stylesheet" href="(\/assets\/plaza\.[0-9a-f]{12}\.css)"\/?>/.exec(html)?.[1] ?? '';

describe('the look (U.S. Web Design System)', () => {
  it('links one stylesheet from the portal’s own assets, compressed and cached for ever, with the USWDS components the pages use and not the rest', async () => {
    const html = (await app.inject('/datasets')).body;
    const href = stylesheetOf(html);
    expect(href).not.toBe('');
    const res = await app.inject({ url: href, headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = brotliDecompressSync(res.rawPayload).toString();
    for (const used of ['.usa-button{', '.usa-sidenav', '.usa-step-indicator', '.usa-pagination', '.usa-alert--error', '.usa-table', '.usa-card', '.usa-tag', '.usa-search', '.usa-error-message', '.plaza-header{']) expect(css, used).toContain(used);
    // Utilities, the grid and components no page uses are left out; so are the fonts not served.
    for (const unused of ['.usa-banner', '.usa-modal', '.margin-top-1', '.grid-col-', 'Merriweather Web"', 'Roboto Mono Web"']) expect(css, unused).not.toContain(unused);
    expect(res.rawPayload.length).toBeLessThan(20_000);
    // USWDS's primary colours read the site's palette, falling back to its own.
    expect(css).toContain('var(--plaza-accent,#005ea2)');
    // Nothing is fetched from another site: every address in it is one of ours, and each answers.
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!).filter(Boolean);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of new Set(urls)) {
      expect(url).toMatch(/^\/assets\/[\w-]+\.[0-9a-f]{12}\.(svg|woff2)$/);
      const file = await app.inject(url);
      expect(file.statusCode, url).toBe(200);
      expect(file.headers['content-type'], url).toBe(url.endsWith('.svg') ? 'image/svg+xml' : 'font/woff2');
    }
    expect(urls.filter((u) => u.endsWith('.woff2'))).toHaveLength(2);
  });

  it('takes the site’s colours as the theme: the header’s colour and the accent with its darker shades', async () => {
    await updateSite(t.deps, t.admin, { primary_color: '#1f3d2b', accent_color: '#00607a' });
    try {
      const html = (await app.inject('/')).body;
      expect(html).toContain('<style>:root{--plaza-primary:#1f3d2b;--plaza-accent:#00607a;--plaza-accent-vivid:#00607a;--plaza-accent-dark:#00485c;--plaza-accent-darker:#003543;');
    } finally {
      await updateSite(t.deps, t.admin, { primary_color: null, accent_color: null });
    }
  });

  it('heads the preview and the table view with the data dictionary’s labels where there are some, and the file’s headers elsewhere', async () => {
    for (const path of [`/datasets/${slug}`, `/datasets/${slug}/table`]) {
      const html = (await app.inject(path)).body;
      const heads = [...html.matchAll(/<th scope="col"[^>]*>(?:<a[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim());
      expect(heads, path).toContain('Permit type');
      expect(heads, path).toContain('Construction value');
      expect(heads, path).not.toContain('FOLDERTYPE');
      expect(heads, path).toContain('ADDRESS');
      expect(html, path).toMatch(/<table class="usa-table[ "]/);
    }
  });

  it('pages the catalog with USWDS pagination links that work without JavaScript', async () => {
    for (let i = 0; i < 24; i++) await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: `Bike counts ${i}`, slug: `bike-counts-${i}` });
    const html = (await app.inject('/datasets?page=2')).body;
    expect(html).toContain('<nav aria-label="Pages" class="usa-pagination">');
    expect(html).toMatch(/<a href="\/datasets" class="usa-pagination__link usa-pagination__previous-page" rel="prev">/);
    expect(html).toContain('<a href="/datasets?page=2" class="usa-pagination__button usa-current" aria-current="page">2</a>');
    expect(html).toMatch(/<use href="\/assets\/icons\.[0-9a-f]{12}\.svg#navigate_before"/);
    const sprite = /<use href="(\/assets\/icons\.[0-9a-f]{12}\.svg)#/.exec(html)![1]!;
    const icons = await app.inject(sprite);
    expect(icons.statusCode).toBe(200);
    expect(icons.headers['content-type']).toBe('image/svg+xml');
  }, 120_000);
});
