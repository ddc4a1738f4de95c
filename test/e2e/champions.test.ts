import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { seedDemoChampions, type DemoChampion } from '../../src/actions/champions/demo-champions.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * Data champions in a browser, on a phone: a resident opens a dataset's
 * page, follows its champion's link, sees the channels the champion chose to
 * show (never a hidden one) and the datasets they look after with their
 * freshness, then filters the directory by tier. The directory, a champion's
 * page and the profile form pass axe-core and fit 390 px, in English and
 * Spanish; a refused form keeps what was typed.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser champions 2030';
const entries = JSON.parse(readFileSync(join(DEMO_DIR, 'champions.json'), 'utf8')) as DemoChampion[];

describeBrowser('champions in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    for (const slug of ['food-pantries-2024-11', 'emergency-food-sites']) await loadDemoDataset(portal.t, slug);
    // The emergency food sites fell behind their schedule.
    const late = await portal.t.deps.catalog.datasets.getDataset('emergency-food-sites');
    await portal.t.deps.catalog.datasets.updateDataset(late!.id, { frequency: 'weekly', nextDueAt: '2025-01-01T00:00:00.000Z' });
    await seedDemoChampions(portal.t.deps, portal.t.admin, entries);
    await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: 'rosa@example.org', name: 'Rosa', password: PASSWORD }));
  });
  afterAll(async () => {
    await portal?.close();
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('a resident goes from a dataset to its champion, sees the shown channels and datasets with freshness, and filters the directory by tier', async () => {
    const page = await b.page(PHONE);
    await page.goto(`${portal.url}/datasets/food-pantries-2024-11`);
    await expect(page.getByText('Data champion:').count()).resolves.toBe(3);
    await Promise.all([page.waitForURL(`${portal.url}/champions/denise-washington`), page.getByRole('link', { name: 'Denise Washington' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Denise Washington' }).count()).resolves.toBe(1);
    await expect(page.getByText('External (community liaison)').count()).resolves.toBe(1);
    await expect(page.getByText('Saturdays 10:00–12:00, at Harlem Library, 9 West 124th Street').count()).resolves.toBe(1);
    await expect(page.getByText('@denise.hfjc').count()).resolves.toBe(1);
    expect(await page.content()).not.toContain('denise@harlemfoodjustice');
    const datasets = page.locator('.champion-datasets li');
    await expect(datasets.count()).resolves.toBe(2);
    await expect(datasets.filter({ hasText: 'Emergency' }).getByText(/^Overdue by [\d,]+ days$/).count()).resolves.toBe(1);
    await expect(datasets.filter({ hasNotText: 'Emergency' }).getByText(/^(On time|Never updated)$/).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 2, name: 'Projects' }).count()).resolves.toBe(1);
    await check(page);

    await page.goto(`${portal.url}/champions`);
    for (const tier of ['Executive', 'Internal (department)', 'External (community liaison)']) await expect(page.getByRole('heading', { level: 2, name: tier }).count()).resolves.toBe(1);
    await check(page);
    await page.getByLabel('Tier').selectOption('external');
    await Promise.all([page.waitForURL(/\/champions\?tier=external/), page.getByRole('button', { name: 'Show' }).click()]);
    await expect(page.getByRole('link', { name: 'Denise Washington' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Lucía Fernández' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Marcus Bell' }).count()).resolves.toBe(0);
    await expect(page.getByText('2 champions').count()).resolves.toBe(1);
    await check(page);

    await page.goto(`${portal.url}/champions?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Referentes de datos' }).count()).resolves.toBe(1);
    await check(page);
    await page.goto(`${portal.url}/champions/lucia-fernandez?lang=es`);
    await expect(page.getByText('WhatsApp +1 555 0142').count()).resolves.toBe(1);
    expect(await page.content()).not.toContain('lucia@bronxpantries');
    await check(page);
  });

  it('a resident makes their own profile: a refused form keeps what was typed; the form passes axe-core in English and Spanish', async () => {
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, 'rosa@example.org', PASSWORD, '/champions/new');
    await expect(page.getByRole('heading', { level: 1, name: 'New champion profile' }).count()).resolves.toBe(1);
    await check(page);
    await page.getByLabel('Name', { exact: true }).fill('Rosa Díaz');
    await page.getByLabel('Tier', { exact: true }).selectOption('external');
    await page.getByLabel('Short bio').fill('Helps neighbours read the pantry data.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Choose an organization or name a department.').count()).resolves.toBe(1);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Rosa Díaz');
    await expect(page.getByLabel('Short bio').inputValue()).resolves.toBe('Helps neighbours read the pantry data.');
    await check(page);
    await page.getByLabel('Department or group').fill('Harlem tenants');
    await page.getByLabel('Email: address, link or handle').fill('rosa@example.org');
    await page.getByLabel('Published: shown in the directory and on the datasets\' pages').check();
    await Promise.all([page.waitForURL(/\/champions\/rosa-diaz\?saved=1$/), page.getByRole('button', { name: 'Save profile' }).click()]);
    await expect(page.getByText('The profile is saved.').count()).resolves.toBe(1);
    const visitor = await b.page(PHONE);
    await visitor.goto(`${portal.url}/champions/rosa-diaz`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Rosa Díaz' }).count()).resolves.toBe(1);
    // Her email was not chosen to be shown.
    expect(await visitor.content()).not.toContain('rosa@example.org');
    await page.goto(`${portal.url}/champions/rosa-diaz/edit?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Editar perfil de referente' }).count()).resolves.toBe(1);
    await check(page);
  });
});
