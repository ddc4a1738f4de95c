import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { dayOf, addDays } from '../../src/domain/program/period.ts';
import { bareDataset, organization } from '../contract/factories.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * The program report in a browser, on a phone: a reader opens /program,
 * changes the period with JavaScript off and downloads a figure's CSV;
 * program staff open the dashboard. Both pages pass axe-core and fit 390 px,
 * in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser program 2030';

describeBrowser('the program report in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const org = organization({ name: 'Parks' });
    await portal.t.deps.catalog.datasets.createOrganization(org);
    await portal.t.deps.catalog.datasets.createDataset(bareDataset(org.id, { title: 'Late trees', themes: ['environment'], frequency: 'daily', dataUpdatedAt: '2026-01-01T00:00:00.000Z', nextDueAt: '2026-01-02T00:00:00.000Z' }));
    await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: 'ed@example.org', name: 'ed', password: PASSWORD }));
    const ed = await portal.t.deps.catalog.accounts.findUserByEmail('ed@example.org');
    await portal.t.deps.catalog.accounts.updateUser(ed!.id, { isModerator: true });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('a reader opens the report, changes the period without JavaScript and downloads a CSV', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false, acceptDownloads: true });
    await page.goto(`${portal.url}/program`);
    await expect(page.getByRole('heading', { level: 1, name: 'Open data program report' }).count()).resolves.toBe(1);
    const today = dayOf(new Date());
    await expect(page.getByText(`Showing ${addDays(today, -89)} to ${today}`).count()).resolves.toBe(1);

    await page.getByLabel('Period', { exact: true }).selectOption('30');
    await Promise.all([page.waitForURL(/\/program\?days=30$/), page.getByRole('button', { name: 'Show', exact: true }).click()]);
    await expect(page.getByText(`Showing ${addDays(today, -29)} to ${today}`).count()).resolves.toBe(1);

    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-01-31');
    await Promise.all([page.waitForURL(/from=2026-01-01&to=2026-01-31/), page.getByRole('button', { name: 'Show these days' }).click()]);
    await expect(page.getByText('Showing 2026-01-01 to 2026-01-31').count()).resolves.toBe(1);
    const table = page.getByRole('group', { name: 'Datasets by organization' });
    await expect(table.getByRole('row', { name: 'Parks 1' }).count()).resolves.toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download “Freshness of published datasets” as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('freshness-2026-01-01-2026-01-31.csv');
    const rows = parse(await readFile((await download.path())!, 'utf8')) as string[][];
    expect(rows).toEqual([['state', 'datasets'], ['on_time', '0'], ['overdue', '1'], ['never_updated', '0']]);
  });

  it('the report passes axe-core and fits a phone, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    await page.goto(`${portal.url}/program`);
    await check(page);
    await page.goto(`${portal.url}/program?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Informe del programa de datos abiertos' }).count()).resolves.toBe(1);
    await check(page);
  });

  it('program staff open the dashboard, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, 'ed@example.org', PASSWORD, '/program/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Program dashboard' }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: 'Overdue datasets' }).getByRole('link', { name: 'Late trees' }).count()).resolves.toBe(1);
    await check(page);
    await page.goto(`${portal.url}/program/dashboard?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Panel del programa' }).count()).resolves.toBe(1);
    await check(page);
  });
});
