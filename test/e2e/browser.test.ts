import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { describeBrowser, startPortal, type Portal } from '../support/browser.ts';
import { describeFocus, focused, tabTo } from '../support/keyboard.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A resident uses the portal in a real browser, with JavaScript on and off:
 * searches from the home page with the keyboard, opens a dataset and reads its
 * preview, finds a department's datasets, signs in with the keyboard only.
 * The tests find things by role, label, heading and address, as people do.
 */

const PANTRIES = { file: fixture('tabular/nyc_hra_efap_food_pantries_2024-11.csv'), title: 'Food pantries and soup kitchens', slug: 'food-pantries' };
const BIKES = { file: fixture('tabular/montreal_bike_counts_2012.csv'), title: 'Bicycle counts 2012', slug: 'bicycle-counts' };
/** A value from the pantries file's rows (not its first or last, which a profile's min and max could show). */
const PANTRY_ROW_VALUE = 'HOLY APOSTLES SOUP KITCHEN';
const PASSWORD = 'correct horse battery staple';

/** The header row of a delimited file, as its columns' labels. */
function headerOf(path: string, delimiter: string, encoding: BufferEncoding): string[] {
  const first = readFileSync(path, encoding).split(/\r?\n/)[0] ?? '';
  return first.replace(/^\uFEFF/, '').split(delimiter).map((s) => s.trim());
}

/** The column headers of every table on the page. */
async function tableHeaders(page: Page): Promise<string[][]> {
  const tables = await page.getByRole('table').all();
  return Promise.all(tables.map(async (t) => (await t.getByRole('columnheader').allInnerTexts()).map((s) => s.trim())));
}

describeBrowser('the portal in a browser', (b) => {
  let portal: Portal;
  let email: string;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(PANTRIES.file, { title: PANTRIES.title, slug: PANTRIES.slug });
    await t.load(BIKES.file, { title: BIKES.title, slug: BIKES.slug });
    await updateDataset(t.deps, t.admin, BIKES.slug, { access_level: 'restricted' });
    const now = t.deps.clock.now().toISOString();
    email = 'resident@example.org';
    await t.deps.catalog.accounts.createUser({
      id: t.deps.newId(), email, name: 'Rosa Resident', passwordHash: await hashPassword(PASSWORD), isSiteAdmin: false, isModerator: false,
      failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: now, lastSignInAt: null,
    });
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** From the home page: type a word in the search box, press Enter, and land on the results. */
  async function search(page: Page, word: string): Promise<void> {
    await page.goto(`${portal.url}/`);
    const box = page.getByLabel('Search datasets');
    await box.click();
    await page.keyboard.type(word);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === word), page.keyboard.press('Enter')]);
  }

  /** Signs in through the form (mouse and keyboard allowed), then lands on `next`. */
  async function signInWithForm(page: Page, next: string): Promise<void> {
    await page.goto(`${portal.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([page.waitForURL(`${portal.url}${next}`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`a resident searches from the home page with the keyboard, opens the match and sees its table (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await b.page({ javaScriptEnabled });
      await search(page, 'pantries');

      await expect(page.getByRole('link', { name: PANTRIES.title }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: BIKES.title }).count()).resolves.toBe(0);

      await Promise.all([page.waitForURL(`${portal.url}/datasets/${PANTRIES.slug}`), page.getByRole('link', { name: PANTRIES.title }).click()]);
      await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual([PANTRIES.title]);
      const columns = headerOf(PANTRIES.file, ',', 'utf8');
      expect(await tableHeaders(page), 'a table whose column headers are the file\'s columns').toContainEqual(columns);
      await expect(page.getByRole('cell', { name: PANTRY_ROW_VALUE, exact: true }).count()).resolves.toBeGreaterThan(0);
    });
  }

  it('the page of a restricted dataset tells an anonymous visitor about it but shows none of its data', async () => {
    const page = await b.page();
    const response = await page.goto(`${portal.url}/datasets/${BIKES.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual([BIKES.title]);
    // The column list is metadata and may be shown; a table of the rows may not.
    const columns = headerOf(BIKES.file, ';', 'latin1');
    expect(columns).toContain('Brébeuf (données non disponibles)');
    expect(await tableHeaders(page)).not.toContainEqual(columns);
    const text = await page.locator('body').innerText();
    // The file's first row: 01/01/2012;35;;0;38;51;26;10;16;
    expect(text).not.toMatch(/\b35\b.*\b38\b.*\b51\b/);

    // Signed-in readers do get the rows (the same page, so the check above is meaningful).
    const signedIn = await b.page();
    await signInWithForm(signedIn, `/datasets/${BIKES.slug}`);
    expect(await tableHeaders(signedIn)).toContainEqual(columns);
    expect(await signedIn.locator('body').innerText()).toMatch(/\b35\b.*\b38\b.*\b51\b/);
  });

  it('pages reach nothing but the portal: other hosts are blocked', async () => {
    const page = await b.page();
    await expect(page.goto('http://example.org/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
  });

  it('an organization page lists its datasets', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/organizations/test-department`);
    await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual(['Test Department']);
    for (const d of [PANTRIES, BIKES]) {
      const link = page.getByRole('link', { name: d.title });
      await expect(link.count()).resolves.toBe(1);
      await expect(link.getAttribute('href')).resolves.toBe(`/datasets/${d.slug}`);
    }
  });

  it('the sign-in page works with the keyboard alone: a wrong password is explained next to the form, the right one signs in', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/sign-in?next=${encodeURIComponent('/account/subscriptions')}`);
    const emailField = () => page.getByLabel('Email address');
    const passwordField = () => page.getByLabel('Password', { exact: true });
    const submit = () => page.getByRole('button', { name: 'Sign in' });

    await tabTo(page, emailField());
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await focused(passwordField()), await describeFocus(page)).toBe(true);
    await page.keyboard.type('not the password at all');
    await page.keyboard.press('Tab');
    expect(await focused(submit()), await describeFocus(page)).toBe(true);
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(answer.status()).toBe(401);

    // Still the sign-in form, with an alert saying what went wrong, close to the fields.
    await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual(['Sign in']);
    const alert = page.getByRole('alert');
    await expect(alert.count()).resolves.toBe(1);
    expect(await alert.innerText()).toMatch(/password/i);
    const alertBox = (await alert.boundingBox())!;
    const fieldBox = (await emailField().boundingBox())!;
    expect(Math.abs(fieldBox.y - (alertBox.y + alertBox.height)), 'the message sits just above the email field').toBeLessThan(150);
    // The email typed is kept; the password is not.
    await expect(emailField().inputValue()).resolves.toBe(email);
    await expect(passwordField().inputValue()).resolves.toBe('');

    await tabTo(page, passwordField(), 20);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    expect(await focused(submit()), await describeFocus(page)).toBe(true);
    await Promise.all([page.waitForURL(`${portal.url}/account/subscriptions`), page.keyboard.press('Enter')]);
    await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual(['Your subscriptions']);
  });

  it('the skip link is the first thing Tab reaches and takes keyboard focus to the main content', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: /skip to (main )?content/i });
    expect(await focused(skip), await describeFocus(page)).toBe(true);
    const main = page.getByRole('main');
    const inMain = () => main.evaluate((m) => m.contains((globalThis as unknown as { document: { activeElement: never } }).document.activeElement));
    await page.keyboard.press('Enter');
    // Focus is now on or in the main content; where a browser only moves its
    // starting point there, the next Tab lands inside it.
    if (!(await inMain())) await page.keyboard.press('Tab');
    expect(await inMain(), await describeFocus(page)).toBe(true);
  });
});
