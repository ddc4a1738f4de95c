import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import type { Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { makePerson, type Person } from '../support/people.ts';

/**
 * A resident on a phone reads what a demo dataset covers and follows it:
 * signing in from the dataset's page and coming back to its follow button,
 * with JavaScript on and off, in English and Spanish; every page passes
 * axe-core and fits a 390 px screen.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'a long enough password';
const DATASET = '/datasets/food-pantries-2024-11';

/** axe-core and the width check run scripts in the page, so they need JavaScript on. */
async function checkPage(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  await expectNoAxeViolations(page);
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

describeBrowser('following a dataset in a browser', (b) => {
  let portal: Portal;
  const residents: Person[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    await loadDemoDataset(portal.t, 'food-pantries-2024-11');
    for (let i = 0; i < 2; i++) {
      const p = await makePerson(portal.t, { name: `Resident ${i + 1}` });
      await portal.t.deps.catalog.accounts.updateUser(p.user.id, { passwordHash: await hashPassword(PASSWORD) });
      residents.push(p);
    }
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
  });

  it('shows what the data covers and its feed, in Spanish too, within a phone screen', async () => {
    const page = await b.page(PHONE);
    await page.goto(`${portal.url}${DATASET}?lang=es`);
    await expect(page.getByText('Periodo cubierto').count()).resolves.toBe(1);
    await expect(page.getByText('Del 1 nov 2024 al 30 nov 2024').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Canal Atom de sus cambios' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Inicie sesión para seguir este conjunto de datos' }).count()).resolves.toBe(1);
    await checkPage(page, true);
  });

  for (const [i, javaScriptEnabled] of [true, false].entries()) {
    it(`a resident signs in from the dataset and follows it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await b.page({ ...PHONE, javaScriptEnabled });
      await page.goto(`${portal.url}${DATASET}`);
      await expect(page.getByText('Time covered').count()).resolves.toBe(1);
      await checkPage(page, javaScriptEnabled);
      await Promise.all([page.waitForURL(/\/sign-in\?next=/), page.getByRole('link', { name: 'Sign in to follow this dataset' }).click()]);
      await page.getByLabel('Email address').fill(residents[i]!.user.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await Promise.all([page.waitForURL(`${portal.url}${DATASET}`), page.getByRole('button', { name: 'Sign in' }).click()]);
      await checkPage(page, javaScriptEnabled);
      await Promise.all([page.waitForURL(`${portal.url}${DATASET}`), page.getByRole('button', { name: 'Follow this dataset' }).click()]);
      await expect(page.getByRole('status').filter({ hasText: 'You follow this dataset.' }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Follow this dataset' }).count()).resolves.toBe(0);
      await checkPage(page, javaScriptEnabled);
      await Promise.all([page.waitForURL(`${portal.url}/account/subscriptions`), page.getByRole('link', { name: 'Manage your subscriptions' }).click()]);
      await expect(page.getByRole('link', { name: 'Food pantries and soup kitchens, November 2024' }).count()).resolves.toBe(1);
    });
  }
});
