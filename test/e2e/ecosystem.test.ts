import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { seedDemoEcosystem } from '../../src/actions/program/ecosystem/demo-ecosystem.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * The ecosystem map in a browser, on a phone: a resident filters the demo
 * map to community organizations working on food, sees only those in the
 * drawing and in the table, and follows a node to its actor's page; staff
 * add an actor (a refused form first, nothing lost) and a relationship
 * through the forms. The map, an actor's page and the forms pass axe-core
 * and fit 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser ecosystem 2030';
const DEMO = readFileSync(join(DEMO_DIR, 'ecosystem.json'), 'utf8');
const demo = JSON.parse(DEMO) as { actors: Array<{ slug: string; kind: string; topics: string[] }> };
const foodOrgs = demo.actors.filter((a) => a.kind === 'community_organization' && a.topics.includes('food')).map((a) => a.slug).sort();

describeBrowser('the ecosystem map in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    for (const name of ['Human Resources Administration', 'Homeless Services', 'Public Health', 'Transportation', 'Police Department']) {
      const slug = name.toLowerCase().replace(/ /g, '-');
      await portal.t.deps.catalog.datasets.createOrganization({ id: `org-${slug}`, slug, name, description: '', createdAt: new Date().toISOString() });
    }
    await seedDemoEcosystem(portal.t.deps, portal.t.admin, DEMO);
    await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: 'stef@example.org', name: 'Stef', password: PASSWORD }));
    const stef = await portal.t.deps.catalog.accounts.findUserByEmail('stef@example.org');
    await portal.t.deps.catalog.accounts.updateUser(stef!.id, { isModerator: true });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('a resident filters to community organizations working on food and follows a node to its page', async () => {
    expect(foodOrgs.length).toBeGreaterThanOrEqual(3);
    const page = await b.page(PHONE);
    await page.goto(`${portal.url}/ecosystem`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ecosystem map' }).count()).resolves.toBe(1);
    expect(await page.locator('svg.eco-network a.eco-node').count()).toBe(demo.actors.length);
    await check(page);
    await page.getByLabel('Kind of actor').selectOption('community_organization');
    await page.getByLabel('Topic').selectOption('food');
    await Promise.all([page.waitForURL(/kind=community_organization&topic=food/), page.getByRole('button', { name: 'Show' }).click()]);
    const nodes = await page.locator('svg.eco-network a.eco-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
    expect(nodes.sort()).toEqual(foodOrgs);
    const rows = await page.locator('table.eco-table tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
    expect(rows.sort()).toEqual(foodOrgs);
    await expect(page.locator('svg.eco-network line').count()).resolves.toBeGreaterThan(0);
    await check(page);
    await Promise.all([page.waitForURL(/\/ecosystem\/actors\/harlem-food-justice-coalition$/), page.locator('svg.eco-network a[data-slug="harlem-food-justice-coalition"]').click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Harlem Food Justice Coalition' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Civic Code Collective' }).count()).resolves.toBeGreaterThan(0);
    await check(page);

    await page.goto(`${portal.url}/ecosystem/actors/human-resources-administration?lang=es`);
    await expect(page.getByRole('link', { name: 'Human Resources Administration' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('Publica en este sitio como').count()).resolves.toBe(1);
    await check(page);
    await page.goto(`${portal.url}/ecosystem?lang=es&kind=community_organization&topic=food`);
    await expect(page.getByRole('heading', { level: 1, name: 'Mapa del ecosistema' }).count()).resolves.toBe(1);
    await check(page);
  });

  it('staff add an actor and a relationship through the forms', async () => {
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, 'stef@example.org', PASSWORD, '/ecosystem/actors/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Add an actor' }).count()).resolves.toBe(1);
    await check(page);
    await page.getByLabel('Name', { exact: true }).fill('East Harlem Seed Library');
    await page.getByLabel('Topics').fill('food; gardens');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Choose a kind of actor', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('East Harlem Seed Library');
    await check(page);
    await page.getByLabel('Kind of actor').selectOption('community_organization');
    await Promise.all([page.waitForURL(/\/ecosystem\/actors\/east-harlem-seed-library\?saved=1$/), page.getByRole('button', { name: 'Save' }).click()]);
    await check(page);

    await Promise.all([page.waitForURL(/\/ecosystem\/relationships\/new\?from=east-harlem-seed-library$/), page.getByRole('link', { name: 'Add a relationship' }).click()]);
    await check(page);
    await page.getByLabel('Relationship', { exact: true }).selectOption('partners_with');
    await page.getByLabel('To actor').selectOption('east-harlem-seed-library');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('A relationship joins two different actors; choose another actor.').count()).resolves.toBe(1);
    await page.getByLabel('To actor').selectOption('harlem-food-justice-coalition');
    await Promise.all([page.waitForURL(/\/ecosystem\/actors\/east-harlem-seed-library\?saved=1$/), page.getByRole('button', { name: 'Save' }).click()]);
    await expect(page.getByText('Partners with Harlem Food Justice Coalition').count()).resolves.toBe(1);

    for (const path of ['/ecosystem/actors/new?lang=es', '/ecosystem/relationships/new?lang=es', '/ecosystem/import', '/ecosystem/import?lang=es']) {
      await page.goto(`${portal.url}${path}`);
      await check(page);
    }
  });
});
