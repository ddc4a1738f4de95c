import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { describeBrowser, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A resident's whole journey in one go, on a phone-sized window, as the
 * portal is meant to be used: search from the home page, refine by a theme,
 * open the dataset, filter its table, build a chart, open the map, and
 * download the filtered rows as CSV, checking the file. Then the same
 * resident switches the portal to Spanish and it stays Spanish as they go on.
 * (Counts are those of the fixture file: 22,334 crimes, 3,018 of them in
 * districts 1 to 3.)
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const CRIMES = { file: fixture('tabular/chicago_crimes_2014-09.csv'), title: 'Crimes, September 2014', slug: 'crimes' };
const INSPECTIONS = { file: fixture('tabular/austin_food_establishment_inspection_scores.csv'), title: 'Food inspections', slug: 'food-inspections' };

/** Splits one CSV line into fields (quoted fields may hold commas). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

describeBrowser('a resident’s journey through the portal', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(CRIMES.file, { title: CRIMES.title, slug: CRIMES.slug });
    await t.load(INSPECTIONS.file, { title: INSPECTIONS.title, slug: INSPECTIONS.slug });
    await updateDataset(t.deps, t.admin, CRIMES.slug, { themes: ['Public safety'], description: 'Reported crimes in September 2014, with their district and place.' });
    await updateDataset(t.deps, t.admin, INSPECTIONS.slug, { themes: ['Health'], description: 'Restaurant inspection scores, including crimes against hygiene.' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const count = (page: Page) => page.locator('#table-count').innerText();

  it('finds, refines, opens, filters, charts, maps and downloads a dataset on a phone', async () => {
    const page = await b.page({ ...PHONE, acceptDownloads: true });

    // Search from the home page.
    await page.goto(`${portal.url}/`);
    await page.getByLabel('Search datasets').fill('crimes');
    await Promise.all([page.waitForURL((u) => u.pathname === '/datasets' && u.searchParams.get('q') === 'crimes'), page.getByLabel('Search datasets').press('Enter')]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('2 datasets matching “crimes”');

    // Refine by a theme: only the crimes remain.
    const themes = page.getByRole('list', { name: 'Theme' });
    await Promise.all([page.waitForURL((u) => u.searchParams.get('theme') === 'Public safety'), themes.getByRole('link', { name: /Public safety/ }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('1 dataset matching “crimes”');
    await expect(page.getByRole('link', { name: INSPECTIONS.title }).count()).resolves.toBe(0);

    // Open it: what it is, then its table.
    await Promise.all([page.waitForURL(`${portal.url}/datasets/${CRIMES.slug}`), page.getByRole('link', { name: CRIMES.title }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(CRIMES.title);
    await Promise.all([page.waitForURL(`${portal.url}/datasets/${CRIMES.slug}/table`), page.getByRole('navigation', { name: 'Views of this dataset' }).getByRole('link', { name: 'Table' }).click()]);
    await expect.poll(() => count(page)).toContain('22,334 matching rows');

    // Filter: districts 1 to 3.
    await page.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'District' });
    await page.getByRole('combobox', { name: 'Condition' }).selectOption('between');
    await page.getByRole('textbox', { name: 'Value' }).fill('1');
    await page.getByRole('textbox', { name: 'And (for “between”)' }).fill('3');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_to') === '3'), page.getByRole('button', { name: 'Show rows' }).click()]);
    await expect.poll(() => count(page)).toContain('3,018 matching rows');

    // Download the filtered rows as CSV, and read the file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (this view)' }).click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
    const header = fields(csv[0]!);
    expect(header).toContain('district');
    expect(header).not.toContain('__rowid');
    const district = header.indexOf('district');
    const rows = csv.slice(1).map(fields);
    expect(rows).toHaveLength(3_018);
    expect(new Set(rows.map((r) => r[district]))).toEqual(new Set(['1', '2', '3']));

    // Build a chart: crimes by district, as bars.
    await Promise.all([page.waitForURL(`${portal.url}/datasets/${CRIMES.slug}/chart`), page.getByRole('navigation', { name: 'Views of this dataset' }).getByRole('link', { name: 'Chart' }).click()]);
    await page.getByLabel('Chart type').selectOption('bar');
    await page.getByLabel('X axis').selectOption('primary_type');
    await page.waitForURL((u) => u.searchParams.get('x') === 'primary_type');
    // The suggested chart grouped dates by month; the page says why that no longer fits, and the link leads to the field.
    await page.getByRole('alert').getByRole('link', { name: /Choose “No grouping”/ }).click();
    await page.locator('#chart-bucket').selectOption('');
    await page.getByLabel('Y value').selectOption('count');
    await page.waitForURL((u) => u.searchParams.get('agg') === 'count' && !u.searchParams.get('bucket'));
    const chart = page.getByRole('img', { name: /Number of rows by Primary Type/ });
    await expect.poll(() => chart.locator('rect').count()).toBeGreaterThan(3);
    await expect(page.getByRole('region', { name: /data/i }).locator('tbody tr').count()).resolves.toBeGreaterThan(3);

    // Open the map: the crimes are points, clustered at this size.
    await Promise.all([page.waitForURL((u) => u.pathname === `/datasets/${CRIMES.slug}/map`), page.getByRole('navigation', { name: 'Views of this dataset' }).getByRole('link', { name: 'Map' }).click()]);
    await expect.poll(() => page.locator('svg.map circle').count()).toBeGreaterThan(0);
    // The picture has its words beside it: a summary and the list of what is in view.
    await expect(page.locator('#map-body').innerText()).resolves.toMatch(/Map of [\d,]+ features? from 22,334 matching rows/);
    await expect(page.getByRole('region', { name: /Features in this view/ }).count()).resolves.toBeGreaterThan(0);

    // Nothing spills sideways on a phone: the page is no wider than the window.
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });

  it('switches to Spanish from the header, stays on the same page, and stays Spanish from then on', async () => {
    const page = await b.page({ extraHTTPHeaders: { 'accept-language': 'en-US,en;q=0.9' } });
    await page.goto(`${portal.url}/datasets?q=crimes`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const languages = page.getByRole('navigation', { name: 'Language' });
    await Promise.all([page.waitForURL(`${portal.url}/datasets?q=crimes`), languages.getByRole('link', { name: 'Español' }).click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Conjuntos de datos');
    await expect(page.getByRole('status').innerText()).resolves.toBe('2 conjuntos de datos coinciden con «crimes»');

    await Promise.all([page.waitForURL(`${portal.url}/datasets/${CRIMES.slug}`), page.getByRole('link', { name: CRIMES.title }).click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.getByRole('navigation', { name: 'Idioma' }).getByText('Español').getAttribute('aria-current')).resolves.toBe('true');

    await page.goto(`${portal.url}/datasets/${CRIMES.slug}/table`);
    await expect.poll(() => count(page)).toMatch(/22\.334/);

    // And back to English.
    await Promise.all([page.waitForURL(`${portal.url}/datasets/${CRIMES.slug}/table`), page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect.poll(() => count(page)).toContain('22,334 matching rows');
  });
});

describeBrowser('pages on a phone-sized window', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    await portal.t.load(CRIMES.file, { title: CRIMES.title, slug: CRIMES.slug });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const pages = [
    '/',
    '/datasets',
    '/datasets?q=crimes',
    `/datasets/${CRIMES.slug}`,
    `/datasets/${CRIMES.slug}/table?filter_column=district&filter_op=between&filter_value=1&filter_to=3`,
    `/datasets/${CRIMES.slug}/chart?type=bar&x=primary_type`,
    `/datasets/${CRIMES.slug}/map`,
    `/datasets/${CRIMES.slug}/api`,
    '/sign-in',
    '/api/reference',
    '/datasets?lang=es',
    `/datasets/${CRIMES.slug}/table?lang=es`,
  ];
  it('fit the width of the window: nothing makes the page scroll sideways (wide tables scroll in their own box)', async () => {
    const page = await b.page(PHONE);
    const wide: string[] = [];
    for (const path of pages) {
      const res = await page.goto(`${portal.url}${path}`);
      expect(res?.status(), path).toBe(200);
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      if (width > PHONE.viewport.width) wide.push(`${path}: ${width}px`);
    }
    expect(wide).toEqual([]);
  });
});
