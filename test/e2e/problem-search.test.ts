import { afterAll, beforeAll, expect, it } from 'vitest';
import { problem } from '../contract/factories.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, startPortal, type Portal } from '../support/browser.ts';

/**
 * Searching the problem inventory in a browser, on a phone, with JavaScript
 * on and off: a resident types words in the search box, gets the matching
 * problems with their counts, narrows them by a category and widens them
 * again; a Spanish reader does the same in Spanish. The searched list passes
 * axe-core and fits 390 px in both languages.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('problem search in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const problems = portal.t.deps.catalog.problems;
    await problems.createProblem(problem({ title: 'Flooded underpass on 5th Street', description: 'After every storm the underpass floods knee-deep.', category: 'mobility', affected: '' }));
    await problems.createProblem(problem({ title: 'Storm drains blocked by leaves', description: 'Every autumn the street floods at the corner.', category: 'environment', affected: '' }));
    await problems.createProblem(problem({ title: 'Baches en la avenida', description: 'Los baches rompen las ruedas de las bicicletas.', category: 'mobility', affected: '' }));
  });
  afterAll(async () => {
    await portal?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`a resident searches, narrows and widens the list, in English and Spanish (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
        // axe-core and the width check run scripts in the page, so they run with JavaScript on.
        if (!javaScriptEnabled) return;
        await expectNoAxeViolations(page);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      };
      const page = await b.page({ ...PHONE, javaScriptEnabled });
      await page.goto(`${portal.url}/problems`);
      await page.getByLabel('Search problems').fill('flooding');
      await Promise.all([page.waitForURL(/\/problems\?q=flooding/), page.getByRole('button', { name: 'Search' }).click()]);
      await expect(page.getByText('2 problems match “flooding”').count()).resolves.toBe(1);
      const titles = () => page.locator('.problem-card h2').allInnerTexts();
      await expect(titles()).resolves.toEqual(['Flooded underpass on 5th Street', 'Storm drains blocked by leaves']);
      await check(page);

      const refine = page.getByRole('navigation', { name: 'Narrow the problems' });
      await Promise.all([page.waitForURL(/category=environment/), refine.getByRole('link', { name: 'Environment (1)' }).click()]);
      await expect(titles()).resolves.toEqual(['Storm drains blocked by leaves']);
      await check(page);
      await Promise.all([page.waitForURL(`${portal.url}/problems?q=flooding`), refine.getByRole('link', { name: '✓ Environment (1)' }).click()]);
      await expect(titles()).resolves.toHaveLength(2);

      // The language switch, as a Spanish reader would use it: the choice is remembered for the search that follows.
      await Promise.all([page.waitForURL(`${portal.url}/problems`), page.goto(`${portal.url}/language/es?back=${encodeURIComponent('/problems')}`)]);
      await page.getByLabel('Buscar problemas').fill('bicicleta');
      await Promise.all([page.waitForURL(/q=bicicleta/), page.getByRole('button', { name: 'Buscar' }).click()]);
      await expect(page.getByText('1 problema coincide con «bicicleta»').count()).resolves.toBe(1);
      await expect(titles()).resolves.toEqual(['Baches en la avenida']);
      await check(page);
    }, 120_000);
  }
});
