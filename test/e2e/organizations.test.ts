import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A visitor finds the organizations from the header, on a phone, with
 * JavaScript on and off: the index passes axe-core, fits a 390 px screen, and
 * leads to each organization's page and its datasets.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('the organizations page in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts 2012', slug: 'bike-counts' });
    await createOrganization(t.deps, t.admin, {
      name: 'Department of Parks, Recreation and Cultural Affairs of the Metropolitan Area',
      description: 'Parks, pools, trails, community centres and the municipal cultural programme.',
    });
  });
  afterAll(async () => {
    await portal?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`a visitor opens the organizations from the header and follows one to its datasets (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await b.page({ ...PHONE, javaScriptEnabled });
      await page.goto(`${portal.url}/`);
      const header = page.getByRole('navigation', { name: 'Site' });
      await Promise.all([page.waitForURL(`${portal.url}/organizations`), header.getByRole('link', { name: 'Organizations' }).click()]);
      await expect(page.getByRole('heading', { level: 1, name: 'Organizations' }).count()).resolves.toBe(1);
      // axe-core and the width check run scripts in the page, so they run with JavaScript on.
      if (javaScriptEnabled) {
        await expectNoAxeViolations(page);
        // Nothing spills sideways on a phone, long names included.
        const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(390);
      }

      const parks = page.getByRole('article').filter({ hasText: 'Department of Parks' });
      await expect(parks.getByText('0 datasets').count()).resolves.toBe(1);
      const department = page.getByRole('article').filter({ hasText: 'Test Department' });
      await expect(department.getByText('1 dataset', { exact: true }).count()).resolves.toBe(1);
      await Promise.all([page.waitForURL(`${portal.url}/organizations/test-department`), department.getByRole('link', { name: 'Test Department' }).click()]);
      await expect(page.getByRole('link', { name: 'Bike counts 2012' }).count()).resolves.toBe(1);
    });
  }
});
