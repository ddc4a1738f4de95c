import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * A scope-a-thon in a browser, on a phone: staff schedule an event on two
 * problems, a resident registers, staff mark attendance and write a problem
 * statement, and the problems show "Scoped". The events list, the event
 * page, the statement page and the new-event form pass axe-core and fit
 * 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser events 2030';
const PROBLEMS = ['The food pantry line wraps around the block before it opens', 'Los avisos de la despensa solo están en inglés'];

describeBrowser('scope-a-thons in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    for (const name of ['sam', 'rita']) await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const sam = (await portal.t.deps.catalog.accounts.findUserByEmail('sam@example.org'))!;
    await portal.t.deps.catalog.accounts.updateUser(sam.id, { isModerator: true });
    const rita = (await portal.t.deps.catalog.accounts.findUserByEmail('rita@example.org'))!;
    const resident = await principalFor(portal.t.deps, rita, 'session', [...TOKEN_SCOPES], null);
    for (const title of PROBLEMS) await postProblem(portal.t.deps, resident, { title, description: 'People wait outside for hours before the pantry opens.', affected: '', category: 'food', place: { kind: 'citywide' } });
    await updateSite(portal.t.deps, portal.t.admin, { time_zone: 'America/New_York' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('staff schedule an event, a resident registers, staff mark attendance and write a statement that scopes the problems', async () => {
    const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
      await expectNoAxeViolations(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    };
    const staff = await b.page(PHONE);
    await signInWithForm(staff, portal.url, 'sam@example.org', PASSWORD, '/events/new');
    await expect(staff.getByRole('heading', { level: 1, name: 'Schedule a scope-a-thon' }).count()).resolves.toBe(1);
    await check(staff);
    await staff.getByLabel('Title', { exact: true }).fill('Food access scope-a-thon');
    await staff.getByLabel('Starts').fill('2030-10-19T10:00');
    await staff.getByLabel('Ends').fill('2030-10-19T09:00');
    await staff.getByLabel('Place', { exact: true }).fill('Harlem Library, 9 West 124th Street');
    await staff.getByLabel('Capacity').fill('20');
    for (const title of PROBLEMS) await staff.getByLabel(title).check();
    await staff.getByRole('button', { name: 'Schedule it' }).click();
    await expect(staff.getByText('The event must end after it starts.').count()).resolves.toBe(1);
    await expect(staff.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Food access scope-a-thon');
    await expect(staff.getByLabel(PROBLEMS[0]!).isChecked()).resolves.toBe(true);
    await check(staff);
    await staff.getByLabel('Ends').fill('2030-10-19T14:00');
    await Promise.all([staff.waitForURL(/\/events\/food-access-scope-a-thon\?saved=1$/), staff.getByRole('button', { name: 'Schedule it' }).click()]);
    await expect(staff.getByText(/10:00\sAM – 2:00\sPM EDT/).count()).resolves.toBe(1);
    await check(staff);

    const resident = await b.page(PHONE);
    await signInWithForm(resident, portal.url, 'rita@example.org', PASSWORD, '/events/food-access-scope-a-thon');
    await expect(resident.getByRole('heading', { name: 'Attendance' }).count()).resolves.toBe(0);
    await Promise.all([resident.waitForURL(/registered=1/), resident.getByRole('button', { name: 'Register' }).click()]);
    await expect(resident.getByText('You are registered.').count()).resolves.toBe(1);
    await check(resident);

    await staff.goto(`${portal.url}/events/food-access-scope-a-thon`);
    await staff.getByLabel('rita (registered)').check();
    await Promise.all([staff.waitForURL(/attendance=1/), staff.getByRole('button', { name: 'Save attendance' }).click()]);
    await expect(staff.getByLabel('rita (registered)').isChecked()).resolves.toBe(true);
    await Promise.all([staff.waitForURL(/\/statements\/new\?event=/), staff.getByRole('link', { name: 'Write a problem statement' }).click()]);
    await staff.getByLabel('Title', { exact: true }).fill('Pantry visitors wait outside for hours without knowing what is available');
    await staff.getByLabel('Who is affected').fill('Families who use the pantries');
    await staff.getByLabel('What they need').fill('To know what is available before they queue');
    await staff.getByLabel('How we would know it got better').fill('Shorter waits outside');
    await Promise.all([staff.waitForURL(/\/statements\/[^/]+\?written=1$/), staff.getByRole('button', { name: 'Save the statement' }).click()]);
    for (const title of PROBLEMS) await expect(staff.locator('li', { hasText: title }).filter({ hasText: '(Scoped)' }).count()).resolves.toBe(1);
    const statement = staff.url().replace(/\?.*$/, '');
    await check(staff);

    const visitor = await b.page(PHONE);
    await visitor.goto(`${portal.url}/events`);
    await expect(visitor.getByRole('link', { name: 'Food access scope-a-thon' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${portal.url}/events?lang=es`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Jornadas de definición de problemas' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${portal.url}/events/food-access-scope-a-thon?lang=es`);
    await expect(visitor.getByRole('link', { name: 'Pantry visitors wait outside for hours without knowing what is available' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${statement}?lang=es`);
    await expect(visitor.getByText('Definido').count()).resolves.toBeGreaterThan(0);
    await check(visitor);
    await staff.goto(`${portal.url}/events/new?lang=es`);
    await expect(staff.getByRole('heading', { level: 1, name: 'Programar una jornada' }).count()).resolves.toBe(1);
    await check(staff);
  });
});
