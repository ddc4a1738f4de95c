import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth } from '../support/browser.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';

/**
 * A resident's whole journey through the problem inventory, in a browser on a
 * phone, once in English and once in Spanish: she signs up, opens the
 * confirmation link that a real SMTP server on loopback received, and posts a
 * problem by clicking the city's map; a neighbour finds it with the search
 * box, says "me too" and follows it; a triager moves it to "scoped" and links
 * a dataset, and the neighbour's email digest tells of both. The sign-up,
 * confirmation, new-problem and problem pages pass axe-core and fit 390 px.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'community journey 2030';

type Lang = 'en' | 'es';

/** What each step reads and clicks, in the reader's language. */
const WORDS = {
  en: {
    locale: 'en-US',
    signUp: 'Sign up',
    name: 'Your name',
    email: 'Email address',
    password: 'Password',
    create: 'Create my account',
    checkInbox: 'Check your inbox',
    confirmed: 'Your email address is confirmed',
    toProblems: 'Go to the problems',
    problemsTitle: 'Problems in the city',
    post: 'Post a problem',
    title: 'Title',
    whatHappens: 'What happens',
    category: 'Category',
    latitude: 'Latitude',
    longitude: 'Longitude',
    atPoint: 'At a point (latitude and longitude)',
    picked: (lat: string, lon: string) => `Point picked: ${lat}, ${lon}.`,
    submit: 'Post the problem',
    postedNotice: 'Your problem is posted. Share its page so others can say "me too".',
    at: (lat: string, lon: string) => `At ${lat}, ${lon}`,
    signIn: 'Sign in',
    search: 'Search problems',
    searchButton: 'Search',
    matches: (q: string) => `1 problem matches “${q}”`,
    meToo: 'Me too',
    oneVote: '1 person has this problem too.',
    follow: 'Follow',
    following: 'You follow it.',
    moveTo: 'Move it to',
    move: 'Change the status',
    moved: 'The status is changed.',
    scoped: 'Scoped',
    toScoped: 'from Under review to Scoped.',
    linkLabel: 'Link a dataset that bears on this problem',
    link: 'Link the dataset',
    linked: 'The dataset is linked.',
    problem: {
      title: 'Dark stairs at the Fulton Street subway exit',
      description: 'The stair lights at the subway exit have been out for a month; people trip at night.',
      query: 'stairs',
    },
  },
  es: {
    locale: 'es-ES',
    signUp: 'Crear una cuenta',
    name: 'Su nombre',
    email: 'Correo electrónico',
    password: 'Contraseña',
    create: 'Crear mi cuenta',
    checkInbox: 'Revise su correo',
    confirmed: 'Su dirección de correo está confirmada',
    toProblems: 'Ir a los problemas',
    problemsTitle: 'Problemas de la ciudad',
    post: 'Publicar un problema',
    title: 'Título',
    whatHappens: 'Qué pasa',
    category: 'Categoría',
    latitude: 'Latitud',
    longitude: 'Longitud',
    atPoint: 'En un punto (latitud y longitud)',
    picked: (lat: string, lon: string) => `Punto elegido: ${lat}, ${lon}.`,
    submit: 'Publicar el problema',
    postedNotice: 'Su problema está publicado. Comparta su página para que otros digan "a mí también".',
    at: (lat: string, lon: string) => `En ${lat}, ${lon}`,
    signIn: 'Iniciar sesión',
    search: 'Buscar problemas',
    searchButton: 'Buscar',
    matches: (q: string) => `1 problema coincide con «${q}»`,
    meToo: 'A mí también',
    oneVote: '1 persona también tiene este problema.',
    follow: 'Seguir',
    following: 'Lo sigue.',
    moveTo: 'Pasarlo a',
    move: 'Cambiar el estado',
    moved: 'El estado está cambiado.',
    scoped: 'Definido',
    toScoped: 'de En revisión a Definido.',
    linkLabel: 'Vincular un conjunto de datos relacionado con este problema',
    link: 'Vincular el conjunto de datos',
    linked: 'El conjunto de datos está vinculado.',
    problem: {
      title: 'Escaleras sin luz en la salida del metro',
      description: 'Las luces de la escalera de la salida del metro llevan un mes apagadas; de noche la gente tropieza.',
      query: 'escaleras',
    },
  },
} as const;

describeBrowser('the community journey in a browser', (b) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let url: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestPlaza({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <noreply@data.example.gov>') });
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Emailed links lead to this portal, and digests go out as soon as there is something to tell.
    t.deps.site.baseUrl = url;
    t.deps.site.digestHours = 1 / 3_600_000;
    await t.load(fixture('geo/nyc_modzcta_2010.geojson'), { title: 'ZIP code areas', slug: 'zip-areas' });
    await updateSite(t.deps, t.admin, { map_context: 'zip-areas' });
    await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bicycle counts', slug: 'bicycle-counts' });
    const triager = await register(t.deps, { email: 'triager@example.org', name: 'Tess Triager', password: PASSWORD });
    await markEmailConfirmed(t, triager);
    await t.deps.catalog.accounts.updateUser(triager.id, { isModerator: true });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
    await smtp?.close();
  });

  const check = async (page: Page, lang: Lang) => {
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  /** The mails received so far for an address whose text contains every one of `parts`, waiting (and flushing the outbox) up to 15 s. */
  async function mailsTo(address: string, parts: string[]): Promise<ReceivedMail[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await t.plaza.notifier.flush();
      const mine = smtp.messages.filter((m) => m.to.includes(address));
      const text = mine.map((m) => m.text).join('\n');
      if (parts.every((p) => text.includes(p))) return mine;
      if (Date.now() > deadline) throw new Error(`No mail to ${address} says ${JSON.stringify(parts)}; it got: ${JSON.stringify(mine.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  for (const lang of ['en', 'es'] as const) {
    it(`a resident signs up, confirms and posts on the map; a neighbour finds, votes and follows; a triager scopes and links; the follower is emailed (${lang})`, async () => {
      const w = WORDS[lang];
      const ctx = { ...PHONE, locale: w.locale };
      const residentEmail = `rosa-${lang}@example.org`;
      const neighbourEmail = `ben-${lang}@example.org`;

      // Sign-up, through the page.
      const resident = await b.page(ctx);
      await resident.goto(`${url}/sign-up`);
      await expect(resident.getByRole('heading', { level: 1, name: w.signUp }).count()).resolves.toBe(1);
      await check(resident, lang);
      await resident.getByLabel(w.name).fill('Rosa');
      await resident.getByLabel(w.email).fill(residentEmail);
      await resident.getByLabel(w.password, { exact: true }).fill(PASSWORD);
      await Promise.all([resident.waitForURL(`${url}/verify-email/sent`), resident.getByRole('button', { name: w.create }).click()]);
      await expect(resident.getByRole('heading', { level: 1, name: w.checkInbox }).count()).resolves.toBe(1);
      await expect(resident.getByText(residentEmail, { exact: false }).count()).resolves.toBe(1);
      await check(resident, lang);
      expect((await t.deps.catalog.accounts.findUserByEmail(residentEmail))!.emailVerifiedAt).toBeNull();

      // The confirmation link, as the mail server received it, opened in the same browser.
      const [confirmation] = await mailsTo(residentEmail, ['/verify-email?token=']);
      expect(confirmation!.subject).toBe(`Confirm your email address for ${t.deps.site.name}`);
      const link = /(http:\/\/\S+\/verify-email\?token=\S+)/.exec(confirmation!.text)![1]!;
      expect(link.startsWith(`${url}/verify-email?token=`)).toBe(true);
      await resident.goto(link);
      await expect(resident.getByRole('heading', { level: 1, name: w.confirmed }).count()).resolves.toBe(1);
      await check(resident, lang);
      expect((await t.deps.catalog.accounts.findUserByEmail(residentEmail))!.emailVerifiedAt).not.toBeNull();

      // A problem posted with a click on the city's map.
      await Promise.all([resident.waitForURL(`${url}/problems`), resident.getByRole('link', { name: w.toProblems }).click()]);
      await expect(resident.getByRole('heading', { level: 1, name: w.problemsTitle }).count()).resolves.toBe(1);
      await Promise.all([resident.waitForURL(`${url}/problems/new`), resident.getByRole('link', { name: w.post, exact: true }).first().click()]);
      await check(resident, lang);
      await resident.getByLabel(w.title, { exact: true }).fill(w.problem.title);
      await resident.getByLabel(w.whatHappens).fill(w.problem.description);
      await resident.getByLabel(w.category).selectOption('safety');
      const map = resident.locator('.pick-map svg.map');
      const box = (await map.boundingBox())!;
      await map.click({ position: { x: box.width * 0.55, y: box.height * 0.45 } });
      const lat = await resident.getByLabel(w.latitude, { exact: true }).inputValue();
      const lon = await resident.getByLabel(w.longitude, { exact: true }).inputValue();
      const [, viewLat, viewLon] = (await map.getAttribute('data-view'))!.split('/').map(Number);
      expect(Math.abs(Number(lat) - viewLat!)).toBeLessThan(0.2);
      expect(Math.abs(Number(lon) - viewLon!)).toBeLessThan(0.2);
      await expect(resident.getByLabel(w.atPoint).isChecked()).resolves.toBe(true);
      await expect(resident.getByText(w.picked(lat, lon)).count()).resolves.toBe(1);
      await Promise.all([resident.waitForURL(/\/problems\/[^/?]+\?posted=1$/), resident.getByRole('button', { name: w.submit }).click()]);
      const address = resident.url().replace(/\?.*$/, '');
      const path = address.replace(url, '');
      const id = path.split('/').pop()!;
      await expect(resident.getByRole('heading', { level: 1, name: w.problem.title }).count()).resolves.toBe(1);
      await expect(resident.getByText(w.postedNotice).count()).resolves.toBe(1);
      await expect(resident.getByText(w.at(Number(lat).toFixed(5), Number(lon).toFixed(5))).count()).resolves.toBeGreaterThan(0);
      await expect(resident.locator('figure.problem-map svg.map circle.f').count()).resolves.toBe(1);
      await check(resident, lang);

      // A neighbour finds it with the search box, says "me too" and follows it.
      await markEmailConfirmed(t, await register(t.deps, { email: neighbourEmail, name: 'Ben', password: PASSWORD }));
      const neighbour = await b.page(ctx);
      await signIn(neighbour, url, w, neighbourEmail, '/problems');
      await neighbour.getByLabel(w.search).fill(w.problem.query);
      await Promise.all([neighbour.waitForURL(new RegExp(`/problems\\?q=${w.problem.query}`)), neighbour.getByRole('button', { name: w.searchButton, exact: true }).click()]);
      await expect(neighbour.getByText(w.matches(w.problem.query)).count()).resolves.toBe(1);
      await Promise.all([neighbour.waitForURL(address), neighbour.getByRole('link', { name: w.problem.title }).click()]);
      await Promise.all([neighbour.waitForURL(`${address}?voted=1`), neighbour.getByRole('button', { name: w.meToo }).click()]);
      await expect(neighbour.getByText(w.oneVote).count()).resolves.toBe(1);
      await Promise.all([neighbour.waitForURL(`${address}?followed=1#follow`), neighbour.getByRole('button', { name: w.follow, exact: true }).click()]);
      await expect(neighbour.getByText(w.following).count()).resolves.toBe(1);

      // A triager moves it through review to "scoped" and links a dataset.
      const triager = await b.page(ctx);
      await signIn(triager, url, w, 'triager@example.org', path);
      for (const status of ['under_review', 'scoped']) {
        await triager.getByLabel(w.moveTo).selectOption(status);
        await Promise.all([triager.waitForURL(`${address}?moved=1`), triager.getByRole('button', { name: w.move }).click()]);
        await expect(triager.getByText(w.moved).count()).resolves.toBe(1);
      }
      await expect(triager.locator('.usa-tag').first().innerText()).resolves.toBe(w.scoped);
      await expect(triager.locator('ol.history li').last().innerText()).resolves.toContain(w.toScoped);
      await triager.getByLabel(w.linkLabel).selectOption('bicycle-counts');
      await Promise.all([triager.waitForURL(`${address}?linked=1#linked`), triager.getByRole('button', { name: w.link }).click()]);
      await expect(triager.getByText(w.linked).count()).resolves.toBe(1);
      await expect(triager.getByRole('link', { name: 'Bicycle counts' }).first().getAttribute('href')).resolves.toBe('/datasets/bicycle-counts');
      await check(triager, lang);

      // The follower sees the change on the page, and the digest tells of both, with the problem's address.
      await neighbour.reload();
      await expect(neighbour.locator('.usa-tag').first().innerText()).resolves.toBe(w.scoped);
      await expect(neighbour.getByRole('link', { name: 'Bicycle counts' }).first().getAttribute('href')).resolves.toBe('/datasets/bicycle-counts');
      const title = w.problem.title;
      const mails = await mailsTo(neighbourEmail, [
        `moved the problem “${title}” from under_review to scoped`,
        `linked the dataset “Bicycle counts” to the problem “${title}”`,
        `${url}/problems/${id}`,
      ]);
      expect(mails.every((m) => m.from === 'noreply@data.example.gov')).toBe(true);
      // The other run's problem is not in this follower's mail.
      expect(mails.map((m) => m.text).join('\n')).not.toContain(WORDS[lang === 'en' ? 'es' : 'en'].problem.title);
    }, 120_000);
  }
});

/** Signs in through the sign-in form in the page's language and waits for the page it was sent to (`next`, a path). */
async function signIn(page: Page, base: string, w: (typeof WORDS)[Lang], email: string, next: string): Promise<void> {
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL(`${base}${next}`), page.getByRole('button', { name: w.signIn, exact: true }).click()]);
}
