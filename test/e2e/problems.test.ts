import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * The problem inventory in a browser, on a phone, with JavaScript on and off:
 * a resident opens Problems from the header, signs in, posts a problem (a
 * refused form first, nothing lost), says "me too" and comments from a second account;
 * a moderator declines it with a reason. Every page type passes axe-core and
 * fits 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser problems 2030';

describeBrowser('the problem inventory in a browser', (b) => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
    for (const name of ['ana', 'ben', 'mod']) await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const mod = await portal.t.deps.catalog.accounts.findUserByEmail('mod@example.org');
    await portal.t.deps.catalog.accounts.updateUser(mod!.id, { isSiteAdmin: true });
  });
  afterAll(async () => {
    await portal?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`a resident posts a problem, a neighbour says "me too", a moderator declines it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
        // axe-core and the width check run scripts in the page, so they run with JavaScript on.
        if (!javaScriptEnabled) return;
        await expectNoAxeViolations(page);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      };
      const title = `Broken crossing signal ${javaScriptEnabled ? 'on' : 'off'}`;
      const page = await b.page({ ...PHONE, javaScriptEnabled });
      await page.goto(`${portal.url}/`);
      await Promise.all([page.waitForURL(`${portal.url}/community`), page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Community' }).click()]);
      await check(page);
      await Promise.all([page.waitForURL(`${portal.url}/problems`), page.getByRole('link', { name: 'All problems' }).click()]);
      await check(page);
      await signInWithForm(page, portal.url, 'ana@example.org', PASSWORD, '/problems/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Post a problem' }).count()).resolves.toBe(1);
      await check(page);

      // A refused form keeps what was typed and says what to fix.
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('What happens').fill('Too short');
      await page.getByLabel('Category').selectOption('safety');
      await page.getByLabel('At a point (latitude and longitude)').check();
      await page.getByLabel('Latitude', { exact: true }).fill('40.7306');
      await page.getByLabel('Longitude', { exact: true }).fill('-73.9866');
      await page.getByRole('button', { name: 'Post the problem' }).click();
      await expect(page.getByText('Say what happens, in at least 10 characters.').count()).resolves.toBe(1);
      await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(title);
      await check(page);
      await page.getByLabel('What happens').fill('The walk signal at 14th and 1st has been dark for a week.');
      await Promise.all([page.waitForURL(/\/problems\/[^/]+\?posted=1$/), page.getByRole('button', { name: 'Post the problem' }).click()]);
      const address = page.url().replace(/\?.*$/, '');
      await expect(page.getByRole('heading', { level: 1, name: title }).count()).resolves.toBe(1);
      await check(page);

      const neighbour = await b.page({ ...PHONE, javaScriptEnabled });
      await signInWithForm(neighbour, portal.url, 'ben@example.org', PASSWORD, address.replace(portal.url, ''));
      await Promise.all([neighbour.waitForURL(`${address}?voted=1`), neighbour.getByRole('button', { name: 'Me too' }).click()]);
      await expect(neighbour.getByText('1 person has this problem too.').count()).resolves.toBe(1);
      await neighbour.getByLabel('Add a comment').fill('The one at 2nd Avenue is dark too.');
      await Promise.all([neighbour.waitForURL(`${address}?commented=1#comments`), neighbour.getByRole('button', { name: 'Post the comment' }).click()]);
      await expect(neighbour.getByText('The one at 2nd Avenue is dark too.').count()).resolves.toBe(1);
      await check(neighbour);

      const moderator = await b.page({ ...PHONE, javaScriptEnabled });
      const path = address.replace(portal.url, '');
      await signInWithForm(moderator, portal.url, 'mod@example.org', PASSWORD, path);
      // The language switch, as a Spanish-speaking moderator would use it: the choice is remembered across the form's answer.
      await Promise.all([moderator.waitForURL(address), moderator.goto(`${portal.url}/language/es?back=${encodeURIComponent(path)}`)]);
      await moderator.getByLabel('Pasarlo a').selectOption('declined');
      await moderator.getByLabel('Motivo').fill('El semáforo es del estado; ya está avisado.');
      await Promise.all([moderator.waitForURL(`${address}?moved=1`), moderator.getByRole('button', { name: 'Cambiar el estado' }).click()]);
      await expect(moderator.getByText('Rechazado: El semáforo es del estado; ya está avisado.').count()).resolves.toBe(1);
      await check(moderator);
      await moderator.goto(`${portal.url}/problems?lang=es&status=declined`);
      await expect(moderator.getByRole('link', { name: title }).count()).resolves.toBe(1);
      await check(moderator);
    });
  }
});
