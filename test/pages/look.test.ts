import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDictionary } from '../../src/actions/catalog/dictionary.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { SYSTEM_SANS, USWDS_CLASSES } from '../../src/http/assets/stylesheet.ts';
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

/** The CSS a page carries in its head. */
const styleOf = (html: string): string => /<head>[\s\S]*?<style>([\s\S]*?)<\/style>[\s\S]*?<\/head>/.exec(html)?.[1] ?? '';

describe('the look (U.S. Web Design System)', () => {
  it('carries its stylesheet in each page (no file to wait for), with the USWDS components the pages use and not the rest', async () => {
    const html = (await app.inject('/datasets')).body;
    expect(html).not.toContain('rel="stylesheet"');
    const css = styleOf(html);
    expect(css).not.toBe('');
    for (const used of ['.usa-button{', '.usa-sidenav', '.usa-step-indicator', '.usa-pagination', '.usa-alert--error', '.usa-table', '.usa-card', '.usa-tag', '.usa-search', '.usa-error-message', '.plaza-header{']) expect(css, used).toContain(used);
    // Utilities, the grid and components no page uses are left out; so are the fonts not served.
    for (const unused of ['.usa-banner', '.usa-modal', '.margin-top-1', '.grid-col-', '.usa-icon-list', '.usa-button-group', '.usa-table--striped', '.usa-checkbox']) expect(css, unused).not.toContain(unused);
    // No web font: text is drawn in the system's own font as soon as the page arrives.
    expect(css).not.toContain('@font-face');
    expect(css).not.toMatch(/Source Sans|Merriweather|Roboto Mono Web/);
    expect(css).toContain(`font-family:${SYSTEM_SANS}`);
    // Small enough to send with every page: under 8 KB once compressed.
    expect(brotliCompressSync(css).length).toBeLessThan(8_000);
    // USWDS's primary colours read the site's palette, falling back to its own.
    expect(css).toContain('var(--plaza-accent,#005ea2)');
    // Nothing is fetched from another site: every address in it is one of ours, and each answers.
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!).filter(Boolean);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of new Set(urls)) {
      expect(url).toMatch(/^\/assets\/[\w-]+\.[0-9a-f]{12}\.svg$/);
      const file = await app.inject(url);
      expect(file.statusCode, url).toBe(200);
      expect(file.headers['content-type'], url).toBe('image/svg+xml');
      expect(file.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
  });

  it('keeps exactly the USWDS classes the pages name: each one styled, none carried for nothing', () => {
    const uswds = readFileSync(createRequire(import.meta.url).resolve('@uswds/uswds/css/uswds.min.css'), 'utf8');
    const styled = new Set([...uswds.matchAll(/\.(usa-[\w-]+)/g)].map((m) => m[1]!));
    const named = new Set<string>();
    for (const file of readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))) {
      for (const m of readFileSync(join('src', file), 'utf8').matchAll(/\busa-[a-z0-9_-]+/g)) if (styled.has(m[0])) named.add(m[0]);
    }
    expect([...named].filter((c) => !USWDS_CLASSES.has(c)), 'named in pages but not kept').toEqual([]);
    expect([...USWDS_CLASSES].filter((c) => !named.has(c)), 'kept but named nowhere').toEqual([]);
  });

  it('takes the site’s colours as the theme: the header’s colour and the accent with its darker shades', async () => {
    await updateSite(t.deps, t.admin, { primary_color: '#1f3d2b', accent_color: '#00607a' });
    try {
      const html = (await app.inject('/')).body;
      expect(styleOf(html)).toContain(':root{--plaza-primary:#1f3d2b;--plaza-accent:#00607a;--plaza-accent-vivid:#00607a;--plaza-accent-dark:#00485c;--plaza-accent-darker:#003543;');
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
