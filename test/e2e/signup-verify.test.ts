import { afterAll, beforeAll, expect, it } from 'vitest';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, startPortal, type Portal } from '../support/browser.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Signing up in a browser, on a phone, in English and Spanish: a refused
 * form first (nothing lost but the password), then the account; the email
 * arrives at a real SMTP server on loopback; its link confirms the address;
 * the resident, refused a problem before, now posts one. The sign-up and
 * link pages pass axe-core and fit 390 px.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'a long enough password';

const WORDS = {
  en: {
    name: 'Your name', email: 'Email address', password: 'Password', create: 'Create my account', fix: 'Please correct the field marked below.', short: 'The password must be at least 10 characters long.',
    inbox: 'Check your inbox', confirmed: 'Your email address is confirmed', broken: 'This confirmation link does not work', notice: 'Confirm your email address to post, vote or comment.',
    postTitle: 'Post a problem', title: 'Title', happens: 'What happens', category: 'Category', submit: 'Post the problem',
  },
  es: {
    name: 'Su nombre', email: 'Correo electrónico', password: 'Contraseña', create: 'Crear mi cuenta', fix: 'Corrija el campo marcado abajo.', short: 'La contraseña debe tener al menos 10 caracteres.',
    inbox: 'Revise su correo', confirmed: 'Su dirección de correo está confirmada', broken: 'Este enlace de confirmación no funciona', notice: 'Confirme su dirección de correo para publicar, votar o comentar.',
    postTitle: 'Publicar un problema', title: 'Título', happens: 'Qué pasa', category: 'Categoría', submit: 'Publicar el problema',
  },
} as const;

describeBrowser('signing up and confirming the email address in a browser', (b) => {
  let portal: Portal;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    portal = await startPortal({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <no-reply@plaza.test>') });
  });
  afterAll(async () => {
    await portal?.close();
    await smtp?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`a resident signs up, confirms the address from the email, and posts a problem (${lang})`, async () => {
      const w = WORDS[lang];
      const email = `resident-${lang}@example.org`;
      const page = await b.page(PHONE);
      const check = async () => {
        await expectNoAxeViolations(page);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      };
      await page.goto(`${portal.url}/language/${lang}?back=${encodeURIComponent('/sign-in')}`);
      await Promise.all([page.waitForURL(`${portal.url}/sign-up`), page.locator('main').getByRole('link', { name: lang === 'en' ? 'Sign up' : 'Crear una cuenta' }).click()]);
      await check();

      // A refused form keeps the name and the address, says what to fix, and makes no account.
      await page.getByLabel(w.name).fill('Rosa Díaz');
      await page.getByLabel(w.email, { exact: true }).fill(email);
      await page.getByLabel(w.password, { exact: true }).fill('short');
      await page.getByRole('button', { name: w.create }).click();
      await expect(page.getByText(w.fix).count()).resolves.toBe(1);
      await expect(page.getByText(w.short).count()).resolves.toBe(1);
      await expect(page.getByLabel(w.name).inputValue()).resolves.toBe('Rosa Díaz');
      await expect(page.getByLabel(w.password, { exact: true }).inputValue()).resolves.toBe('');
      expect(await portal.t.deps.catalog.accounts.findUserByEmail(email)).toBeUndefined();
      await check();

      await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
      await Promise.all([page.waitForURL(`${portal.url}/verify-email/sent`), page.getByRole('button', { name: w.create }).click()]);
      await expect(page.getByRole('heading', { level: 1, name: w.inbox }).count()).resolves.toBe(1);
      await check();

      // Before confirming, the post form is not offered.
      await page.goto(`${portal.url}/problems/new`);
      await expect(page.getByText(w.notice).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: w.submit }).count()).resolves.toBe(0);
      await check();

      // A forged link is explained.
      await page.goto(`${portal.url}/verify-email?token=forged-link`);
      await expect(page.getByRole('heading', { level: 1, name: w.broken }).count()).resolves.toBe(1);
      await check();

      let mail;
      for (let n = 1; !mail; n++) mail = (await smtp.waitFor(n, 10_000)).find((m) => m.to.includes(email));
      const link = new URL(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(mail.text)![0]);
      // The email names the site's own address; the test's portal listens elsewhere on loopback.
      await page.goto(`${portal.url}${link.pathname}${link.search}`);
      await expect(page.getByRole('heading', { level: 1, name: w.confirmed }).count()).resolves.toBe(1);
      await check();

      const title = `Broken bench in the park (${lang})`;
      await page.goto(`${portal.url}/problems/new`);
      await expect(page.getByRole('heading', { level: 1, name: w.postTitle }).count()).resolves.toBe(1);
      await page.getByLabel(w.title, { exact: true }).fill(title);
      await page.getByLabel(w.happens).fill('The bench by the playground has a broken slat with sharp edges.');
      await page.getByLabel(w.category).selectOption('safety');
      await Promise.all([page.waitForURL(/\/problems\/[^/]+\?posted=1$/), page.getByRole('button', { name: w.submit }).click()]);
      await expect(page.getByRole('heading', { level: 1, name: title }).count()).resolves.toBe(1);
    });
  }
});
