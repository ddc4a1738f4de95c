import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { createChampion } from '../../src/actions/champions/save-champion.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { seedDemoEcosystem } from '../../src/actions/program/ecosystem/demo-ecosystem.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';

/**
 * The open data program end to end, in a browser on a phone: residents'
 * problems, followed by a neighbour, are scoped at a scope-a-thon; staff
 * start a project from the statement with three partners from the ecosystem,
 * a blocker holds the launch back until it is resolved, the project launches
 * and its blueprint is exported; the problems show "In a project" and name
 * the project, and the follower's email digest tells of it. A resident goes
 * from a dataset to its data champion and filters the ecosystem map to food
 * community organizations. Every page visited passes axe-core and fits 390 px.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'program journey 2030';
const PROBLEMS = ['The food pantry line wraps around the block before it opens', 'Los avisos de la despensa solo están en inglés'];
const STATEMENT = 'Pantry visitors wait outside for hours without knowing what is available';
const PROJECT = 'Pantry Line Live';
const DEMO = readFileSync(join(DEMO_DIR, 'ecosystem.json'), 'utf8');
const demo = JSON.parse(DEMO) as { actors: Array<{ slug: string; kind: string; topics: string[] }> };
const foodOrgs = demo.actors.filter((a) => a.kind === 'community_organization' && a.topics.includes('food')).map((a) => a.slug).sort();

describeBrowser('the open data program journey in a browser', (b) => {
  let portal: Portal;
  let smtp: TestSmtpServer;
  const problemIds: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    portal = await startPortal({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <noreply@data.example.gov>') });
    const t = portal.t;
    // Emailed links lead to this portal, and digests go out as soon as there is something to tell.
    t.deps.site.baseUrl = portal.url;
    t.deps.site.digestHours = 1 / 3_600_000;
    // The dataset's organization, Human Resources Administration, and the others the demo ecosystem names.
    await loadDemoDataset(t, 'food-pantries-2024-11');
    for (const name of ['Homeless Services', 'Public Health', 'Transportation', 'Police Department']) {
      const slug = name.toLowerCase().replace(/ /g, '-');
      await t.deps.catalog.datasets.createOrganization({ id: `org-${slug}`, slug, name, description: '', createdAt: new Date().toISOString() });
    }
    await seedDemoEcosystem(t.deps, t.admin, DEMO);
    await createChampion(t.deps, t.admin, {
      name: 'Denise Washington',
      tier: 'external',
      department: 'Harlem Food Justice Coalition',
      bio: 'Helps neighbours read the pantry data.',
      datasets: ['food-pantries-2024-11'],
      published: true,
      consent: 'Agreed in writing at the October meeting.',
    });
    for (const name of ['sam', 'rita', 'ben']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const sam = (await t.deps.catalog.accounts.findUserByEmail('sam@example.org'))!;
    await t.deps.catalog.accounts.updateUser(sam.id, { isModerator: true });
    const rita = (await t.deps.catalog.accounts.findUserByEmail('rita@example.org'))!;
    const resident = await principalFor(t.deps, rita, 'session', [...TOKEN_SCOPES], null);
    for (const title of PROBLEMS) {
      const problem = await postProblem(t.deps, resident, { title, description: 'People wait outside for hours before the pantry opens.', affected: '', category: 'food', place: { kind: 'citywide' } });
      problemIds.push(problem.id);
    }
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
    await smtp?.close();
  });

  const check = async (page: Page) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  /** The mails received so far for an address whose text contains every one of `parts`, flushing the outbox, up to 15 s. */
  async function mailsTo(address: string, parts: string[]): Promise<ReceivedMail[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await portal.t.plaza.notifier.flush();
      const mine = smtp.messages.filter((m) => m.to.includes(address));
      const text = mine.map((m) => m.text).join('\n');
      if (parts.every((p) => text.includes(p))) return mine;
      if (Date.now() > deadline) throw new Error(`No mail to ${address} says ${JSON.stringify(parts)}; it got: ${JSON.stringify(mine.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('problems are followed, scoped, taken up by a launched project, and the follower hears of it; a resident finds the champion and the food organizations', async () => {
    const base = portal.url;

    // A neighbour follows both problems with the follow button.
    const follower = await b.page(PHONE);
    await signInWithForm(follower, base, 'ben@example.org', PASSWORD, `/problems/${problemIds[0]}`);
    for (const id of problemIds) {
      await follower.goto(`${base}/problems/${id}`);
      await Promise.all([follower.waitForURL(`${base}/problems/${id}?followed=1#follow`), follower.getByRole('button', { name: 'Follow', exact: true }).click()]);
      await expect(follower.getByText('You follow it.').count()).resolves.toBe(1);
      await check(follower);
    }

    // Staff schedule a scope-a-thon on the two problems and write a statement from the event page.
    const staff = await b.page(PHONE);
    await signInWithForm(staff, base, 'sam@example.org', PASSWORD, '/events/new');
    await check(staff);
    await staff.getByLabel('Title', { exact: true }).fill('Food access scope-a-thon');
    await staff.getByLabel('Starts').fill('2030-10-19T10:00');
    await staff.getByLabel('Ends').fill('2030-10-19T14:00');
    await staff.getByLabel('Place', { exact: true }).fill('Harlem Library, 9 West 124th Street');
    await staff.getByLabel('Capacity').fill('20');
    for (const title of PROBLEMS) await staff.getByLabel(title).check();
    await Promise.all([staff.waitForURL(/\/events\/food-access-scope-a-thon\?saved=1$/), staff.getByRole('button', { name: 'Schedule it' }).click()]);
    await check(staff);
    await Promise.all([staff.waitForURL(/\/statements\/new\?event=food-access-scope-a-thon$/), staff.getByRole('link', { name: 'Write a problem statement' }).click()]);
    await check(staff);
    await staff.getByLabel('Title', { exact: true }).fill(STATEMENT);
    await staff.getByLabel('Who is affected').fill('Families who use the pantries');
    await staff.getByLabel('What they need').fill('To know what is available before they queue');
    await staff.getByLabel('How we would know it got better').fill('Shorter waits outside');
    await Promise.all([staff.waitForURL(/\/statements\/[^/]+\?written=1$/), staff.getByRole('button', { name: 'Save the statement' }).click()]);
    for (const title of PROBLEMS) await expect(staff.locator('li', { hasText: title }).filter({ hasText: '(Scoped)' }).count()).resolves.toBe(1);
    await check(staff);

    // Staff start a project from the statement with three partners from the ecosystem.
    await staff.goto(`${base}/projects/new`);
    await check(staff);
    await staff.getByLabel('Title', { exact: true }).fill(PROJECT);
    await staff.getByLabel('Summary').fill('Shows how long the pantry line is, live.');
    await staff.getByLabel('Problem statement').selectOption({ label: STATEMENT });
    for (const partner of ['Human Resources Administration (city agency)', 'Harlem Food Justice Coalition (community organization)', 'Civic Code Collective (tech partner)']) {
      await staff.getByLabel(partner, { exact: true }).check();
    }
    await staff.getByLabel('Start date').fill('2026-09-01');
    await Promise.all([staff.waitForURL(/\/projects\/pantry-line-live\?saved=1$/), staff.getByRole('button', { name: 'Start the project' }).click()]);
    await check(staff);

    // The checklist with one blocker: the page warns and the launch phase is refused, naming it.
    await staff.goto(`${base}/projects/pantry-line-live/checklist`);
    await check(staff);
    const fine = ['privacy', 'confidentiality', 'security', 'legal', 'procurement', 'accessibility', 'data_maintenance', 'long_term_owner'];
    for (const item of fine) await staff.locator(`#field-status-${item}`).selectOption('fine');
    await staff.locator('#field-status-hosting').selectOption('blocker');
    await staff.locator('#field-notes-hosting').fill('The agency server cannot host it');
    await Promise.all([staff.waitForURL(/saved=1$/), staff.getByRole('button', { name: 'Save the checklist' }).click()]);
    await expect(staff.getByText('The project cannot launch yet').count()).resolves.toBeGreaterThan(0);
    await expect(staff.getByText('Blockers: Hosting and server limits.').count()).resolves.toBe(1);
    await staff.locator('#field-move-phase').selectOption('launch');
    await staff.getByRole('button', { name: 'Move to this phase' }).click();
    await expect(staff.getByText('blocker: hosting and server limits').count()).resolves.toBeGreaterThan(0);
    await expect(staff.getByText('Launch (now)').count()).resolves.toBe(0);
    await check(staff);

    // Resolved: every item assessed, none blocking; the project moves to launch and is marked launched.
    await staff.goto(`${base}/projects/pantry-line-live/checklist`);
    await staff.locator('#field-status-hosting').selectOption('risk');
    await staff.locator('#field-notes-hosting').fill('Hosted by the tech partner for a year');
    await Promise.all([staff.waitForURL(/saved=1$/), staff.getByRole('button', { name: 'Save the checklist' }).click()]);
    await expect(staff.getByText('The project cannot launch yet').count()).resolves.toBe(0);
    await staff.locator('#field-move-phase').selectOption('launch');
    await Promise.all([staff.waitForURL(/saved=1$/), staff.getByRole('button', { name: 'Move to this phase' }).click()]);
    await expect(staff.getByText('Launch (now)').count()).resolves.toBe(1);
    await staff.getByLabel('What launched').fill('A live view of the pantry line, in English and Spanish.');
    await staff.getByLabel('Who maintains it').fill('Civic Code Collective');
    await staff.getByLabel('Link to the tool').fill('https://pantry-line.example.org/');
    await Promise.all([staff.waitForURL(/saved=1$/), staff.getByRole('button', { name: 'Mark launched' }).click()]);
    await expect(staff.getByRole('link', { name: 'https://pantry-line.example.org/' }).count()).resolves.toBe(1);
    await expect(staff.getByRole('button', { name: 'Mark launched' }).count()).resolves.toBe(0);
    await check(staff);

    // The blueprint: the partners and a decision per constraint, and its printable page.
    const md = await (await staff.request.get(`${base}/projects/pantry-line-live/blueprint.md`)).text();
    for (const partner of ['- Human Resources Administration (agency)', '- Harlem Food Justice Coalition (community organization)', '- Civic Code Collective (tech partner)']) expect(md).toContain(partner);
    expect(md).toContain('| Hosting and server limits | Risk | Hosted by the tech partner for a year |');
    for (const item of ['Privacy', 'Confidentiality', 'Security', 'Legal', 'Procurement', 'Accessibility', 'Data maintenance', 'Long-term owner']) expect(md).toContain(`| ${item} | Fine |`);
    await Promise.all([staff.waitForURL(`${base}/projects/pantry-line-live/blueprint`), staff.getByRole('link', { name: 'Adoption blueprint (printable)' }).click()]);
    await expect(staff.getByRole('heading', { level: 1, name: `Adoption blueprint: ${PROJECT}` }).count()).resolves.toBe(1);
    await check(staff);

    // The problems' pages show "In a project" and name the project.
    for (const id of problemIds) {
      await follower.goto(`${base}/problems/${id}`);
      await expect(follower.locator('.usa-tag').first().innerText()).resolves.toBe('In a project');
      await expect(follower.locator('.problem-projects').getByRole('link', { name: PROJECT }).getAttribute('href')).resolves.toBe('/projects/pantry-line-live');
      await check(follower);
    }
    // The follower's digest tells of the change, for both problems.
    await mailsTo('ben@example.org', PROBLEMS.map((title) => `moved the problem “${title}” from scoped to in_project`));

    // A resident, not signed in, goes from the dataset to its champion.
    const visitor = await b.page(PHONE);
    await visitor.goto(`${base}/datasets/food-pantries-2024-11`);
    await expect(visitor.locator('.dataset-champions').getByText('Data champion:').count()).resolves.toBe(1);
    await check(visitor);
    await Promise.all([visitor.waitForURL(`${base}/champions/denise-washington`), visitor.getByRole('link', { name: 'Denise Washington' }).click()]);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Denise Washington' }).count()).resolves.toBe(1);
    await expect(visitor.getByRole('link', { name: 'Food pantries and soup kitchens, November 2024' }).count()).resolves.toBeGreaterThan(0);
    await check(visitor);

    // The ecosystem map, filtered with the GET form to community organizations working on food.
    expect(foodOrgs.length).toBeGreaterThanOrEqual(3);
    await visitor.goto(`${base}/ecosystem`);
    expect(await visitor.locator('svg.eco-network a.eco-node').count()).toBe(demo.actors.length);
    await check(visitor);
    await visitor.getByLabel('Kind of actor').selectOption('community_organization');
    await visitor.getByLabel('Topic').selectOption('food');
    await Promise.all([visitor.waitForURL(/kind=community_organization&topic=food/), visitor.getByRole('button', { name: 'Show' }).click()]);
    const nodes = await visitor.locator('svg.eco-network a.eco-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
    expect(nodes.sort()).toEqual(foodOrgs);
    const rows = await visitor.locator('table.eco-table tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
    expect(rows.sort()).toEqual(foodOrgs);
    await check(visitor);
  }, 180_000);
});
