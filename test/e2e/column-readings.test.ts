import { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal, signInWithForm, pageWidth } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';

/**
 * A column whose dates fit both MM/DD/YYYY and DD/MM/YYYY: the column review
 * says the values cannot tell, shows sample values as each reading reads
 * them (in English and Spanish, passing axe-core, on a 390 px screen), and
 * the publisher's choice, made without JavaScript, loads the file again in
 * that format.
 */

const PASSWORD = 'correct horse battery staple';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const CSV = 'Inspection Date,Score\n01/02/2024,90\n03/04/2024,85\n05/06/2024,77\n11/12/2024,93\n';

describeBrowser('reading ambiguous dates in the column review', (b) => {
  let portal: Portal;
  let editor: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    const org = await createOrganization(t.deps, t.admin, { name: 'Health' });
    editor = await makePerson(t, { name: 'Eddie Editor', roles: { [org.id]: 'editor' } });
    await t.deps.catalog.accounts.updateUser(editor.user.id, { passwordHash: await hashPassword(PASSWORD) });
    await createDataset(t.deps, editor.principal, { title: 'Inspections', organization: 'health', slug: 'inspections' });
    const { job } = await addResource(t.deps, editor.principal, 'inspections', { file: Readable.from([Buffer.from(CSV)]), filename: 'inspections.csv' });
    expect((await waitForJob(t.deps, job.id)).status).toBe('succeeded');
  });
  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (page: Page, next: string): Promise<void> => signInWithForm(page, portal.url, editor.user.email, PASSWORD, next);

  const width = pageWidth;

  it('says the values cannot tell, shows both readings, and passes axe-core in English and Spanish on a phone', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: true });
    await signIn(page, '/publish/inspections/columns');
    await expect(page.getByText('nothing in the column tells them apart').innerText()).resolves.toContain('Plaza read them as MM/DD/YYYY');
    const table = page.getByRole('table', { name: 'Values of Inspection Date as each reading reads them' });
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(/01\/02\/2024\s+2024-01-02\s+2024-02-01/);
    await expect(page.getByRole('radio', { name: 'MM/DD/YYYY' }).isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    expect(await width(page)).toBeLessThanOrEqual(390);

    await page.goto(`${portal.url}/language/es?back=${encodeURIComponent('/publish/inspections/columns')}`);
    await page.waitForURL(`${portal.url}/publish/inspections/columns`);
    await expect(page.getByText('nada en la columna permite distinguirlas').count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: 'Valores de Inspection Date según cada lectura' }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: 'Leer Inspection Date como' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    expect(await width(page)).toBeLessThanOrEqual(390);
  }, 120_000);

  it('without JavaScript, choosing DD/MM/YYYY loads the file again and reads the dates day first', async () => {
    const page = await b.page({ javaScriptEnabled: false });
    await signIn(page, '/publish/inspections/columns');
    await page.getByRole('radio', { name: 'DD/MM/YYYY' }).check();
    await Promise.all([page.waitForURL(/\/columns\?job=/), page.getByRole('button', { name: 'Save the columns' }).click()]);
    // Without JavaScript the page reloads itself until the job has finished.
    await page.getByRole('link', { name: 'Review the columns again' }).waitFor({ timeout: 60_000 });
    await page.goto(`${portal.url}/publish/inspections/columns`);
    await expect(page.getByRole('definition').filter({ hasText: 'DD/MM/YYYY' }).count()).resolves.toBe(1);
    await expect(page.getByText('nothing in the column tells them apart').count()).resolves.toBe(0);
    const { t } = portal;
    const rows = await queryRecords(t.deps, editor.principal, 'inspections', { select: 'inspection_date', order_by: 'score' });
    expect(rows.results.map((r) => r.inspection_date)).toEqual(['2024-06-05', '2024-04-03', '2024-02-01', '2024-12-11']);
  }, 120_000);
});
