import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal, pageWidth } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A reader on a phone, without JavaScript, meets a dataset with a column
 * Plaza derived (the COVID totals' `location`, from `lat` and `lon`): the
 * column list says where it came from, the download note says it is left
 * out, and its links give the CSV without it and with it. In English and
 * Spanish, passing axe-core, within 390 px.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('derived columns on the dataset page', (b) => {
  let portal: Portal;
  let slug: string;

  beforeAll(async () => {
    portal = await startPortal();
    slug = (await portal.t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID-19 totals by ZIP code', slug: 'covid-totals' })).slug;
  });
  afterAll(async () => {
    await portal?.close();
  });

  const width = pageWidth;
  const csvHeader = async (page: Page, href: string | null): Promise<string[]> => {
    const res = await page.request.get(`${portal.url}${href ?? ''}`);
    expect(res.status()).toBe(200);
    return ((await res.text()).split('\r\n')[0] ?? '').split(',');
  };

  it('marks the column, and its download links leave it out or bring it, in English and Spanish, without JavaScript', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${portal.url}/datasets/${slug}`);
    const columns = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Type' }) });
    const location = columns.getByRole('row').filter({ has: page.getByText('location', { exact: true }) });
    await expect(location.innerText()).resolves.toContain('geometry (derived from lat, lon)');
    await expect(page.getByText('Columns Plaza derived from others (location) are left out').count()).resolves.toBe(1);

    // The download links are as they were: the plain CSV link has no parameter.
    const csvLink = page.getByRole('link', { name: 'CSV', exact: true }).first();
    await expect(csvLink.getAttribute('href')).resolves.toBe(`/api/v1/datasets/${slug}/export/csv`);
    const plain = await csvHeader(page, await csvLink.getAttribute('href'));
    expect(plain).toContain('lat');
    expect(plain).not.toContain('location');
    const derived = await csvHeader(page, await page.getByRole('link', { name: 'CSV with them' }).getAttribute('href'));
    expect(derived).toEqual([...plain, 'location']);

    await page.goto(`${portal.url}/datasets/${slug}?lang=es`);
    await expect(page.getByText('geometría (derivada de lat, lon)').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'CSV con ellas' }).getAttribute('href')).resolves.toBe(`/api/v1/datasets/${slug}/export/csv?derived=true`);
  }, 120_000);

  it('passes axe-core and fits a 390 px screen, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    for (const path of [`/datasets/${slug}`, `/datasets/${slug}?lang=es`]) {
      await page.goto(`${portal.url}${path}`);
      await expect(page.getByRole('link', { name: /CSV (with them|con ellas)/ }).count()).resolves.toBe(1);
      await expectNoAxeViolations(page);
      expect(await width(page), path).toBeLessThanOrEqual(390);
    }
  }, 120_000);
});
