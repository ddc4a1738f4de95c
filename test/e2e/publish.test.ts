import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * An editor publishes in a real browser with JavaScript on: creates a
 * dataset, uploads a file watching the progress bar and the live loading
 * progress, lands on the column review, changes a column's type and watches
 * it load again, describes it and submits it; an admin publishes it from the
 * review queue. The same in Spanish, islands included. Each publisher page
 * passes axe-core.
 */

const PASSWORD = 'correct horse battery staple';
const EARNINGS = fixture('tabular/boston_employee_earnings_2016.csv');

/** Every text the elements the selector finds show, as the page's scripts change them, kept across page loads. */
async function recordStatuses(page: Page, selector: string): Promise<string[]> {
  const statuses: string[] = [];
  await page.exposeFunction('noteStatus', (text: string) => statuses.push(text));
  await page.addInitScript((sel) => {
    const g = globalThis as unknown as { document: Document; noteStatus(t: string): void; MutationObserver: typeof MutationObserver };
    g.document.addEventListener('DOMContentLoaded', () => {
      for (const status of g.document.querySelectorAll(sel)) {
        new g.MutationObserver(() => g.noteStatus(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
      }
    });
  }, selector);
  return statuses;
}

describeBrowser('the publisher area in a browser', (b) => {
  let portal: Portal;
  let editor: Person;
  let admin: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    const org = await createOrganization(t.deps, t.admin, { name: 'Finance' });
    editor = await makePerson(t, { name: 'Eddie Editor', roles: { [org.id]: 'editor' } });
    admin = await makePerson(t, { name: 'Ada Admin', roles: { [org.id]: 'admin' } });
    for (const p of [editor, admin]) await t.deps.catalog.accounts.updateUser(p.user.id, { passwordHash: await hashPassword(PASSWORD) });
    await createDataset(t.deps, editor.principal, { title: 'Budget lines', organization: 'finance', slug: 'budget-lines' });
    await createDataset(t.deps, editor.principal, { title: 'Overtime', organization: 'finance', slug: 'overtime' });
    await createDataset(t.deps, editor.principal, { title: 'Horas extra', organization: 'finance', slug: 'horas-extra', description: 'Horas extra pagadas por la ciudad.' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  async function signIn(page: Page, next: string, who: Person = editor): Promise<void> {
    await page.goto(`${portal.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(who.user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([page.waitForURL(`${portal.url}${next}`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  it('uploads with a progress bar and live loading progress, changes a column type and follows the new load, and is published through review', async () => {
    const page = await b.page({ javaScriptEnabled: true });
    // Every text the upload's status line shows, kept across the page change that ends the upload.
    const statuses = await recordStatuses(page, '#upload-status');

    await signIn(page, '/publish/new');
    await expectNoAxeViolations(page);
    await page.getByLabel('Title').fill('Employee earnings 2016');
    await page.getByLabel('Description').fill('What the city paid each employee.');
    await Promise.all([page.waitForURL(`${portal.url}/publish/employee-earnings-2016/upload`), page.getByRole('button', { name: 'Create and add data' }).click()]);
    await expectNoAxeViolations(page);

    await page.getByLabel('File').setInputFiles(EARNINGS);
    await Promise.all([page.waitForURL(`${portal.url}/publish/employee-earnings-2016/columns`, { timeout: 60_000 }), page.getByRole('button', { name: 'Upload and load the data' }).click()]);
    expect(statuses.some((s) => /^Uploading: \d+%/.test(s))).toBe(true);
    expect(statuses).toContain('Uploaded. Loading the data…');
    expect(statuses.at(-1)).toMatch(/^Loaded 22,0\d\d rows/);

    // The column review: POSTAL read as text; make it a number and watch the file load again.
    const postal = page.getByLabel('Type of POSTAL');
    await expect(postal.inputValue()).resolves.toBe('text');
    await expectNoAxeViolations(page);
    await postal.selectOption('integer');
    await Promise.all([page.waitForURL(/\/columns\?job=/), page.getByRole('button', { name: 'Save the columns' }).click()]);
    // The progress island follows the job and reloads the page when it has finished.
    await page.getByRole('link', { name: 'Review the columns again' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/^Loaded 22,0\d\d rows/);
    await expect(page.getByLabel('Type of POSTAL').inputValue()).resolves.toBe('integer');
    await expect(page.getByText('2124', { exact: true }).count()).resolves.toBeGreaterThan(0);

    // Describe it (it needs a license) and submit it for review.
    await Promise.all([page.waitForURL(`${portal.url}/publish/employee-earnings-2016/describe`), page.getByRole('link', { name: 'Next: describe the dataset' }).click()]);
    await page.getByLabel('License').selectOption('cc-by-4.0');
    await Promise.all([page.waitForURL(/\/describe\?saved=1$/), page.getByRole('button', { name: 'Save the description' }).click()]);
    await Promise.all([page.waitForURL(/\/describe\?done=submitted/), page.getByRole('button', { name: 'Submit for review' }).click()]);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('The dataset is submitted for review');

    // The organization's admin publishes it from the review queue; now anyone finds it.
    const review = await b.page({ javaScriptEnabled: true });
    await signIn(review, '/publish', admin);
    await Promise.all([review.waitForURL(/\/publish\?done=published/), review.getByRole('button', { name: 'Publish Employee earnings 2016' }).click()]);
    await expect(review.getByRole('status').first().innerText()).resolves.toContain('“Employee earnings 2016” is published');
    await expectNoAxeViolations(review);
    const visitor = await b.page({ javaScriptEnabled: true });
    const shown = await visitor.goto(`${portal.url}/datasets/employee-earnings-2016`);
    expect(shown?.status()).toBe(200);
  }, 180_000);

  it('speaks Spanish to a Spanish reader, in the upload and progress islands too', async () => {
    const page = await b.page({ javaScriptEnabled: true });
    // The status lines of the upload and of the loading job, as the islands change them.
    const statuses = await recordStatuses(page, '#upload-status, [data-job-text]');
    await signIn(page, '/publish');
    // The header's language switch remembers Spanish in a cookie.
    await page.goto(`${portal.url}/language/es?back=${encodeURIComponent('/publish/horas-extra/upload')}`);
    await page.waitForURL(`${portal.url}/publish/horas-extra/upload`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expectNoAxeViolations(page);
    await page.getByLabel('Archivo').setInputFiles(EARNINGS);
    await Promise.all([page.waitForURL(`${portal.url}/publish/horas-extra/columns`, { timeout: 60_000 }), page.getByRole('button', { name: 'Subir y cargar los datos' }).click()]);
    expect(statuses.some((s) => /^Subiendo: \d+ %/.test(s))).toBe(true);
    expect(statuses).toContain('Archivo subido. Cargando los datos…');
    // Spanish groups thousands with a point.
    expect(statuses.at(-1)).toMatch(/^Se cargaron 22\.0\d\d filas/);

    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Revise las columnas de «Horas extra»');
    await expectNoAxeViolations(page);
    await page.getByLabel('Tipo de POSTAL').selectOption('integer');
    statuses.length = 0;
    await Promise.all([page.waitForURL(/\/columns\?job=/), page.getByRole('button', { name: 'Guardar las columnas' }).click()]);
    // The progress island words the loading in Spanish while it runs, then the page reloads.
    await page.getByRole('link', { name: 'Volver a revisar las columnas' }).waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-job-text]').innerText()).resolves.toMatch(/^Se cargaron 22\.0\d\d filas/);
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses) expect(s).toMatch(/^(En espera|Cargando: (en espera|preparando|leyendo|detectando los tipos|analizando las columnas|publicando|terminado)|Se cargaron)/);
    await expect(page.getByLabel('Tipo de POSTAL').inputValue()).resolves.toBe('integer');
  }, 120_000);

  it('your datasets and the describe page pass axe-core, and a problem shows beside its field', async () => {
    const page = await b.page({ javaScriptEnabled: true });
    await signIn(page, '/publish');
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForURL(`${portal.url}/publish/budget-lines/describe`), page.getByRole('link', { name: 'Budget lines', exact: true }).click()]);
    await expectNoAxeViolations(page);
    await page.getByLabel('Contact email').fill('not-an-email');
    await page.getByLabel('Contact name').fill('Payroll office');
    await page.getByRole('button', { name: 'Save the description' }).click();
    await expect(page.getByLabel('Contact email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('is not an email address.').first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Contact name').inputValue()).resolves.toBe('Payroll office');
    await expectNoAxeViolations(page);
  }, 60_000);

  it('uploads without JavaScript: the form posts, and the status page reloads itself until the data has loaded', async () => {
    const page = await b.page({ javaScriptEnabled: false });
    await signIn(page, '/publish/budget-lines/upload');
    await page.getByLabel('File').setInputFiles(EARNINGS);
    await Promise.all([page.waitForURL(/\/upload\?job=/), page.getByRole('button', { name: 'Upload and load the data' }).click()]);
    await page.getByRole('link', { name: 'Review the columns' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/^Loaded 22,0\d\d rows/);
  }, 90_000);

  it('follows the loading by polling the job where the browser has no EventSource', async () => {
    const page = await b.page({ javaScriptEnabled: true });
    await page.addInitScript(() => {
      delete (globalThis as { EventSource?: unknown }).EventSource;
    });
    const polled: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/jobs\/[^/]+$/.test(new URL(r.url()).pathname)) polled.push(r.url());
    });
    await signIn(page, '/publish/overtime/upload');
    await page.getByLabel('File').setInputFiles(EARNINGS);
    await Promise.all([page.waitForURL(`${portal.url}/publish/overtime/columns`, { timeout: 60_000 }), page.getByRole('button', { name: 'Upload and load the data' }).click()]);
    expect(polled.length).toBeGreaterThan(0);
  }, 90_000);
});
