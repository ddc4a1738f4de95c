import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, expectNoAxeViolations } from '../support/browser.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The dataset map in a real browser with JavaScript on: choosing a feature,
 * zooming and dragging update the map in place and the address follows; tiles
 * are drawn only when a tile server is configured; axe finds no violation.
 */

/** A 1×1 PNG, the tile server's answer. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describeBrowser('the dataset map in a browser', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
    await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'UHF neighborhoods', slug: 'uhf42' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  /** Marks the page, so a test can tell an in-place update from a new page load. */
  const mark = (page: Page) => page.evaluate(() => ((globalThis as unknown as { mapMark: number }).mapMark = 1));
  const marked = (page: Page) => page.evaluate(() => (globalThis as unknown as { mapMark?: number }).mapMark === 1);
  const view = (page: Page) => page.locator('svg.map').getAttribute('data-view');

  it('shows a clicked feature in place, zooms with a link and pans by dragging, keeping the address in step', async () => {
    const page = await b.page({ viewport: { width: 1000, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${url}/datasets/food-sites/map`);
    await mark(page);
    // The last point is drawn on top of any it overlaps.
    await page.locator('svg.map a circle').last().click();
    await expect.poll(() => page.url()).toContain('feature=');
    await expect.poll(() => page.getByRole('heading', { level: 3 }).first().textContent()).not.toBe('Features in this view (the first 100 of 489)');
    expect(await page.locator('#map-feature dl').textContent()).toContain('PROGRAM');
    expect(await marked(page)).toBe(true);

    const before = (await view(page))!;
    await page.getByRole('link', { name: 'Zoom in' }).click();
    await expect.poll(() => view(page)).toBe(`${Number(before.split('/')[0]) + 1}/${before.split('/').slice(1).join('/')}`);
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe(await view(page));
    expect(await marked(page)).toBe(true);

    const zoomed = (await view(page))!;
    await page.locator('svg.map').scrollIntoViewIfNeeded();
    const box = (await page.locator('svg.map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    // Dragging east shows what lies west: the centre's longitude falls.
    await expect.poll(() => view(page)).not.toBe(zoomed);
    const [, , lon] = (await view(page))!.split('/').map(Number);
    expect(lon).toBeLessThan(Number(zoomed.split('/')[2]));
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe(await view(page));
    expect(await marked(page)).toBe(true);
    // A turn of the wheel zooms in half a level; the keyboard's zoom link keeps its focus.
    const dragged = (await view(page))!;
    await page.mouse.wheel(0, -100);
    await expect.poll(() => view(page)).not.toBe(dragged);
    expect(Number((await view(page))!.split('/')[0])).toBe(Number(dragged.split('/')[0]) + 0.5);
    await page.getByRole('link', { name: 'Zoom out' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => view(page)).toMatch(new RegExp(`^${Number(dragged.split('/')[0]) - 0.5}/`));
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Zoom out');
    // Without a tile server, nothing leaves the portal and no tile is drawn.
    expect(requests.filter((r) => !r.startsWith(url))).toEqual([]);
    expect(await page.locator('svg.map image').count()).toBe(0);
  });

  it('draws tiles under the features when a tile server is set, and more around them once the island runs', async () => {
    await updateSite(t.deps, t.admin, { map_tile_url: 'https://tiles.example.org/{z}/{x}/{y}.png', map_tile_attribution: '© Example Tiles' });
    try {
      const page = await b.page();
      const tiles: string[] = [];
      // The tile server is answered in the browser: nothing here reaches the internet.
      await page.route('https://tiles.example.org/**', (route) => {
        tiles.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
      });
      await page.goto(`${url}/datasets/food-sites/map?view=10/40.7/-73.95`);
      await expect.poll(() => page.locator('svg.map g.tiles image').count()).toBeGreaterThan(12);
      expect(await page.locator('svg.map > g').first().getAttribute('class')).toBe('tiles');
      await expect.poll(() => tiles.length).toBeGreaterThan(0);
      expect(tiles).toContain('https://tiles.example.org/10/301/385.png');
      expect(await page.locator('.map-credit').textContent()).toBe('© Example Tiles');
    } finally {
      await updateSite(t.deps, t.admin, { map_tile_url: '', map_tile_attribution: '' });
    }
  });

  it('has no accessibility violations, with a feature open and a legend', async () => {
    const page = await b.page();
    await page.goto(`${url}/datasets/uhf42/map?color=geocode&feature=3`);
    await expectNoAxeViolations(page);
  });
});
