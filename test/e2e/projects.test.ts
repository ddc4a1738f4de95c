import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * Projects in a browser, on a phone: staff start a project from a statement
 * with three partners, fill the checklist with one blocker (the page warns,
 * the launch is refused), resolve it, move to the launch phase and export
 * the blueprint. Each page passes axe-core and fits 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser projects 2030';

describeBrowser('projects in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    const user = await register(portal.t.deps, { email: 'sam@example.org', name: 'Sam', password: PASSWORD });
    await markEmailConfirmed(portal.t, user);
    const sam = await portal.t.deps.catalog.accounts.findUserByEmail('sam@example.org');
    await portal.t.deps.catalog.accounts.updateUser(sam!.id, { isModerator: true });
    const c = portal.t.deps.catalog;
    await insertStatement(c, { title: 'Pantry visitors wait outside for hours without knowing what is available' });
    await insertActor(c, { name: 'Human Resources Administration', kind: 'agency' });
    await insertActor(c, { name: 'Harlem Food Justice Coalition', kind: 'community_organization' });
    await insertActor(c, { name: 'Civic Code Collective', kind: 'tech_partner' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('staff start a project, a blocker holds the launch back until resolved, and the blueprint has the decisions', async () => {
    const page = await b.page(PHONE);
    const check = async () => {
      await expectNoAxeViolations(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    };
    await signInWithForm(page, portal.url, 'sam@example.org', PASSWORD, '/projects/new');
    await check();
    await page.getByLabel('Title', { exact: true }).fill('Pantry Line Live');
    await page.getByLabel('Summary').fill('Shows how long the pantry line is, live.');
    await page.getByLabel('Problem statement').selectOption({ label: 'Pantry visitors wait outside for hours without knowing what is available' });
    await page.getByLabel('Human Resources Administration (city agency)').check();
    await page.getByLabel('Harlem Food Justice Coalition (community organization)').check();
    await page.getByLabel('Start date').fill('2026-09-01');
    await page.getByRole('button', { name: 'Start the project' }).click();
    await expect(page.getByText('Choose at least three partners', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Pantry Line Live');
    await check();
    await page.getByLabel('Civic Code Collective (tech partner)').check();
    await Promise.all([page.waitForURL(/\/projects\/pantry-line-live\?saved=1$/), page.getByRole('button', { name: 'Start the project' }).click()]);
    await check();

    await page.goto(`${portal.url}/projects/pantry-line-live/checklist`);
    await check();
    for (const item of ['privacy', 'confidentiality', 'security', 'legal', 'procurement', 'accessibility', 'data_maintenance', 'long_term_owner']) await page.locator(`#field-status-${item}`).selectOption('fine');
    await page.locator('#field-status-hosting').selectOption('blocker');
    await page.locator('#field-notes-hosting').fill('The agency server cannot host it');
    await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Save the checklist' }).click()]);
    await expect(page.getByText('Blockers: Hosting and server limits.').count()).resolves.toBe(1);
    await page.locator('#field-move-phase').selectOption('launch');
    await page.getByRole('button', { name: 'Move to this phase' }).click();
    await expect(page.getByText('blocker: hosting and server limits').count()).resolves.toBeGreaterThan(0);
    await check();

    await page.goto(`${portal.url}/projects/pantry-line-live/checklist`);
    await page.locator('#field-status-hosting').selectOption('risk');
    await page.locator('#field-notes-hosting').fill('Hosted by the tech partner for a year');
    await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Save the checklist' }).click()]);
    await expect(page.getByText('The project cannot launch yet').count()).resolves.toBe(0);
    await page.locator('#field-move-phase').selectOption('launch');
    await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Move to this phase' }).click()]);
    await expect(page.getByText('Launch (now)').count()).resolves.toBe(1);

    const md = await (await page.request.get(`${portal.url}/projects/pantry-line-live/blueprint.md`)).text();
    expect(md).toContain('| Hosting and server limits | Risk | Hosted by the tech partner for a year |');
    expect(md).toContain('| Privacy | Fine |');

    for (const path of ['/projects', '/projects/pantry-line-live', '/projects/new', '/projects/pantry-line-live/checklist', '/projects/pantry-line-live/blueprint']) {
      for (const lang of ['en', 'es']) {
        await page.goto(`${portal.url}${path}?lang=${lang}`);
        await check();
      }
    }
  }, 120_000);
});
