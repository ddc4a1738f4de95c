import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';
import { fixture } from '../support/plaza.ts';

/**
 * Showcases in a browser, on a phone: a technologist submits one with an
 * image (a refused form first, nothing lost); a moderator approves it; it
 * appears in the gallery and on the page of the dataset it uses. The
 * gallery, the submit form and the showcase page pass axe-core and fit
 * 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser showcases 2030';

describeBrowser('showcases in a browser', (b) => {
  let portal: Portal;
  let slug: string;

  beforeAll(async () => {
    portal = await startPortal();
    slug = (await portal.t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts 2012' })).slug;
    for (const name of ['tess', 'mod']) await markEmailConfirmed(portal.t, await register(portal.t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const mod = await portal.t.deps.catalog.accounts.findUserByEmail('mod@example.org');
    await portal.t.deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('a technologist submits a showcase with an image, a moderator approves it, and it shows on the dataset page', async () => {
    const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
      await expectNoAxeViolations(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    };
    const page = await b.page(PHONE);
    await signInWithForm(page, portal.url, 'tess@example.org', PASSWORD, '/showcases/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Share what you built' }).count()).resolves.toBe(1);
    await check(page);

    await page.getByLabel('Title', { exact: true }).fill('Bike lanes that count');
    await page.getByLabel('What kind of thing is it?').selectOption('visualization');
    await page.getByLabel('Description', { exact: true }).fill('Small multiples of the daily bike counts on each counter.');
    await page.getByLabel('Link', { exact: true }).fill('ftp://example.org/bikes');
    await page.getByLabel('Who made it').fill('Tess');
    await page.getByLabel('Bike counts 2012').check();
    await page.getByLabel('What the image shows').fill('Lines of daily counts');
    const picture = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#1b6' } }).jpeg().toBuffer();
    await page.getByLabel('Image (optional)').setInputFiles({ name: 'bikes.jpg', mimeType: 'image/jpeg', buffer: picture });
    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect(page.getByText('The link must be an http:// or https:// address.').count()).resolves.toBe(1);
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Bike lanes that count');
    await expect(page.getByLabel('Bike counts 2012').isChecked()).resolves.toBe(true);
    await check(page);
    await page.getByLabel('Link', { exact: true }).fill('https://example.org/bikes');
    await page.getByLabel('Image (optional)').setInputFiles({ name: 'bikes.jpg', mimeType: 'image/jpeg', buffer: picture });
    await Promise.all([page.waitForURL(/\/showcases\/[^/]+\?submitted=1$/), page.getByRole('button', { name: 'Send for review' }).click()]);
    const address = page.url().replace(/\?.*$/, '');
    const path = address.replace(portal.url, '');
    await expect(page.getByText('Only you and the moderators can see it.').count()).resolves.toBe(1);
    await expect(page.locator('picture img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(0);
    await check(page);

    const moderator = await b.page(PHONE);
    await signInWithForm(moderator, portal.url, 'mod@example.org', PASSWORD, '/showcases/review');
    await expect(moderator.getByRole('link', { name: 'Bike lanes that count' }).count()).resolves.toBe(1);
    await check(moderator);
    await Promise.all([moderator.waitForURL(`${address}`), moderator.getByRole('link', { name: 'Bike lanes that count' }).click()]);
    await check(moderator);
    await Promise.all([moderator.waitForURL(`${address}?approved=1`), moderator.getByRole('button', { name: 'Approve and show' }).click()]);

    const visitor = await b.page(PHONE);
    await visitor.goto(`${portal.url}/datasets/${slug}`);
    const built = visitor.getByRole('region', { name: 'Built with this data' });
    await expect(built.getByRole('link', { name: 'Bike lanes that count' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${portal.url}/showcases`);
    await expect(visitor.getByRole('link', { name: 'Bike lanes that count' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${portal.url}/showcases?lang=es&kind=visualization`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Hecho con los datos' }).count()).resolves.toBe(1);
    await check(visitor);
    await visitor.goto(`${portal.url}${path}?lang=es`);
    await expect(visitor.getByText('Hecho por Tess').count()).resolves.toBe(1);
    await check(visitor);
    await page.goto(`${portal.url}/showcases/new?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Comparta lo que hizo' }).count()).resolves.toBe(1);
    await check(page);
  });
});
