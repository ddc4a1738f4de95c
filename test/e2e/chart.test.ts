import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * The chart builder in a real browser with JavaScript on: changing a setting
 * redraws the chart without leaving the page and puts the settings in the
 * address bar; the page passes axe-core's WCAG 2.1 AA checks.
 */
describeBrowser('the chart builder in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    await portal.t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('redraws the chart when the type changes, and keeps the URL in step', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/shelter-census/chart?type=line&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`);
    const chart = page.getByRole('img', { name: 'Sum of Total Individuals in Shelter by Date of Census (by year)' });
    await expect(chart.locator('path[stroke]').count()).resolves.toBe(1);
    // A mark on this page's window, to tell a redraw in place from a page load.
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });

    await page.getByLabel('Chart type').selectOption('bar');
    await page.waitForURL((u) => u.searchParams.get('type') === 'bar');
    await expect(chart.locator('rect').count()).resolves.toBeGreaterThan(3);
    expect(await chart.locator('desc').textContent()).toContain('Bar chart of Sum of Total Individuals in Shelter');
    // The page was not reloaded: the island swapped the chart in.
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ type: 'bar', x: 'date_of_census', bucket: 'year', agg: 'sum', y: 'total_individuals_in_shelter' });
    await expect(page.getByRole('link', { name: 'SVG image' }).getAttribute('href')).resolves.toContain('type=bar');
    await expect(page.getByRole('status').textContent()).resolves.toBe('Chart updated: Sum of Total Individuals in Shelter by Date of Census (by year).');

    // The PNG is drawn in the browser from the SVG.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG image' }).click()]);
    expect(download.suggestedFilename()).toBe('shelter-census-chart.png');
    const png = await readFile((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600);

    // An impossible setting shows its message without losing the form.
    await page.getByLabel('Chart type').selectOption('histogram');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('A histogram needs a number column on the x axis');
    await expect(page.getByLabel('X axis').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('says a count needs no y column only while the chart is a count', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/shelter-census/chart?type=bar&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`);
    const hint = page.getByText('Count needs no y column.');
    await expect(hint.count()).resolves.toBe(0);
    await page.locator('#chart-agg').selectOption('count');
    await page.waitForURL((u) => u.searchParams.get('agg') === 'count');
    await hint.waitFor();
    await expect(page.locator('#chart-agg').getAttribute('aria-describedby')).resolves.toBe('chart-agg-help');
    await page.locator('#chart-agg').selectOption('sum');
    await page.waitForURL((u) => u.searchParams.get('agg') === 'sum');
    await hint.waitFor({ state: 'detached' });
    await expect(page.locator('#chart-agg').getAttribute('aria-describedby')).resolves.toBeNull();
  });

  it('stays on the builder, with the reader\'s settings, when the chart cannot be fetched', async () => {
    const page = await b.page();
    const start = `${portal.url}/datasets/shelter-census/chart?type=bar&x=date_of_census&bucket=year&agg=count`;
    await page.goto(start);
    await page.route((u) => u.pathname.endsWith('/chart') && u.searchParams.get('type') === 'line', (r) => r.abort('connectionfailed'));
    await page.getByLabel('Chart type').selectOption('line');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('The chart could not be drawn with these settings.');
    await expect(page.getByRole('status').textContent()).resolves.toBe('The chart could not be drawn with these settings.');
    expect(page.url()).toBe(start);
    await expect(page.getByLabel('Chart type').inputValue()).resolves.toBe('line');
    await expect(page.getByRole('alert').getByRole('link').getAttribute('href')).resolves.toContain('type=line');
  });

  it('has no accessibility violations', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/shelter-census/chart`);
    await expectNoAxeViolations(page);
    await page.goto(`${portal.url}/datasets/shelter-census/chart?type=bar&x=&agg=sum`);
    await expectNoAxeViolations(page);
  });
});
