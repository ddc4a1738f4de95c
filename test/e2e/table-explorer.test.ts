import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * The table explorer on New York City's emergency food sites, in a real
 * browser, with JavaScript and without: "bronx" finds the 91 Bronx sites, the
 * value field suggests the borough names, a column's header sorts by it,
 * compact rows fit more than two long rows on a laptop screen, and the page
 * says the count once; in English and Spanish, with no axe-core violations,
 * and without sideways scrolling in a 390 px window.
 */

const LAPTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const BRONX = '/datasets/food-sites/table?filter_column=boro&filter_op=eq&filter_value=bronx&filter_to=';

/** The page's document, typed without the DOM library (the tests are type-checked for Node); functions run in the page name it themselves. */
interface Doc {
  documentElement: { scrollWidth: number };
  body: { innerText: string };
}

describeBrowser('the table explorer: case, suggestions, sorting, density and the count', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    await portal.t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const status = (page: Page) => page.getByRole('status').innerText();
  const firstPrograms = (page: Page) => page.locator('#table-results tbody tr td:nth-child(2)').allInnerTexts();
  /** How many times the page's text says "N matching rows" (or its Spanish). */
  const saidCount = (page: Page, text: string) => page.evaluate((t) => (globalThis as unknown as { document: Doc }).document.body.innerText.split(t).length - 1, text);
  const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  /** The heights of the first rows shown. */
  const rowHeights = (page: Page) => page.locator('#table-results tbody tr').evaluateAll((rows) => rows.slice(0, 5).map((r) => (r as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height));

  /** Fills the empty filter row: BORO equals the text given. */
  async function filterBoro(page: Page, value: string, words = { column: 'Column', condition: 'Condition' }): Promise<void> {
    await page.getByRole('combobox', { name: words.column }).selectOption({ label: 'BORO' });
    await page.getByRole('combobox', { name: words.condition }).selectOption('eq');
    await page.locator('#filter-0-value').fill(value);
  }

  it('with JavaScript: bronx finds the Bronx, the field suggests boroughs, headers sort in place, compact rows fit more than two', async () => {
    const page = await b.page(LAPTOP);
    await page.goto(`${portal.url}/datasets/food-sites/table`);
    await page.evaluate(() => Object.assign(globalThis, { stillHere: true }));
    await filterBoro(page, 'bronx');
    // The value field now names the list of the column's common values.
    const suggested = await page.locator('#filter-0-value').evaluate((el) => [...((el as unknown as { list: { options: { value: string }[] } | null }).list?.options ?? [])].map((o) => o.value));
    expect(suggested).toContain('BRONX');
    expect(suggested).toContain('STATEN ISLAND');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_value') === 'bronx'), page.getByRole('button', { name: 'Show rows' }).click()]);
    await expect.poll(() => status(page)).toBe('91 matching rows');
    expect(await saidCount(page, '91 matching')).toBe(1);

    const header = page.locator('#table-results th', { hasText: 'PROGRAM' });
    expect(await header.getAttribute('aria-sort')).toBeNull();
    await header.getByRole('link').click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'program' && !u.searchParams.has('dir'));
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await firstPrograms(page);
    expect(ascending).toEqual([...ascending].sort());
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('program');
    await header.getByRole('link').click();
    await page.waitForURL((u) => u.searchParams.get('dir') === 'desc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const descending = await firstPrograms(page);
    expect(descending).toEqual([...descending].sort().reverse());
    expect(descending[0]! > ascending[0]!).toBe(true);

    // Compact rows: each at most two lines of text, so more than two rows fit in the table's box and on a laptop screen.
    await page.getByLabel('Compact: long text cut to two lines').check();
    await page.waitForURL((u) => u.searchParams.get('density') === 'compact' && u.searchParams.get('dir') === 'desc');
    await expect.poll(() => page.locator('#table-results table.compact').count()).toBe(1);
    const heights = await rowHeights(page);
    expect(Math.max(...heights)).toBeLessThan(60);
    const box = await page.locator('#table-results .scroll').boundingBox();
    expect(heights.slice(0, 3).reduce((a, h) => a + h, 0)).toBeLessThan(Math.min(box!.height, 768));
    expect(await saidCount(page, '91 matching')).toBe(1);
    await expectNoAxeViolations(page);
    // Paging keeps the density and the order.
    await page.getByRole('link', { name: 'Next 25 rows' }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('density') === 'compact' && u.searchParams.get('sort') === 'program');
    expect(await page.evaluate(() => (globalThis as { stillHere?: boolean }).stillHere)).toBe(true);
  });

  it('without JavaScript: the same filter, header links and density, by loading pages; it fits 390 px', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${portal.url}/datasets/food-sites/table`);
    await filterBoro(page, 'Bronx');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_value') === 'Bronx'), page.getByRole('button', { name: 'Show rows' }).click()]);
    expect(await status(page)).toBe('91 matching rows');
    expect(await saidCount(page, '91 matching')).toBe(1);
    expect(await page.locator('#filter-0-value').getAttribute('list')).toMatch(/^values-\d+$/);
    await noSidewaysScroll(page);

    await Promise.all([page.waitForURL((u) => u.searchParams.get('sort') === 'program'), page.locator('#table-results th', { hasText: 'PROGRAM' }).getByRole('link').click()]);
    expect(await page.locator('#table-results th[aria-sort=ascending]').innerText()).toContain('PROGRAM');
    const ascending = await firstPrograms(page);
    expect(ascending).toEqual([...ascending].sort());

    await page.getByLabel('Compact: long text cut to two lines').check();
    await Promise.all([page.waitForURL((u) => u.searchParams.get('density') === 'compact'), page.getByRole('button', { name: 'Show rows' }).click()]);
    expect(await page.locator('#table-results table.compact').count()).toBe(1);
    expect(Math.max(...(await rowHeights(page)))).toBeLessThan(60);
    expect(await firstPrograms(page)).toEqual(ascending);
    await noSidewaysScroll(page);
  });

  it('in Spanish, with and without JavaScript: the count said once, no axe-core violations, 390 px', async () => {
    const spanish = { ...PHONE, extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } };
    const page = await b.page(spanish);
    await page.goto(`${portal.url}${BRONX}&sort=program&density=compact`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await status(page)).toBe('91 filas coinciden');
    expect(await saidCount(page, '91 filas')).toBe(1);
    expect(await page.locator('#table-results th[aria-sort=ascending]').innerText()).toContain('PROGRAM');
    expect(await page.getByLabel('Compacta: el texto largo se corta en dos líneas').isChecked()).toBe(true);
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await page.locator('#table-results th', { hasText: 'PROGRAM' }).getByRole('link').click();
    await page.waitForURL((u) => u.searchParams.get('dir') === 'desc');
    await expect.poll(() => status(page)).toBe('91 filas coinciden');
    await expectNoAxeViolations(page);

    const still = await b.page({ ...spanish, javaScriptEnabled: false });
    await still.goto(`${portal.url}/datasets/food-sites/table`);
    await filterBoro(still, 'bronx', { column: 'Columna', condition: 'Condición' });
    await Promise.all([still.waitForURL((u) => u.searchParams.get('filter_value') === 'bronx'), still.getByRole('button', { name: 'Mostrar filas' }).click()]);
    expect(await status(still)).toBe('91 filas coinciden');
    await noSidewaysScroll(still);
  });
});
