import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, expectNoAxeViolations } from '../support/browser.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * A map residents can read, in a real browser: New York's food sites over
 * the city's ZIP code areas (the portal's own data, named in the settings)
 * and over tiles from a tile server with its attribution. With JavaScript
 * off the server's picture has the tiles, the areas and the credit; with it
 * on the island adds tiles around the view. English and Spanish, axe-core
 * (which runs in the page, so with JavaScript on), a 390 px phone. The tile server is answered inside the browser: nothing
 * reaches the internet.
 */

const TILES = 'https://tiles.example.org';
/** A 1×1 PNG, each tile's answer. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('a map with the city’s areas and tiles beneath the data', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await t.load(fixture('geo/nyc_modzcta_2010.geojson'), { title: 'ZIP code areas', slug: 'zip-code-areas' });
    await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
    await updateSite(t.deps, t.admin, {
      map_context: 'zip-code-areas',
      map_tile_url: `${TILES}/{z}/{x}/{y}.png`,
      map_tile_attribution: '© Example Tiles contributors',
      map_tile_attribution_url: `${TILES}/copyright`,
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  /** A page whose tile requests are answered here, and counted. */
  async function mapPage(options: BrowserContextOptions): Promise<{ page: Page; tiles: string[] }> {
    const page = await b.page(options);
    const tiles: string[] = [];
    await page.route(`${TILES}/**`, (route) => {
      tiles.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    });
    return { page, tiles };
  }
  const scrollWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: Document }).document.documentElement.scrollWidth);
  const insideMap = async (page: Page) => {
    const map = (await page.locator('svg.map').boundingBox())!;
    const credit = (await page.locator('.map-credit').boundingBox())!;
    return credit.x >= map.x - 1 && credit.y >= map.y - 1 && credit.x + credit.width <= map.x + map.width + 1 && credit.y + credit.height <= map.y + map.height + 1;
  };

  it('without JavaScript, draws the tiles, the areas and their names under the data, and credits both, in English and Spanish', async () => {
    for (const [locale, credit] of [['en-US', 'Areas: ZIP code areas · © Example Tiles contributors'], ['es-ES', 'Áreas: ZIP code areas · © Example Tiles contributors']] as const) {
      const { page, tiles } = await mapPage({ javaScriptEnabled: false, locale, viewport: { width: 1100, height: 900 } });
      await page.goto(`${url}/datasets/food-sites/map?view=12/40.75/-73.95`);
      expect(await page.locator('svg.map > g').evaluateAll((gs) => gs.map((g) => g.getAttribute('class')))).toEqual(['tiles', 'context', 'features']);
      const served = await page.locator('svg.map g.tiles image').count();
      expect(served).toBeGreaterThanOrEqual(8);
      await expect.poll(() => tiles.length).toBeGreaterThanOrEqual(served);
      expect(await page.locator('svg.map g.context text').count()).toBeGreaterThan(5);
      expect(await page.locator('.map-credit').innerText()).toBe(credit);
      expect(await insideMap(page)).toBe(true);
      expect(await page.locator('.map-credit a').nth(1).getAttribute('href')).toBe(`${TILES}/copyright`);
    }
  });

  it('with JavaScript, adds tiles around the view and keeps the areas and the credit as the map moves', async () => {
    const { page } = await mapPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${url}/datasets/food-sites/map?view=12/40.75/-73.95`);
    // The island's layer reaches a map beyond each side: many more tiles than the view's own.
    await expect.poll(() => page.locator('svg.map g.tiles image').count()).toBeGreaterThan(40);
    await page.getByRole('link', { name: 'Zoom in' }).click();
    await expect.poll(() => page.locator('svg.map').getAttribute('data-view')).toBe('13/40.75/-73.95');
    await expect.poll(() => page.locator('svg.map g.tiles image').count()).toBeGreaterThan(40);
    expect(await page.locator('svg.map g.context path').count()).toBe(1);
    expect(await page.locator('.map-credit').innerText()).toBe('Areas: ZIP code areas · © Example Tiles contributors');
    await expectNoAxeViolations(page);
  });

  it('fits a 390 px phone, with the credit over the map’s corner, in Spanish too', async () => {
    for (const locale of ['en-US', 'es-ES']) {
      const { page } = await mapPage({ ...PHONE, locale });
      await page.goto(`${url}/datasets/food-sites/map`);
      await expect.poll(() => page.locator('svg.map g.tiles image').count()).toBeGreaterThan(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      expect(await page.locator('.map-credit').isVisible()).toBe(true);
      expect(await insideMap(page)).toBe(true);
      await expectNoAxeViolations(page);
    }
  });
});
