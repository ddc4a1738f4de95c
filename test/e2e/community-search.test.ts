import { afterAll, beforeAll, expect, it } from 'vitest';
import { datasetRequest } from '../contract/factories.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, startPortal, type Portal } from '../support/browser.ts';

/**
 * Searching dataset requests and showcases in a browser, on a phone: a
 * resident types words in the search box, gets the matching items with their
 * counts and narrows them by a count; a Spanish reader does the same in
 * Spanish. The searched lists pass axe-core and fit 390 px in both languages.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('request and showcase search in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const { requests, showcases } = portal.t.deps.catalog;
    await requests.createRequest(datasetRequest({ title: 'Street tree inventory', description: 'Species and planting dates, to plan shade for the summer.' }));
    await requests.createRequest(datasetRequest({ title: 'Bicycle counters on bridges', description: 'Hourly counts of bicycles crossing every bridge in summer.', status: 'planned' }));
    await requests.createRequest(datasetRequest({ title: 'Rutas del camión de basura', description: 'Los horarios de recogida por calle.' }));
    const at = new Date().toISOString();
    const base = { link: 'https://example.org/', madeBy: 'Code for Town', image: null, imageAlt: '', state: 'approved' as const, stateReason: null, authorId: 'user-1', datasetIds: [], createdAt: at, updatedAt: at };
    await showcases.createShowcase({ ...base, id: 'showcase-heat', title: 'Heat islands in summer', kind: 'visualization', description: 'Where the streets are hottest, on a map.' });
    await showcases.createShowcase({ ...base, id: 'showcase-pantry', title: 'Pantry finder', kind: 'app', description: 'Finds the nearest open food pantry on a map.' });
    await showcases.createShowcase({ ...base, id: 'showcase-arboles', title: 'Los árboles de la ciudad', kind: 'story', description: 'Un reportaje sobre las especies de cada barrio.' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('a resident searches and narrows the requests and the showcases, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    const check = async () => {
      await expectNoAxeViolations(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    };
    await page.goto(`${portal.url}/requests`);
    await page.getByLabel('Search requests').fill('summer');
    await Promise.all([page.waitForURL(/\/requests\?q=summer/), page.getByRole('button', { name: 'Search' }).click()]);
    await expect(page.getByText('2 requests match “summer”').count()).resolves.toBe(1);
    await check();
    const requestTitles = () => page.locator('.request-card h2').allInnerTexts();
    await Promise.all([page.waitForURL(/status=planned/), page.getByRole('navigation', { name: 'Narrow the requests' }).getByRole('link', { name: 'Planned (1)' }).click()]);
    await expect(requestTitles()).resolves.toEqual(['Bicycle counters on bridges']);

    await page.goto(`${portal.url}/showcases`);
    await page.getByLabel('Search showcases').fill('map');
    await Promise.all([page.waitForURL(/\/showcases\?q=map/), page.getByRole('button', { name: 'Search' }).click()]);
    await expect(page.getByText('2 showcases match “map”').count()).resolves.toBe(1);
    await check();
    await Promise.all([page.waitForURL(/kind=app/), page.getByRole('navigation', { name: 'Narrow the showcases' }).getByRole('link', { name: 'App (1)' }).click()]);
    await expect(page.locator('.showcase-card h2').allInnerTexts()).resolves.toEqual(['Pantry finder']);

    await page.goto(`${portal.url}/language/es?back=${encodeURIComponent('/requests')}`);
    await page.getByLabel('Buscar solicitudes').fill('camion');
    await Promise.all([page.waitForURL(/q=camion/), page.getByRole('button', { name: 'Buscar' }).click()]);
    await expect(requestTitles()).resolves.toEqual(['Rutas del camión de basura']);
    await check();
    await page.goto(`${portal.url}/showcases?q=arbol`);
    await expect(page.getByText('1 muestra coincide con «arbol»').count()).resolves.toBe(1);
    await check();
  }, 120_000);
});
