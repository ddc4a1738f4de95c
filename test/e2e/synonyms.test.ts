import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * A site administrator edits the search synonyms in a real browser: in
 * English, a refused line first, then a group the catalog search uses at
 * once; in Spanish on a 390 px phone, a refused line (passing axe-core and
 * fitting the width), then, without JavaScript, the suggested synonyms back.
 */

const PASSWORD = 'synonyms in a browser 2030';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('search synonyms in a browser', (b) => {
  let portal: Portal;
  let admin: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
    admin = await makePerson(t, { name: 'Ada Admin', siteAdmin: true });
    await t.deps.catalog.accounts.updateUser(admin.user.id, { passwordHash: await hashPassword(PASSWORD) });
  });
  afterAll(async () => {
    await portal?.close();
  });

  async function signIn(page: Page, next: string, labels = { email: 'Email address', password: 'Password', button: 'Sign in' }): Promise<void> {
    await page.goto(`${portal.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel(labels.email).fill(admin.user.email);
    await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD);
    await Promise.all([page.waitForURL(`${portal.url}${next}`), page.getByRole('button', { name: labels.button }).click()]);
  }

  const fitsWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  it('in English: from the settings page, a refused line, then a group the search uses at once', async () => {
    const page = await b.page();
    await signIn(page, '/admin/settings');
    await Promise.all([page.waitForURL(`${portal.url}/admin/synonyms`), page.getByRole('link', { name: 'Search synonyms' }).click()]);
    await expectNoAxeViolations(page);
    await expect(page.getByLabel('Synonym groups').inputValue()).resolves.toContain('bike, bicycle, cycling, bicicleta, bici, ciclismo');

    await page.getByLabel('Synonym groups').fill('census, headcount\nlonely');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save synonyms' }).click()]);
    await expect(page.getByText('Line 2: A group of synonyms needs at least two words.').count()).resolves.toBe(1);
    await expect(page.getByLabel('Synonym groups').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoAxeViolations(page);

    await page.getByLabel('Synonym groups').fill('census, headcount');
    await Promise.all([page.waitForURL(`${portal.url}/admin/synonyms?saved=saved`), page.getByRole('button', { name: 'Save synonyms' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Synonyms saved.');
    await page.goto(`${portal.url}/datasets?q=headcount`);
    await expect(page.getByRole('link', { name: 'Daily shelter census' }).count()).resolves.toBe(1);
  });

  const SPANISH = { email: 'Correo electrónico', password: 'Contraseña', button: 'Iniciar sesión' };

  it('in Spanish on a 390 px phone: passes axe-core and fits the width', async () => {
    const page = await b.page({ ...PHONE, extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } });
    await signIn(page, '/admin/synonyms', SPANISH);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sinónimos de búsqueda');
    await expectNoAxeViolations(page);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    await page.getByLabel('Grupos de sinónimos').fill('uno');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Guardar sinónimos' }).click()]);
    await expect(page.getByText('Línea 1: Un grupo de sinónimos necesita al menos dos palabras.').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
  });

  it('in Spanish without JavaScript: goes back to the suggested synonyms', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false, extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } });
    await signIn(page, '/admin/synonyms', SPANISH);
    await Promise.all([page.waitForURL(`${portal.url}/admin/synonyms?saved=restored`), page.getByRole('button', { name: 'Volver a los sinónimos sugeridos' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Volvieron los sinónimos sugeridos.');
    await expect(page.getByLabel('Grupos de sinónimos').inputValue()).resolves.toContain('bike, bicycle, cycling, bicicleta, bici, ciclismo');
    await page.goto(`${portal.url}/datasets?q=headcount`);
    await expect(page.getByRole('link', { name: 'Daily shelter census' }).count()).resolves.toBe(0);
  });
});
