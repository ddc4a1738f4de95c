import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { requestPasswordReset } from '../../src/actions/accounts/password-reset.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, signInWithForm } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The portal's Content-Security-Policy breaks nothing in a real browser: the
 * pages with browser islands (catalog, table explorer, chart builder with its
 * PNG download, map with tiles from another origin, upload and loading
 * progress, the API reference) work and the browser reports no violation.
 * Framing is refused: a page on another origin that frames the sign-in page
 * gets nothing, while a view declared embeddable shows. A reset link's
 * address, which carries its secret, is never sent on as a referrer.
 */

const PASSWORD = 'correct horse battery staple';
/** A one-pixel PNG, the tile server's answer to every tile. */
/** The tile server's address as the site's settings name it (https); the browser's requests to it are answered by a local server. */
const TILE_ORIGIN = 'https://tiles.example.org';
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A plain server on 127.0.0.1 at a free port; its origin differs from the portal's by the port. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeBrowser('the security headers in a browser', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let url: string;
  let tiles: { server: Server; url: string };
  let framer: { server: Server; url: string };
  let publisher: Person;
  const tileRequests: string[] = [];

  beforeAll(async () => {
    t = await startTestPlaza();
    tiles = await serve((req, res) => {
      tileRequests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(PIXEL);
    });
    // Another site that frames whatever address it is given.
    framer = await serve((req, res) => {
      const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Another site</title><iframe id="framed" src="${src.replace(/"/g, '&quot;')}" width="600" height="400"></iframe>`);
    });
    // The site's tile server, answered in the browser by the tiles server above (see below): the setting takes https only.
    await updateSite(t.deps, t.admin, { map_tile_url: `${TILE_ORIGIN}/tiles/{z}/{x}/{y}.png`, map_tile_attribution: '© Example Tiles' });
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    // The embeddable mechanism, on a route only this test has.
    app.get('/test-only/embeddable', { config: { embeddable: true } }, async (_req, reply) =>
      reply.header('Content-Type', 'text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>A view to embed</title><p>A chart made to be embedded.</p></html>'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
    await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
    const org = await createOrganization(t.deps, t.admin, { name: 'Health' });
    publisher = await makePerson(t, { name: 'Pat Publisher', siteAdmin: true, roles: { [org.id]: 'admin' } });
    await t.deps.catalog.accounts.updateUser(publisher.user.id, { passwordHash: await hashPassword(PASSWORD) });
    await createDataset(t.deps, publisher.principal, { title: 'COVID-19 totals', organization: 'health', slug: 'covid-totals' });
    // A logo given as a web address on another origin (nothing answers there; the policy must still allow asking).
    const closed = await serve(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    await updateSite(t.deps, t.admin, { logo_url: `https://127.0.0.1:${new URL(closed.url).port}/logo.png` });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await Promise.all([tiles, framer].filter(Boolean).map(({ server }) => new Promise((resolve) => server.close(resolve))));
    await t?.close();
  });

  /**
   * A page whose policy violations are collected: the `securitypolicyviolation`
   * events of every document it loads, console messages about the policy, and
   * script errors (an island stopped by the policy fails).
   */
  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const page = await b.page({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const violations: string[] = [];
    await page.exposeFunction('noteViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      const g = globalThis as unknown as { document: Document; noteViolation(text: string): void };
      g.document.addEventListener('securitypolicyviolation', (e) => {
        g.noteViolation(`${e.effectiveDirective} refused ${e.blockedURI || 'an inline part'} on ${e.documentURI}${e.sample ? `: ${e.sample}` : ''}`);
      });
    });
    page.on('console', (m) => {
      if (/content security policy|frame-ancestors|x-frame-options/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => violations.push(`script error: ${e.message}`));
    return { page, violations };
  }

  const signIn = (page: Page, next: string): Promise<void> => signInWithForm(page, url, publisher.user.email, PASSWORD, next);

  it('hears a violation: an inline script added to a page is refused and reported', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${url}/sign-in`);
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: Document };
      const s = g.document.createElement('script');
      s.textContent = 'globalThis.inlineRan = true;';
      g.document.head.append(s);
    });
    await expect.poll(() => violations.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('script-src');
    expect(await page.evaluate(() => (globalThis as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  });

  it('lets the catalog, the table explorer and the chart builder work, the PNG download included', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${url}/`);
    await page.goto(`${url}/datasets`);
    // The catalog's sort applies as soon as it changes (the enhance island).
    const sort = page.locator('select[data-autosubmit]').first();
    const other = await sort.evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.value).find((v) => v !== (s as HTMLSelectElement).value) ?? '');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('sort') === other), sort.selectOption(other)]);
    await page.goto(`${url}/datasets/shelter-census`);

    await page.goto(`${url}/datasets/shelter-census/table`);
    await page.evaluate(() => Object.assign(globalThis, { stayed: true }));
    await page.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Total Individuals in Shelter' });
    await page.getByRole('combobox', { name: 'Condition' }).selectOption('gt');
    await page.getByRole('textbox', { name: 'Value' }).fill('60000');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_value') === '60000'), page.getByRole('button', { name: 'Show rows' }).click()]);
    await expect.poll(() => page.locator('#table-count').innerText(), { timeout: 15_000 }).toMatch(/matching rows/);
    // The rows came from the API through fetch, in place.
    expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);

    await page.goto(`${url}/datasets/shelter-census/chart?type=line&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`);
    await page.evaluate(() => Object.assign(globalThis, { stayed: true }));
    await page.getByLabel('Chart type').selectOption('bar');
    await page.waitForURL((u) => u.searchParams.get('type') === 'bar');
    await expect.poll(() => page.locator('#chart-result svg rect').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);
    // The PNG is drawn from the SVG through a blob: image.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG image' }).click()]);
    expect(download.suggestedFilename()).toBe('shelter-census-chart.png');
    expect(violations).toEqual([]);
  });

  it('lets the map draw tiles from the tile server, the logo ask its own origin, and the map update in place', async () => {
    const { page, violations } = await watchedPage();
    const before = tileRequests.length;
    // The policy is checked before a request leaves the page, so a tile the policy refused never reaches this route.
    await page.route(`${TILE_ORIGIN}/**`, async (route) => {
      // A tile still on its way when the test closes the page is dropped, not left as an unhandled rejection.
      try {
        await route.fulfill({ response: await page.request.get(`${tiles.url}${new URL(route.request().url()).pathname}`) });
      } catch {
        await route.abort().catch(() => undefined);
      }
    });
    await page.goto(`${url}/datasets/food-sites/map`);
    await expect.poll(() => page.locator('svg.map g.tiles image').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => tileRequests.length, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.evaluate(() => Object.assign(globalThis, { stayed: true }));
    const view = await page.locator('svg.map').getAttribute('data-view');
    await page.getByRole('link', { name: 'Zoom in' }).click();
    await expect.poll(() => page.locator('svg.map').getAttribute('data-view'), { timeout: 15_000 }).not.toBe(view);
    expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);
    await expect.poll(() => page.locator('svg.map g.tiles image').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('lets the API reference work, its links included', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${url}/api/reference`);
    const first = page.locator('nav a[href^="#op-"]').first();
    const target = (await first.getAttribute('href'))!;
    await first.click();
    await expect.poll(() => new URL(page.url()).hash, { timeout: 15_000 }).toBe(target);
    expect(violations).toEqual([]);
  });

  it('lets a publisher sign in, upload with live progress, reload a column and reach the account and settings pages', async () => {
    const { page, violations } = await watchedPage();
    const streams: string[] = [];
    page.on('request', (r) => (r.url().endsWith('/events') ? streams.push(r.url()) : undefined));
    await signIn(page, '/publish/covid-totals/upload');
    await page.getByLabel('File', { exact: true }).setInputFiles(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'));
    await Promise.all([page.waitForURL(`${url}/publish/covid-totals/columns`, { timeout: 60_000 }), page.getByRole('button', { name: 'Upload and load the data' }).click()]);
    // The upload island followed the loading through the job's event stream.
    expect(streams.length).toBeGreaterThan(0);

    // A changed column loads again; the progress island follows it and reloads the page.
    await page.getByLabel('Type of COVID_DEATH_COUNT').selectOption('text');
    await Promise.all([page.waitForURL(/\/columns\?job=/), page.getByRole('button', { name: 'Save the columns' }).click()]);
    await page.getByRole('link', { name: 'Review the columns again' }).waitFor({ timeout: 60_000 });
    await expect(page.getByLabel('Type of COVID_DEATH_COUNT').inputValue()).resolves.toBe('text');

    for (const path of ['/publish', '/publish/covid-totals/describe', '/account', '/admin/settings', '/account/subscriptions']) {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(200);
    }
    expect(violations).toEqual([]);
  }, 120_000);

  it('refuses to be framed by another site, while a view declared embeddable shows', async () => {
    const { page, violations } = await watchedPage();
    const frameText = async (): Promise<string> => {
      const frame = await (await page.locator('#framed').elementHandle())!.contentFrame();
      return frame ? frame.evaluate(() => (globalThis as unknown as { document: Document }).document.body?.innerText ?? '').catch(() => '') : '';
    };
    await page.goto(`${framer.url}/?src=${encodeURIComponent(`${url}/sign-in`)}`);
    await expect.poll(() => violations.some((v) => /frame-ancestors/.test(v)), { timeout: 15_000 }).toBe(true);
    expect(await frameText()).not.toContain('Email address');
    expect(await page.locator('#framed').getAttribute('src')).toBe(`${url}/sign-in`);

    violations.length = 0;
    await page.goto(`${framer.url}/?src=${encodeURIComponent(`${url}/test-only/embeddable`)}`);
    await expect.poll(frameText, { timeout: 15_000 }).toContain('A chart made to be embedded.');
    expect(violations).toEqual([]);
  });

  it('sends no referrer from a reset link’s page, where pages without a secret send their own address', async () => {
    await requestPasswordReset(t.deps, publisher.user.email);
    const mail = (await t.deps.catalog.activity.dueMail(new Date(Date.now() + 86_400_000).toISOString(), 100)).filter((m) => m.to === publisher.user.email).at(-1);
    const link = /\/reset-password\?token=[^\s"&<]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const { page, violations } = await watchedPage();

    /** The Referer header of the request made by following the header's link home from a page. */
    const refererFrom = async (path: string): Promise<string | undefined> => {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(200);
      const [request] = await Promise.all([page.waitForRequest((r) => r.url() === `${url}/` && r.isNavigationRequest()), page.locator('header a.site').click()]);
      return (await request.allHeaders()).referer;
    };
    expect(await refererFrom('/sign-in')).toBe(`${url}/sign-in`);
    expect(await refererFrom(link!)).toBeUndefined();
    expect(violations).toEqual([]);
  });
});
