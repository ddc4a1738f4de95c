import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_HOURS } from '../../src/actions/accounts/email-verification.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The sign-up page, the emailed link's page, and what an unconfirmed account sees where it would post, vote or comment. */

let t: TestPlaza;
let app: FastifyInstance;
let ip = 0;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const hiddenCsrf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const cookieOf = (res: LightMyRequestResponse, name: string): string | undefined => {
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${name}=`));
  return set?.split(';')[0];
};

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

/** Opens the sign-up form and posts it; returns the answer and the form's cookie. */
async function signUp(fields: Record<string, string>, lang = 'en') {
  const open = await app.inject({ url: `/sign-up?lang=${lang}` });
  const cookie = cookieOf(open, 'plaza_csrf')!;
  const res = await app.inject({ method: 'POST', url: `/sign-up?lang=${lang}`, remoteAddress: `10.9.0.${++ip}`, headers: { ...FORM, cookie, 'accept-language': lang }, payload: form({ _csrf: hiddenCsrf(open.body), ...fields }) });
  return { open, res, cookie };
}

/** The token of the newest confirmation link queued for an address. */
async function linkTokenFor(email: string): Promise<string> {
  const mail = (await t.deps.catalog.activity.dueMail('9999-12-31T23:59:59.999Z', 1000)).filter((m) => m.to === email && m.subject.startsWith('Confirm your email')).at(-1);
  return /verify-email\?token=([A-Za-z0-9_%-]+)/.exec(mail!.text)![1]!;
}

describe('the sign-up page', () => {
  it('shows a labelled form, linked from the sign-in page and the header', async () => {
    const { open } = await signUp({ name: '', email: '', password: '' });
    expect(open.statusCode).toBe(200);
    for (const label of ['<label for="field-name">Your name</label>', '<label for="field-email">Email address</label>', '<label for="field-password">Password</label>']) expect(open.body).toContain(label);
    expect(open.body).toMatch(/id="field-name"[^>]*maxlength="100"/i);
    expect((await app.inject('/sign-in')).body).toContain('<a href="/sign-up">Sign up</a>');
    expect((await app.inject('/datasets')).body).toMatch(/<nav aria-label="Site">.*<a href="\/sign-up">Sign up<\/a>/s);
  });

  it('keeps the name and email of a refused form, never the password, and makes no account', async () => {
    const { res } = await signUp({ name: '<b>Rosa</b>', email: 'not-an-address', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Please correct the fields marked below.');
    expect(res.body).toContain('value="&lt;b>Rosa&lt;/b>"');
    expect(res.body).toContain('value="not-an-address"');
    expect(res.body).toContain('id="field-email-error">Enter an email address like name@example.org.');
    expect(res.body).toContain('id="field-password-error">The password must be at least 10 characters long.');
    expect(res.body).not.toContain('value="short"');
    expect(await t.deps.catalog.accounts.findUserByEmail('not-an-address')).toBeUndefined();

    const long = await signUp({ name: 'x'.repeat(101), email: 'long@example.org', password: 'a long enough password' });
    expect(long.res.statusCode).toBe(400);
    expect(long.res.body).toContain('The name must be at most 100 characters long.');
    expect(await t.deps.catalog.accounts.findUserByEmail('long@example.org')).toBeUndefined();
  });

  it('refuses a form without its CSRF token, and a taken address with a clear message', async () => {
    const forged = await app.inject({ method: 'POST', url: '/sign-up', remoteAddress: '10.9.1.1', headers: FORM, payload: form({ name: 'Eve', email: 'eve@example.org', password: 'a long enough password' }) });
    expect(forged.statusCode).toBe(403);
    expect(await t.deps.catalog.accounts.findUserByEmail('eve@example.org')).toBeUndefined();
    const taken = await makePerson(t);
    const { res } = await signUp({ name: 'Copy', email: taken.user.email, password: 'a long enough password' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('An account with this email exists; sign in or reset your password.');
  });

  it('makes an unconfirmed account, signs it in, and says where the link went; the link confirms it', async () => {
    const { res } = await signUp({ name: 'Rosa', email: 'rosa@example.org', password: 'a long enough password' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verify-email/sent');
    const session = cookieOf(res, 'plaza_session')!;
    expect((await t.deps.catalog.accounts.findUserByEmail('rosa@example.org'))!.emailVerifiedAt).toBeNull();
    const sent = await app.inject({ url: '/verify-email/sent', headers: { cookie: session } });
    expect(sent.body).toContain(`We sent a link to rosa@example.org: open it within ${VERIFY_HOURS} hours`);

    const account = await app.inject({ url: '/account', headers: { cookie: session } });
    expect(account.body).toContain('Confirm your email address to post, vote or comment.');
    expect(account.body).toContain('action="/account/verification"');

    const token = await linkTokenFor('rosa@example.org');
    const confirmed = await app.inject({ url: `/verify-email?token=${encodeURIComponent(token)}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.headers['referrer-policy']).toBe('no-referrer');
    expect(confirmed.body).toContain('<h1>Your email address is confirmed</h1>');
    expect((await t.deps.catalog.accounts.findUserByEmail('rosa@example.org'))!.emailVerifiedAt).not.toBeNull();
    expect((await app.inject({ url: '/account', headers: { cookie: session } })).body).toContain('rosa@example.org is confirmed.');

    const used = await app.inject({ url: `/verify-email?token=${encodeURIComponent(token)}`, headers: { cookie: session } });
    expect(used.statusCode).toBe(400);
    expect(used.body).toContain('This confirmation link was already used.');
    expect(used.body).not.toContain('action="/account/verification"');

    // A "send the link again" button left open in another tab has nothing to send now.
    const late = await app.inject({ method: 'POST', url: '/account/verification', headers: { ...FORM, cookie: session }, payload: form({ _csrf: hiddenCsrf(account.body), next: '/account' }) });
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain('Your email address is already confirmed: there was nothing to send.');
  });

  it('explains forged and expired links, offering a new one to the signed-in account', async () => {
    const { res } = await signUp({ name: 'Tom', email: 'tom@example.org', password: 'a long enough password' });
    const session = cookieOf(res, 'plaza_session')!;
    const forged = await app.inject({ url: '/verify-email?token=made-up-token', headers: { cookie: session } });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('<h1>This confirmation link does not work</h1>');
    expect(forged.body).toContain('This confirmation link is not valid.');
    expect(forged.body).toContain('action="/account/verification"');
    const anonymous = await app.inject({ url: '/verify-email?token=' });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.body).toContain('href="/sign-in?next=%2Faccount"');

    const token = await linkTokenFor('tom@example.org');
    const realNow = t.deps.clock.now;
    const later = new Date(Date.now() + (VERIFY_HOURS + 1) * 3600_000);
    t.deps.clock.now = () => later;
    try {
      const expired = await app.inject({ url: `/verify-email?token=${encodeURIComponent(token)}&lang=es` });
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toContain(`Este enlace de confirmación tiene más de ${VERIFY_HOURS} horas y ya no funciona.`);
    } finally {
      t.deps.clock.now = realNow;
    }
    expect((await t.deps.catalog.accounts.findUserByEmail('tom@example.org'))!.emailVerifiedAt).toBeNull();
  });

  it('sends the link again from the button, with a clear answer', async () => {
    const { res } = await signUp({ name: 'Ines', email: 'ines@example.org', password: 'a long enough password' });
    const cookie = cookieOf(res, 'plaza_session')!;
    const csrf = hiddenCsrf((await app.inject({ url: '/account', headers: { cookie } })).body);
    const first = await linkTokenFor('ines@example.org');
    const again = await app.inject({ method: 'POST', url: '/account/verification', headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, next: '/problems' }) });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/verify-email/sent?again=1&next=%2Fproblems');
    expect((await app.inject({ url: again.headers.location, headers: { cookie } })).body).toContain('We sent a new confirmation link to ines@example.org');
    expect(await linkTokenFor('ines@example.org')).not.toBe(first);
    const noToken = await app.inject({ method: 'POST', url: '/account/verification', headers: { ...FORM, cookie }, payload: form({ next: '/problems' }) });
    expect(noToken.statusCode).toBe(403);
    await app.inject({ method: 'POST', url: '/account/verification', headers: { ...FORM, cookie }, payload: form({ _csrf: csrf }) });
    const limited = await app.inject({ method: 'POST', url: '/account/verification?lang=es', headers: { ...FORM, cookie }, payload: form({ _csrf: csrf }) });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Enviamos 3 enlaces de confirmación en la última hora.');
  });

  it('is in Spanish', async () => {
    const { open, res } = await signUp({ name: 'Lucía', email: 'lucia@', password: 'x' }, 'es');
    expect(open.body).toContain('<h1>Crear una cuenta</h1>');
    expect(res.body).toContain('<label for="field-name">Su nombre</label>');
    expect(res.body).toContain('value="Lucía"');
  });
});

describe('problem pages for an unconfirmed account', () => {
  let newcomer: Session;
  let problemId: string;
  beforeAll(async () => {
    const ana = await makePerson(t, { name: 'Ana' });
    const posted = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: { title: 'Potholes on Main', description: 'Deep potholes between 2nd and 5th.', category: 'mobility', place: { kind: 'citywide' } } });
    problemId = posted.json().id;
    newcomer = await signIn(t, app, await makePerson(t, { name: 'New', unverified: true }), 'a long enough password', '10.9.2.1');
  });

  it('shows the notice with "send the link again" instead of the vote and comment forms', async () => {
    const page = await app.inject({ url: `/problems/${problemId}`, headers: { cookie: newcomer.cookie } });
    expect(page.body).toContain('Confirm your email address to post, vote or comment.');
    expect(page.body).toContain('action="/account/verification"');
    expect(page.body).not.toContain(`action="/problems/${problemId}/vote"`);
    expect(page.body).not.toContain(`action="/problems/${problemId}/comments"`);
    const es = await app.inject({ url: `/problems/${problemId}?lang=es`, headers: { cookie: newcomer.cookie } });
    expect(es.body).toContain('Confirme su dirección de correo para publicar, votar o comentar.');
  });

  it('shows the notice instead of the post form, and a posted form is refused with a clear message', async () => {
    const page = await app.inject({ url: '/problems/new', headers: { cookie: newcomer.cookie } });
    expect(page.body).toContain('Confirm your email address to post, vote or comment.');
    expect(page.body).not.toContain('action="/problems"');
    const vote = await app.inject({ method: 'POST', url: `/problems/${problemId}/vote`, headers: { ...FORM, cookie: newcomer.cookie }, payload: form({ _csrf: newcomer.csrf }) });
    expect(vote.statusCode).toBe(403);
    expect(vote.body).toContain('Confirm your email address first');
    expect((await app.inject({ url: `/api/v1/problems/${problemId}` })).json().votes).toBe(0);
  });
});
