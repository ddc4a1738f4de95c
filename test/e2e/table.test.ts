import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * The table explorer in a real browser: with JavaScript on, filters, sort and
 * pages update the rows in place and the address follows; with it off, the
 * same form works by loading pages. axe-core finds nothing wrong with it.
 * (Counts are those of the fixture file: 3,018 crimes in districts 1 to 3.)
 */

describeBrowser('the table explorer in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    await portal.t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** Fills the empty filter row: districts 1 to 3. */
  async function filterDistricts(page: Page): Promise<void> {
    await page.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'District' });
    await page.getByRole('combobox', { name: 'Condition' }).selectOption('between');
    await page.getByRole('textbox', { name: 'Value' }).fill('1');
    await page.getByRole('textbox', { name: 'And (for “between”)' }).fill('3');
  }

  const countText = (page: Page) => page.locator('#table-count').innerText();
  /** Arrests in districts 1 to 3, from the file. */
  const ARRESTS_IN_1_TO_3 = 682;

  it('with JavaScript, a filter, a page turn and a sort update the rows in place and the address follows', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/crimes/table`);
    expect(await countText(page)).toContain('22,334 matching rows');
    // Marks this document: a full page load would lose the mark.
    await page.evaluate(() => Object.assign(globalThis, { stillHere: true }));

    // Conditions that do not apply to the chosen column are turned off.
    await page.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Arrest' });
    expect(await page.locator('#filter-0-op option[value=contains]').isDisabled()).toBe(true);
    expect(await page.locator('#filter-0-op option[value=true]').isDisabled()).toBe(false);

    await filterDistricts(page);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_column') === 'district' && u.searchParams.get('filter_to') === '3'), page.getByRole('button', { name: 'Show rows' }).click()]);
    await expect.poll(() => countText(page)).toBe('3,018 matching rows');
    expect(await page.locator('#table-results tbody tr').count()).toBe(25);
    expect(await page.getByRole('status').innerText()).toBe('3,018 matching rows');
    expect(await page.locator('#table-caption').innerText()).toBe('Rows 1 to 25');
    expect(await page.getByRole('link', { name: 'CSV (this view)' }).getAttribute('href')).toContain('where=%60district%60+BETWEEN+1+AND+3');

    await page.getByRole('link', { name: 'Next 25 rows' }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await expect.poll(() => page.locator('#table-caption').innerText()).toBe('Rows 26 to 50');

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'ID' });
    await page.getByRole('combobox', { name: 'Direction' }).selectOption('desc');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'id' && u.searchParams.get('dir') === 'desc' && !u.searchParams.has('page'));
    await expect.poll(() => page.locator('#table-results tbody tr td').first().innerText()).toBe('9821710');

    // A second filter, added and removed without leaving the page.
    // After the first filter applies, an empty row waits for the next; "Add filter" adds one more and moves focus to it.
    await expect(page.getByRole('group', { name: 'New filter' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByRole('group', { name: 'New filter' }).count()).resolves.toBe(2);
    const added = page.getByRole('group', { name: 'New filter' }).last();
    await expect.poll(() => added.getByRole('combobox', { name: 'Column' }).evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await added.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Arrest' });
    await added.getByRole('combobox', { name: 'Condition' }).selectOption('true');
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll('filter_column').length === 2), page.getByRole('button', { name: 'Show rows' }).click()]);
    await expect.poll(() => countText(page)).toContain(`${ARRESTS_IN_1_TO_3} matching rows`);
    await page.getByRole('link', { name: 'Remove filter 1' }).click();
    await page.waitForURL((u) => u.searchParams.getAll('filter_column').join() === 'arrest');
    await expect.poll(() => countText(page)).toContain('5,551 matching rows');
    await page.getByRole('link', { name: 'Remove filter 1' }).click();
    await expect.poll(() => countText(page)).toContain('22,334 matching rows');
    await filterDistricts(page);
    await page.getByRole('button', { name: 'Show rows' }).click();
    await expect.poll(() => countText(page)).toContain('3,018 matching rows');

    expect(await page.evaluate(() => (globalThis as { stillHere?: boolean }).stillHere)).toBe(true);
    // The address now describes the view: opened afresh, it shows the same rows.
    const again = await b.page({ javaScriptEnabled: false });
    await again.goto(page.url());
    expect(await countText(again)).toContain('3,018 matching rows');
    expect(await again.locator('#table-results tbody tr td').first().innerText()).toBe('9821710');
  });

  it('without JavaScript, the same form loads the filtered page, and a bad value is explained next to its field', async () => {
    const page = await b.page({ javaScriptEnabled: false });
    await page.goto(`${portal.url}/datasets/crimes/table`);
    await filterDistricts(page);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_column') === 'district'), page.getByRole('button', { name: 'Show rows' }).click()]);
    expect(await countText(page)).toContain('3,018 matching rows');

    // Enter in a field shows the rows (it does not add a filter).
    await page.getByRole('textbox', { name: 'Value' }).first().fill('one');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_value') === 'one' && !u.searchParams.has('add')), page.getByRole('textbox', { name: 'Value' }).first().press('Enter')]);
    const field = page.getByRole('textbox', { name: 'Value' }).first();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await field.getAttribute('aria-describedby')}`).innerText()).toContain('“District” holds numbers');
  });

  it('in Spanish, the island says what it does, and the rows it counts, in Spanish', async () => {
    const page = await b.page({ extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } });
    // The records answer waits a moment, so the status while loading can be read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/datasets/crimes/records?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${portal.url}/datasets/crimes/table`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await countText(page)).toContain('22.334 filas coinciden');
    await page.getByRole('combobox', { name: 'Columna' }).selectOption({ label: 'District' });
    await page.getByRole('combobox', { name: 'Condición' }).selectOption('between');
    await page.getByRole('textbox', { name: 'Valor' }).fill('1');
    await page.getByRole('textbox', { name: 'Y (para «entre»)' }).fill('3');
    await page.getByRole('button', { name: 'Mostrar filas' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Cargando filas…');
    release();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('3018 filas coinciden');
    expect(await page.locator('#table-caption').innerText()).toBe('Filas 1 a 25');
    // Rows the island relabels and the parts it draws again speak Spanish too.
    await expect(page.getByRole('group', { name: 'Filtro 1' }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: 'Filtro nuevo' }).count()).resolves.toBe(1);
    expect(await page.getByRole('link', { name: 'Quitar el filtro 1' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '25 filas siguientes' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'CSV (esta vista)' }).count()).toBe(1);
    expect(await page.locator('#table-results th[title="entero"]').count()).toBeGreaterThan(0);
  });

  it('axe-core finds no violations on the table (with rows, and with a problem) or on the API tab', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/crimes/table?filter_column=district&filter_op=between&filter_value=1&filter_to=3&size=50&page=2`);
    await expect.poll(() => countText(page)).toContain('3,018');
    await expectNoAxeViolations(page);
    await page.goto(`${portal.url}/datasets/crimes/table?filter_column=district&filter_op=gt&filter_value=one`);
    await expectNoAxeViolations(page);
    await page.goto(`${portal.url}/datasets/crimes/api?filter_column=block&filter_op=contains&filter_value=O%27Brien`);
    await expectNoAxeViolations(page);
  });
});
