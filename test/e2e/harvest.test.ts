import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { newRun } from '../../src/actions/harvest/run-harvest.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * Harvesting in a browser, on a phone: a site administrator adds a DCAT-US
 * source served by a local server replaying New York State's real
 * data.json and the specification's sample, runs it, reads the report (and
 * a failed run's), and opens a harvested dataset: its origin box, the
 * original link, and local notes written and seen again. Every page passes
 * axe-core and fits 390 px, in English and Spanish; without JavaScript the
 * forms post, refuse beside their fields and redirect.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'harvest in a browser 2030';
const NY = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8')) as { dataset: unknown[] };
const SAMPLE = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json'), 'utf8')) as { dataset: unknown[] };
const CATALOG = JSON.stringify({ ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset] });
const SONYMA = 'State of New York Mortgage Agency (SONYMA) Loans Purchased: Beginning 2004';

describeBrowser('harvesting in a browser', (b) => {
  let portal: Portal;
  let server: Server;
  let admin: Person;
  let body = CATALOG;
  let dataUrl = '';

  beforeAll(async () => {
    portal = await startPortal();
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    dataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
    admin = await makePerson(portal.t, { name: 'Ada Admin', siteAdmin: true });
    await portal.t.deps.catalog.accounts.updateUser(admin.user.id, { passwordHash: await hashPassword(PASSWORD) });
  });
  afterAll(async () => {
    server?.close();
    await portal?.close();
  });

  const check = async (page: Page) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  /** Presses the button, waits for the run it queued to end, and shows its report. */
  const runNow = async (page: Page) => {
    await Promise.all([page.waitForURL(/\/admin\/harvest\/runs\/[^/]+$/), page.getByRole('button', { name: 'Run now: New York State' }).click()]);
    const run = await portal.t.deps.catalog.harvest.getRun(page.url().split('/').pop()!);
    await waitForJob(portal.t.deps, run!.jobId!, undefined, 60_000);
    await page.reload();
  };

  it('an administrator adds a source, runs it, reads the reports and writes a harvested dataset’s notes', async () => {
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, admin.user.email, PASSWORD, '/admin/settings');
    await Promise.all([page.waitForURL(`${portal.url}/admin/harvest`), page.getByRole('link', { name: 'Harvest sources and peers' }).click()]);
    await check(page);
    await page.getByLabel('Kind of catalog').selectOption('dcat-us');
    await page.getByLabel('Address', { exact: true }).fill(dataUrl);
    await page.getByLabel('Name', { exact: true }).fill('New York State');
    // On demand, so that the run below is the first.
    await page.locator('label[for="field-schedule-demand"]').click();
    await expect(page.getByLabel('On demand only').isChecked()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/added=1/), page.getByRole('button', { name: 'Add the source' }).click()]);
    await expect(page.getByText('New York State was added.').count()).resolves.toBe(1);
    await check(page);

    await runNow(page);
    await expect(page.getByText('Succeeded').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('dl.counts').innerText()).resolves.toMatch(/Created\s*4/);
    await check(page);
    const report = page.url();

    body = 'This is not JSON';
    await page.goto(`${portal.url}/admin/harvest`);
    await runNow(page);
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/JSON/);
    await check(page);
    body = CATALOG;

    await page.getByRole('link', { name: 'New York State' }).first().click();
    await expect(page.getByRole('heading', { name: 'Runs' }).count()).resolves.toBe(1);
    await check(page);
    const sourcePage = page.url();

    await page.goto(`${portal.url}/datasets?q=SONYMA`);
    await expect(page.getByText('from New York State').count()).resolves.toBeGreaterThan(0);
    await check(page);
    await Promise.all([page.waitForURL(/\/datasets\/[^?]+$/), page.getByRole('link', { name: SONYMA }).click()]);
    const dataset = page.url();
    await expect(page.getByRole('heading', { name: 'Harvested from another portal' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'The original at New York State' }).getAttribute('href')).resolves.toBe('https://data.ny.gov/d/22ew-dxez');
    await page.getByLabel('Local notes').fill('Checked by the housing office every quarter.');
    await Promise.all([page.waitForURL(/harvest=notes/), page.getByRole('button', { name: 'Save the notes' }).click()]);
    await expect(page.getByText('The local notes were saved.').count()).resolves.toBe(1);
    await expect(page.locator('p.notes').innerText()).resolves.toBe('Checked by the housing office every quarter.');
    await check(page);

    const id = sourcePage.split('/').pop()!;
    // A report with errors in its table, as a source with broken records gives.
    const broken = newRun(portal.t.deps, id, 'schedule', null);
    await portal.t.deps.catalog.harvest.createRun(broken);
    const errors = [{ identifier: 'https://data.example.org/api/views/abcd-1234-a-very-long-identifier-without-spaces', title: 'Street trees', reason: 'The record has no title.' }, { identifier: null, title: null, reason: 'The record is not an object.' }];
    await portal.t.deps.catalog.harvest.updateRun(broken.id, { status: 'partial', finishedAt: new Date().toISOString(), counts: { created: 3, updated: 0, archived: 0, unchanged: 1, errors: 2 }, errors });
    await page.goto(`${portal.url}/admin/harvest/runs/${broken.id}`);
    await expect(page.getByRole('cell', { name: 'Street trees' }).count()).resolves.toBe(1);
    await check(page);

    for (const path of ['/admin/harvest', sourcePage.slice(portal.url.length), `/admin/harvest/${id}/edit`, `/admin/harvest/${id}/remove`, report.slice(portal.url.length), `/admin/harvest/runs/${broken.id}`, dataset.slice(portal.url.length)]) {
      await page.goto(`${portal.url}${path}?lang=es`);
      await check(page);
    }
    await page.goto(dataset);
    await Promise.all([page.waitForURL(dataset), page.getByRole('link', { name: 'Español' }).click()]);
    await page.getByLabel('Notas locales').fill('Revisado por la oficina de vivienda cada trimestre.');
    await Promise.all([page.waitForURL(/harvest=notes/), page.getByRole('button', { name: 'Guardar las notas' }).click()]);
    await expect(page.getByText('Se guardaron las notas locales.').count()).resolves.toBe(1);
    await expect(page.locator('p.notes').innerText()).resolves.toBe('Revisado por la oficina de vivienda cada trimestre.');
  }, 180_000);

  it('works without JavaScript: a refused form keeps what was typed, and the notes form posts and comes back', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await signInWithForm(page, portal.url, admin.user.email, PASSWORD, '/admin/harvest');
    await page.getByLabel('Address', { exact: true }).fill('ftp://data.example.org/data.json');
    await page.getByLabel('Name', { exact: true }).fill('Regional catalog');
    await page.getByLabel('Hours between runs').fill('6');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await expect(page.getByText('is not an http or https address.').count()).resolves.toBe(1);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Regional catalog');
    await expect(page.getByLabel('Address', { exact: true }).inputValue()).resolves.toBe('ftp://data.example.org/data.json');
    await expect(page.getByLabel('Hours between runs').inputValue()).resolves.toBe('6');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    await page.goto(`${portal.url}/datasets?q=SONYMA`);
    await Promise.all([page.waitForURL(/\/datasets\/[^?]+$/), page.getByRole('link', { name: SONYMA }).click()]);
    await page.getByLabel('Local notes').fill('Written without JavaScript.');
    await Promise.all([page.waitForURL(/harvest=notes/), page.getByRole('button', { name: 'Save the notes' }).click()]);
    await expect(page.locator('p.notes').innerText()).resolves.toBe('Written without JavaScript.');

    const id = (await portal.t.deps.catalog.harvest.listSources())[0]!.id;
    await page.goto(`${portal.url}/admin/harvest/${id}/remove`);
    await Promise.all([page.waitForURL(/removed=1/), page.getByRole('button', { name: 'Yes, remove it' }).click()]);
    await expect(page.getByText('New York State was removed.', { exact: false }).count()).resolves.toBe(1);
  }, 120_000);
});
