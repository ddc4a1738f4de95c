import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { fixture } from '../support/plaza.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * Problems on the map in a browser, on a phone: a resident picks the
 * problem's point with a click on the city's map (JavaScript on) or types it
 * (off) and posts; the problem's page draws it; a moderator links a dataset,
 * which then lists the problem; the problems map links to it. Every map page
 * passes axe-core and fits 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser problem maps 2030';

describeBrowser('problem maps in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    await portal.t.load(fixture('geo/nyc_modzcta_2010.geojson'), { title: 'ZIP code areas', slug: 'zip-areas' });
    await updateSite(portal.t.deps, portal.t.admin, { map_context: 'zip-areas' });
    for (const name of ['ana', 'mod']) await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const mod = await portal.t.deps.catalog.accounts.findUserByEmail('mod@example.org');
    await portal.t.deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('a click on the map fills in the point, which posts; the pages draw it and link it, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, 'ana@example.org', PASSWORD, '/problems/new');
    await check(page);
    await page.getByLabel('Title', { exact: true }).fill('Dark stairs at the subway exit');
    await page.getByLabel('What happens').fill('The stair lights at the exit have been out for a month.');
    await page.getByLabel('Category').selectOption('safety');
    const map = page.locator('.pick-map svg.map');
    const [, lat, lon] = (await map.getAttribute('data-view'))!.split('/').map(Number);
    await map.click();
    const typedLat = Number(await page.getByLabel('Latitude', { exact: true }).inputValue());
    const typedLon = Number(await page.getByLabel('Longitude', { exact: true }).inputValue());
    expect(Math.abs(typedLat - lat!)).toBeLessThan(0.01);
    expect(Math.abs(typedLon - lon!)).toBeLessThan(0.01);
    await expect(page.getByLabel('At a point (latitude and longitude)').isChecked()).resolves.toBe(true);
    await expect(page.getByText(`Point picked: ${typedLat}, ${typedLon}.`).count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(/\/problems\/[^/]+\?posted=1$/), page.getByRole('button', { name: 'Post the problem' }).click()]);
    const address = page.url().replace(/\?.*$/, '');
    const path = address.replace(portal.url, '');
    await expect(page.getByText(`At ${typedLat.toFixed(5)}, ${typedLon.toFixed(5)}`).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.problem-map svg.map circle.f').count()).resolves.toBe(1);
    await check(page);

    // A moderator links the city's ZIP code areas to it.
    const moderator = await b.page(PHONE);
    await signInWithForm(moderator, portal.url, 'mod@example.org', PASSWORD, path);
    await moderator.getByLabel('Link a dataset that bears on this problem').selectOption('zip-areas');
    await Promise.all([moderator.waitForURL(`${address}?linked=1#linked`), moderator.getByRole('button', { name: 'Link the dataset' }).click()]);
    await expect(moderator.getByText('The dataset is linked.').count()).resolves.toBe(1);
    await check(moderator);
    await moderator.goto(`${portal.url}/datasets/zip-areas`);
    await expect(moderator.getByRole('heading', { name: 'Problems this data bears on' }).count()).resolves.toBe(1);
    await Promise.all([moderator.waitForURL(address), moderator.getByRole('link', { name: 'Dark stairs at the subway exit' }).click()]);

    // The problems map: its marker and its list both lead to the problem.
    const visitor = await b.page(PHONE);
    await visitor.goto(`${portal.url}/problems`);
    await Promise.all([visitor.waitForURL(`${portal.url}/problems/map`), visitor.getByRole('link', { name: 'See them on a map' }).click()]);
    await expect(visitor.locator(`svg.map a[href="${path}"] circle`).count()).resolves.toBe(1);
    await check(visitor);
    await Promise.all([visitor.waitForURL(address), visitor.getByRole('link', { name: 'Dark stairs at the subway exit' }).click()]);
    for (const url of ['/problems/map?lang=es', `${path}?lang=es`]) {
      await visitor.goto(`${portal.url}${url}`);
      await check(visitor);
    }
    await expect(visitor.getByRole('heading', { name: 'Dónde está' }).count()).resolves.toBe(1);
  });

  it('without JavaScript the form shows the map and posts typed coordinates', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await signInWithForm(page, portal.url, 'ana@example.org', PASSWORD, '/problems/new');
    await expect(page.locator('.pick-map svg.map').count()).resolves.toBe(1);
    await page.getByLabel('Title', { exact: true }).fill('Potholes on the bike lane');
    await page.getByLabel('What happens').fill('Deep potholes along the bike lane on Fulton Street.');
    await page.getByLabel('Category').selectOption('mobility');
    await page.getByLabel('At a point (latitude and longitude)').check();
    await page.getByLabel('Latitude', { exact: true }).fill('40.6803');
    await page.getByLabel('Longitude', { exact: true }).fill('-73.9503');
    await Promise.all([page.waitForURL(/\/problems\/[^/]+\?posted=1$/), page.getByRole('button', { name: 'Post the problem' }).click()]);
    await expect(page.getByText('At 40.68030, -73.95030').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.problem-map svg.map circle.f').count()).resolves.toBe(1);
  });
});
