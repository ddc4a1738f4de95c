import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal, signInWithForm } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * The portal's look in a browser: the catalog's facets beside the results on
 * a wide screen and above them on a phone, the step indicator of the
 * publishing steps, and the column review of the 13 columns of the shelter
 * census kept short, in English and Spanish, without JavaScript, passing
 * axe-core and fitting 390 px.
 */

const PASSWORD = 'correct horse battery staple';
const WIDE = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

describeBrowser('the look of the portal (U.S. Web Design System)', (b) => {
  let portal: Portal;
  let admin: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
    await t.load(fixture('tabular/austin_food_establishment_inspection_scores.csv'), { title: 'Food inspections', slug: 'food-inspections' });
    admin = await makePerson(t, { name: 'Ada Admin', siteAdmin: true });
    await t.deps.catalog.accounts.updateUser(admin.user.id, { passwordHash: await hashPassword(PASSWORD) });
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (page: Page, next: string): Promise<void> => signInWithForm(page, portal.url, admin.user.email, PASSWORD, next);

  it('puts the catalog’s facets beside the results on a wide screen and above them on a phone, styled by the served stylesheet', async () => {
    const wide = await b.page({ ...WIDE, javaScriptEnabled: true });
    const fonts: string[] = [];
    wide.on('request', (r) => void (r.resourceType() === 'font' && fonts.push(r.url())));
    await wide.goto(`${portal.url}/datasets`);
    // The stylesheet applied: USWDS's button, and the header in the site's colour.
    expect(await wide.locator('form.search .usa-button').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 92, 173)');
    expect(await wide.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(18, 38, 58)');
    // The system's own font: no font file is fetched before text can be drawn.
    expect(await wide.locator('body').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^-apple-system, BlinkMacSystemFont, "?Segoe UI"?, Roboto/);
    expect(fonts).toEqual([]);
    const [facets, results] = [await box(wide, '.facets'), await box(wide, '.results')];
    expect(facets.x + facets.width).toBeLessThanOrEqual(results.x);
    expect(Math.abs(facets.y - results.y)).toBeLessThan(5);
    await expectNoAxeViolations(wide);

    const phone = await b.page({ ...PHONE, javaScriptEnabled: true });
    await phone.goto(`${portal.url}/datasets?lang=es`);
    await expect.poll(() => phone.locator('html').getAttribute('lang')).toBe('es');
    const [f, r] = [await box(phone, '.facets'), await box(phone, '.results')];
    expect(f.y + f.height).toBeLessThanOrEqual(r.y);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(phone);
  });

  it('shows the publishing steps as a step indicator and reviews 13 columns in a short page, in English and Spanish, without JavaScript, on a phone too', async () => {
    const page = await b.page({ ...WIDE, javaScriptEnabled: false });
    await signIn(page, '/publish/shelter-census/columns');
    const current = page.locator('.usa-step-indicator__segment--current');
    await expect.poll(() => current.textContent()).toBe('2. Review columns');
    expect(await page.locator('.usa-step-indicator__segment--complete').textContent()).toBe('1. Upload data');
    expect(await page.locator('fieldset.column-card').count()).toBe(13);
    // Each column's facts and fields side by side: the page was 6,249 px tall before (11,570 px on a phone).
    expect(await height(page)).toBeLessThan(3400);
    const first = await box(page, 'fieldset.column-card');
    expect(first.height).toBeLessThan(230);

    const checked = await b.page({ ...WIDE, javaScriptEnabled: true });
    await signIn(checked, '/publish/shelter-census/columns');
    await expectNoAxeViolations(checked);
    await checked.goto(`${portal.url}/publish/shelter-census/describe?lang=es`);
    await expect.poll(() => checked.locator('.usa-step-indicator__segment--current').textContent()).toBe('3. Describir y publicar');
    await expectNoAxeViolations(checked);

    const phone = await b.page({ ...PHONE, javaScriptEnabled: true });
    await signIn(phone, '/publish/shelter-census/columns');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    expect(await height(phone)).toBeLessThan(8000);
    await expectNoAxeViolations(phone);
    await phone.goto(`${portal.url}/publish/shelter-census/columns?lang=es`);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(phone);
  });
});
