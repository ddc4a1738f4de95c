import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import type { HarvestSource } from '../../src/domain/harvest/types.ts';
import { emptyChecklist } from '../../src/domain/program/projects.ts';
import { insertPartners, insertStatement } from '../contract/program-factories.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { closedPort } from '../support/peers.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * The peer network in a browser, on a phone: a visitor searches this city
 * and its peers side by side (one peer down, named as missing), browses
 * the peers and a peer's page; a moderator copies a peer's showcase and
 * starts a project from its blueprint, with JavaScript off. Every page
 * passes axe-core and fits 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser peers 2030';
const NOW = '2026-03-01T00:00:00.000Z';

describeBrowser('the peer network in a browser', (b) => {
  let here: Portal;
  let there: Portal;
  let riverton: HarvestSource;

  beforeAll(async () => {
    [here, there] = await Promise.all([startPortal(), startPortal()]);
    for (const [t, title] of [[here.t, 'Street trees here'], [there.t, 'Street trees of Riverton']] as const) {
      const d = await createDataset(t.deps, t.admin, { title, organization: 'Parks', description: 'Every street tree, with its species.', license: 'cc-by-4.0' }, { createOrganization: true });
      await addLink(t.deps, t.admin, d.id, { kind: 'link', name: 'Map', url: 'https://example.org/trees' });
      await changeStatus(t.deps, t.admin, d.id, { status: 'published' });
    }
    const c = there.t.deps.catalog;
    await c.showcases.createShowcase({ id: 'sc-trees', title: 'Shade finder', kind: 'app', description: 'Finds the shadiest walk between two places.', link: 'https://example.org/shade', madeBy: 'Riverton Civic Tech', image: null, imageAlt: '', state: 'approved', stateReason: null, authorId: 'x', datasetIds: [], createdAt: NOW, updatedAt: NOW });
    const statement = await insertStatement(c, { title: 'Streets are too hot in summer' });
    await c.projects.createProject({ id: 'pr-shade', slug: 'shade-streets', title: 'Shade streets', summary: 'Plants trees where people walk in the heat.', statementId: statement.id, partnerIds: (await insertPartners(c)).sort(), datasetIds: [], startDate: '2026-01-05', templateId: 'co-design-sprint', phases: [{ key: 'research', name: 'Research', weeks: 4 }, { key: 'launch', name: 'Launch', weeks: 2 }], currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'x', createdAt: NOW, updatedAt: NOW });
    riverton = await addSource(here.t.deps, here.t.admin, { kind: 'plaza', url: there.url, name: 'Riverton', peer: true, harvest: false });
    await addSource(here.t.deps, here.t.admin, { kind: 'ckan', url: await closedPort(), name: 'Gone City', peer: true, harvest: false });
    await markEmailConfirmed(here.t, await register(here.t.deps, { email: 'mod@example.org', name: 'mod', password: PASSWORD }));
    const mod = await here.t.deps.catalog.accounts.findUserByEmail('mod@example.org');
    await here.t.deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([here?.close(), there?.close()]);
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('searches this city and its peers side by side, naming the peer that did not answer, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    await page.goto(`${here.url}/datasets`);
    await Promise.all([page.waitForURL(/\/search\?q=&peers=1$/), page.getByRole('link', { name: 'Search peer cities\' data too' }).click()]);
    await page.getByLabel('Words to search for').fill('trees');
    await Promise.all([page.waitForURL(/\/search\?q=trees&peers=1$/), page.getByRole('button', { name: 'Search' }).click()]);
    await expect(page.getByRole('link', { name: 'Street trees here' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 3, name: 'Riverton' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Street trees of Riverton' }).getAttribute('href')).resolves.toBe(`${there.url}/datasets/street-trees-of-riverton`);
    await expect(page.getByText('Gone City').count()).resolves.toBeGreaterThan(0);
    await check(page);
    await page.goto(`${here.url}/search?q=trees&peers=1&lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Buscar en esta ciudad y sus pares' }).count()).resolves.toBe(1);
    await expect(page.getByText('Faltan algunas ciudades pares en estos resultados:').count()).resolves.toBe(1);
    await check(page);

    const plain = await b.page({ ...PHONE, javaScriptEnabled: false });
    await plain.goto(`${here.url}/search`);
    await plain.getByLabel('Words to search for').fill('trees');
    await plain.getByLabel('Include the 2 peer cities').check();
    await Promise.all([plain.waitForURL(/\/search\?q=trees&peers=1$/), plain.getByRole('button', { name: 'Search' }).click()]);
    await expect(plain.getByRole('link', { name: 'Street trees of Riverton' }).count()).resolves.toBe(1);
  }, 60_000);

  it('lists the peers and shows a peer\'s showcases and blueprints, in English and Spanish', async () => {
    const page = await b.page(PHONE);
    for (const lang of ['en', 'es']) {
      await page.goto(`${here.url}/peers?lang=${lang}`);
      await check(page);
      await page.goto(`${here.url}/peers/${riverton.id}?lang=${lang}`);
      await expect(page.getByRole('link', { name: 'Street trees of Riverton' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Shade finder' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Shade streets' }).count()).resolves.toBe(1);
      await check(page);
    }
  }, 60_000);

  it('a moderator copies a peer\'s showcase and starts a project from its blueprint, without JavaScript', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false });
    await signInWithForm(page, here.url, 'mod@example.org', PASSWORD, `/peers/${riverton.id}`);
    await Promise.all([page.waitForURL(/\/showcases\/[^/]+\?copied=1$/), page.getByRole('button', { name: 'Copy “Shade finder” here' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Shade finder' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: `${there.url}/showcases/sc-trees` }).count()).resolves.toBe(1);
    await page.goto(`${here.url}/peers/${riverton.id}`);
    await Promise.all([page.waitForURL(/\/projects\/shade-streets$/), page.getByRole('button', { name: 'Start a project here from “Shade streets”' }).click()]);
    await expect(page.getByRole('link', { name: `${there.url}/projects/shade-streets` }).count()).resolves.toBe(1);
    const withJs = await b.page(PHONE);
    await signInWithForm(withJs, here.url, 'mod@example.org', PASSWORD, '/projects/shade-streets');
    await check(withJs);
  }, 60_000);
});
