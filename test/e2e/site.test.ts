import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal, signInWithForm } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A site administrator changes the portal's settings in a real browser with
 * JavaScript on (a refused colour first, then a new name, accent colour and
 * uploaded logo), and the home page shows them; both pages pass axe-core.
 */

const PASSWORD = 'settings in a browser 2030';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describeBrowser('site settings and the home page in a browser', (b) => {
  let portal: Portal;
  let admin: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    const { slug } = await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
    await updateDataset(t.deps, t.admin, slug, { themes: ['Social services'] });
    admin = await makePerson(t, { name: 'Ada Admin', siteAdmin: true });
    await t.deps.catalog.accounts.updateUser(admin.user.id, { passwordHash: await hashPassword(PASSWORD) });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (page: Page, next: string): Promise<void> => signInWithForm(page, portal.url, admin.user.email, PASSWORD, next);

  it('the home page shows themes with counts, the dataset, the empty top problems, and searches with the keyboard', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/`);
    await expectNoAxeViolations(page);
    await expect(page.getByRole('link', { name: 'Social services' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Top problems' }).count()).resolves.toBe(1);
    await expect(page.getByText('No problems have been posted yet.').count()).resolves.toBe(1);
    await page.getByLabel('Search datasets').click();
    await page.keyboard.type('shelter');
    await Promise.all([page.waitForURL((u) => u.pathname === '/datasets' && u.searchParams.get('q') === 'shelter'), page.keyboard.press('Enter')]);
    await expect(page.getByRole('link', { name: 'Daily shelter census' }).count()).resolves.toBe(1);
  });

  it('a site administrator is refused a colour that fails contrast, then saves a name, colour and logo the home page shows', async () => {
    const page = await b.page();
    await signIn(page, '/admin/settings');
    await expectNoAxeViolations(page);

    await page.getByLabel('Primary colour').fill('#ffcc00');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save settings' }).click()]);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Please correct the field marked below.');
    await expect(page.getByText('The primary colour #ffcc00 has a contrast of 1.5:1').count()).resolves.toBe(1);
    await expect(page.getByLabel('Primary colour').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoAxeViolations(page);

    await page.getByLabel('Primary colour').fill('#5a1d6e');
    await page.getByLabel('Portal name').fill('Ciudad Abierta');
    await page.getByLabel('Accent colour').fill('#7a2e00');
    await page.getByLabel('Español').check();
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await Promise.all([page.waitForURL(`${portal.url}/admin/settings?saved=1`), page.getByRole('button', { name: 'Save settings' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Settings saved.');
    await expect(page.getByLabel('Portal name').inputValue()).resolves.toBe('Ciudad Abierta');
    await expect(page.getByLabel('Español').isChecked()).resolves.toBe(true);

    await page.goto(`${portal.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ciudad Abierta');
    await expect(page.title()).resolves.toBe('Open data · Ciudad Abierta');
    const header = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(header).toBe('rgb(90, 29, 110)');
    const logo = page.locator('header a.site img');
    await expect(logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBe(1);
    await expectNoAxeViolations(page);
  });
});
