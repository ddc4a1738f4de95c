import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm } from '../support/browser.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Dataset requests in a browser, on a phone: a resident asks for data (a
 * refused form first, nothing lost) and follows the request; a publisher
 * marks a dataset as fulfilling it from the dataset's describe page; the
 * follower receives the email with the dataset's link over real SMTP. The
 * list, new and request pages pass axe-core and fit 390 px, in English and
 * Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser requests 2030';

describeBrowser('dataset requests in a browser', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let url: string;
  let slug: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestPlaza({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <noreply@data.example.gov>') });
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    ({ slug } = await t.load('test/fixtures/tabular/montreal_bike_counts_2012.csv', { title: 'Bicycle counts', slug: 'bicycle-counts' }));
    const dataset = (await t.deps.catalog.datasets.getDataset(slug))!;
    for (const name of ['ana', 'pat']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const pat = (await t.deps.catalog.accounts.findUserByEmail('pat@example.org'))!;
    await t.deps.catalog.accounts.putMembership({ organizationId: dataset.organizationId, userId: pat.id, role: 'editor', createdAt: new Date().toISOString() });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
    await smtp?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`a resident asks for data and follows it; a publisher fulfils it from the describe page; the follower gets the link by email (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
        // axe-core and the width check run scripts in the page, so they run with JavaScript on.
        if (!javaScriptEnabled) return;
        await expectNoAxeViolations(page);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      };
      const title = `Bicycle counts at every counter, by hour (${javaScriptEnabled ? 'on' : 'off'})`;
      const mailsBefore = smtp.messages.length;
      const resident = await b.page({ ...PHONE, javaScriptEnabled });
      await resident.goto(`${url}/requests`);
      await check(resident);
      await signInWithForm(resident, url, 'ana@example.org', PASSWORD, '/requests/new');
      await check(resident);

      // A refused form keeps what was typed and says what to fix.
      await resident.getByLabel('What data do you ask for?').fill(title);
      await resident.getByLabel('Why do you need it?').fill('Too short');
      await resident.getByRole('button', { name: 'Send the request' }).click();
      await expect(resident.getByText('Say why you need it, in at least 10 characters.').count()).resolves.toBe(1);
      await expect(resident.getByLabel('What data do you ask for?').inputValue()).resolves.toBe(title);
      await check(resident);
      await resident.getByLabel('Why do you need it?').fill('To see which streets cyclists use at rush hour before new lanes are planned.');
      await resident.getByLabel('Which organization probably holds it?').selectOption('test-department');
      await Promise.all([resident.waitForURL(/\/requests\/[^/]+\?posted=1$/), resident.getByRole('button', { name: 'Send the request' }).click()]);
      const address = resident.url().replace(/\?.*$/, '');
      const id = address.split('/').pop()!;
      await expect(resident.getByRole('heading', { level: 1, name: title }).count()).resolves.toBe(1);
      await check(resident);
      await Promise.all([resident.waitForURL(`${address}?followed=1#follow`), resident.getByRole('button', { name: 'Follow', exact: true }).click()]);
      await expect(resident.getByText('You follow it.').count()).resolves.toBe(1);

      // In Spanish, the same three pages.
      for (const path of ['/requests', '/requests/new', address.replace(url, '')]) {
        await resident.goto(`${url}${path}${path.includes('?') ? '&' : '?'}lang=es`);
        await expect(resident.locator('html').getAttribute('lang')).resolves.toBe('es');
        await check(resident);
      }

      const publisher = await b.page({ ...PHONE, javaScriptEnabled });
      await signInWithForm(publisher, url, 'pat@example.org', PASSWORD, `/publish/${slug}/describe`);
      await check(publisher);
      // The request page as its organization's editor sees it: the answer and fulfil forms too.
      await publisher.goto(address);
      await expect(publisher.getByRole('heading', { name: 'Answer the request' }).count()).resolves.toBe(1);
      await check(publisher);
      await publisher.goto(`${url}/publish/${slug}/describe`);
      await publisher.getByLabel('Request', { exact: true }).selectOption(id);
      await Promise.all([publisher.waitForURL(`${url}/publish/${slug}/describe?fulfils=1`), publisher.getByRole('button', { name: 'Mark as fulfilling the request' }).click()]);
      await expect(publisher.getByRole('link', { name: title }).count()).resolves.toBe(1);

      await resident.goto(address);
      await expect(resident.getByRole('link', { name: 'Bicycle counts' }).first().getAttribute('href')).resolves.toBe(`/datasets/${slug}`);
      await t.plaza.notifier.flush();
      const mails = await smtp.waitFor(mailsBefore + 1, 10_000);
      const mail = mails.slice(mailsBefore).find((m) => m.to.includes('ana@example.org') && m.text.includes(title));
      expect(mail, 'the follower is emailed').toBeDefined();
      expect(mail!.text).toContain(`${t.deps.site.baseUrl}/datasets/${slug}`);

      await resident.goto(`${url}/datasets/${slug}`);
      await expect(resident.getByRole('heading', { name: 'Requests this dataset fulfilled' }).count()).resolves.toBe(1);
      await expect(resident.getByRole('link', { name: title }).count()).resolves.toBe(1);
    });
  }
});
