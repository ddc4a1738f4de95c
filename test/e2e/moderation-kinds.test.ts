import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm } from '../support/browser.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Reporting a dataset request, a comment on it and a showcase in a browser,
 * on a phone; a moderator hides the comment from the request page. The
 * request and showcase pages, with their report and hide forms open, pass
 * axe-core and fit 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser moderation 2030';

describeBrowser('reporting requests and showcases in a browser', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let url: string;
  let requestPath: string;
  let showcasePath: string;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { slug } = await t.load('test/fixtures/tabular/montreal_bike_counts_2012.csv', { title: 'Bicycle counts', slug: 'bicycle-counts' });
    for (const name of ['ana', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const mod = (await t.deps.catalog.accounts.findUserByEmail('mod@example.org'))!;
    await t.deps.catalog.accounts.updateUser(mod.id, { isModerator: true });
    const r = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${t.token}` }, payload: { title: 'Street tree inventory', description: 'To see where shade is missing on the walk to school.' } });
    requestPath = `/requests/${r.json().id}`;
    await app.inject({ method: 'POST', url: `/api/v1${requestPath}/comments`, headers: { authorization: `Bearer ${t.token}` }, payload: { body: 'Buy cheap watches at example.com' } });
    const s = await submitShowcase(t.deps, t.admin, { title: 'Counter map for cyclists', kind: 'app', description: 'Finds the nearest bike counter and its daily counts.', link: 'https://example.org/bikes', madeBy: 'A group', datasets: [slug] });
    await approveShowcase(t.deps, t.admin, s.id);
    showcasePath = `/showcases/${s.id}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('a resident reports a comment and a showcase; a moderator hides the comment with a reason; the pages pass axe and fit a phone', async () => {
    const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
      await expectNoAxeViolations(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    };
    const resident = await b.page(PHONE);
    await signInWithForm(resident, url, 'ana@example.org', PASSWORD, requestPath);
    const comment = resident.getByRole('listitem').filter({ hasText: 'Buy cheap watches' });
    await comment.getByText('Report this comment').click();
    await comment.locator('label', { hasText: 'Spam or an advert' }).click();
    expect(await comment.getByLabel('Spam or an advert').isChecked()).toBe(true);
    await check(resident);
    await Promise.all([resident.waitForURL(/\?reported=1#comment-/), comment.getByRole('button', { name: 'Send the report' }).click()]);
    await expect(resident.getByText('Thank you: the moderators will look at your report.').count()).resolves.toBe(1);
    await resident.goto(`${url}${requestPath}?lang=es`);
    await resident.getByText('Denunciar esta solicitud a los moderadores').click();
    await check(resident);

    await resident.goto(`${url}${showcasePath}`);
    await resident.getByText('Report this showcase to the moderators').click();
    await check(resident);
    await resident.locator('label', { hasText: 'Off topic' }).click();
    expect(await resident.getByLabel('Off topic').isChecked()).toBe(true);
    await Promise.all([resident.waitForURL(/\?reported=1$/), resident.getByRole('button', { name: 'Send the report' }).click()]);
    await resident.goto(`${url}${showcasePath}?lang=es`);
    await check(resident);

    const moderator = await b.page(PHONE);
    await signInWithForm(moderator, url, 'mod@example.org', PASSWORD, requestPath);
    await check(moderator);
    await moderator.getByRole('listitem').filter({ hasText: 'Buy cheap watches' }).getByLabel('Why hide it? The author is told.').fill('An advert.');
    await Promise.all([moderator.waitForURL(/\?comment_hidden=1/), moderator.getByRole('listitem').filter({ hasText: 'Buy cheap watches' }).getByRole('button', { name: 'Hide' }).click()]);
    await check(moderator);
    await moderator.goto(`${url}${requestPath}?lang=es`);
    await check(moderator);
    await resident.goto(`${url}${requestPath}`);
    await expect(resident.getByText('Buy cheap watches at example.com').count()).resolves.toBe(0);
  });
});
