import { createReadStream } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal, signInWithForm, pageWidth } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * Column roles in the column review, on Austin's food inspection scores: the
 * ZIP code and facility ID are shown as codes, the score as a measure; the
 * publisher makes the score a category without JavaScript, and the chart
 * builder stops offering its average. In English and Spanish, passing
 * axe-core, on a 390 px screen.
 */

const PASSWORD = 'correct horse battery staple';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('column roles in the column review', (b) => {
  let portal: Portal;
  let editor: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    const org = await createOrganization(t.deps, t.admin, { name: 'Health' });
    editor = await makePerson(t, { name: 'Eddie Editor', roles: { [org.id]: 'editor' } });
    await t.deps.catalog.accounts.updateUser(editor.user.id, { passwordHash: await hashPassword(PASSWORD) });
    await createDataset(t.deps, editor.principal, { title: 'Inspections', organization: 'health', slug: 'inspections' });
    const file = fixture('tabular/austin_food_establishment_inspection_scores.csv');
    const { job } = await addResource(t.deps, editor.principal, 'inspections', { file: createReadStream(file), filename: 'inspections.csv' });
    expect((await waitForJob(t.deps, job.id)).status).toBe('succeeded');
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (page: Page, next: string): Promise<void> => signInWithForm(page, portal.url, editor.user.email, PASSWORD, next);

  const width = pageWidth;
  const roleSelect = (page: Page, column: string, words = 'Role of') => page.getByRole('combobox', { name: `${words} ${column}` });

  it('shows each column’s role and lets the publisher choose another, without JavaScript', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await signIn(page, '/publish/inspections/columns');
    await expect(roleSelect(page, 'Zip Code').locator('option:checked').innerText()).resolves.toBe('As inferred: Identifier or code');
    await expect(roleSelect(page, 'Facility ID').locator('option:checked').innerText()).resolves.toBe('As inferred: Identifier or code');
    await expect(roleSelect(page, 'Score').locator('option:checked').innerText()).resolves.toBe('As inferred: Measure');
    expect(await width(page)).toBeLessThanOrEqual(390);

    await roleSelect(page, 'Score').selectOption('category');
    await Promise.all([page.waitForURL(/\/columns\?saved=1/), page.getByRole('button', { name: 'Save the columns' }).click()]);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('The columns are saved.');
    await expect(roleSelect(page, 'Score').inputValue()).resolves.toBe('category');

    // The chart builder follows: no average of the score, said with the reason.
    await page.goto(`${portal.url}/datasets/inspections/chart?type=bar&x=process_description&agg=avg&y=score`);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('“Score” is a category, not a measure: its average means nothing.');
    await expect(page.getByLabel('Y axis column').locator('option').allInnerTexts()).resolves.toEqual(['None']);
  }, 120_000);

  it('passes axe-core on a phone in English and Spanish', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: true });
    await signIn(page, '/publish/inspections/columns');
    await expect(roleSelect(page, 'Facility ID').locator('option:checked').innerText()).resolves.toBe('As inferred: Identifier or code');
    await expectNoAxeViolations(page);
    expect(await width(page)).toBeLessThanOrEqual(390);
    await page.goto(`${portal.url}/language/es?back=${encodeURIComponent('/publish/inspections/columns')}`);
    await page.waitForURL(`${portal.url}/publish/inspections/columns`);
    await expect(roleSelect(page, 'Zip Code', 'Función de').locator('option:checked').innerText()).resolves.toBe('Según lo detectado: Identificador o código');
    await expect(page.getByText('La función de una columna indica').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    expect(await width(page)).toBeLessThanOrEqual(390);
  }, 120_000);
});
