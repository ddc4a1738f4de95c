import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_HOURS } from '../../src/actions/accounts/email-verification.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { nextIp, PASSWORD, signInHttp, startHarness, type Harness } from './support.ts';

const FROM = 'Plaza <no-reply@plaza.test>';
const linkIn = (text: string): URL => new URL(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(text)![0]);

describe('confirming the email address of a new account', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    h = await startHarness({ mailer: SmtpMailer.fromUrl(smtp.url, FROM) });
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });

  const signUp = (email: string, name = 'Nora') => h.app.inject({ method: 'POST', url: '/api/v1/account', remoteAddress: nextIp(), payload: { email, name, password: PASSWORD } });
  const confirm = (token: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/account/verification/confirm', payload: { token } });
  /** Signs up and returns the token of the link emailed for it. */
  async function tokenFor(email: string): Promise<string> {
    expect((await signUp(email)).statusCode).toBe(201);
    // Mail from earlier tests may still be arriving: wait for the one to this address.
    for (let n = 1; ; n++) {
      const mail = (await smtp.waitFor(n)).find((m) => m.to.includes(email));
      if (mail) return linkIn(mail.text).searchParams.get('token')!;
    }
  }

  it('emails a link on sign-up that confirms the address once; until then the account is unconfirmed', async () => {
    const sent = smtp.messages.length;
    const res = await signUp('Nora@Example.org');
    expect(res.statusCode).toBe(201);
    expect(res.json().email_verified_at).toBeNull();
    const mail = (await smtp.waitFor(sent + 1)).at(-1)!;
    expect(mail.to).toEqual(['nora@example.org']);
    expect(mail.subject).toBe(`Confirm your email address for ${h.t.deps.site.name}`);
    expect(mail.text).toContain('Hello Nora,');
    expect(mail.text).toContain(`within ${VERIFY_HOURS} hours`);
    const link = linkIn(mail.text);
    expect(link.origin).toBe(h.t.deps.site.baseUrl);

    const user = (await h.t.deps.catalog.accounts.findUserByEmail('nora@example.org'))!;
    expect(user.emailVerifiedAt).toBeNull();
    expect((await principalFor(h.t.deps, user, 'session', ['read', 'write', 'admin'], null)).emailVerified).toBe(false);
    const session = await signInHttp(h.app, 'nora@example.org');
    expect((await h.app.inject({ url: '/api/v1/account', headers: { cookie: session.cookie } })).json().user.email_verified_at).toBeNull();

    const done = await confirm(link.searchParams.get('token'));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email: 'nora@example.org', email_verified_at: h.clock.now().toISOString() });
    const after = (await h.t.deps.catalog.accounts.getUser(user.id))!;
    expect(after.emailVerifiedAt).toBe(h.clock.now().toISOString());
    expect((await principalFor(h.t.deps, after, 'session', ['read'], null)).emailVerified).toBe(true);

    const twice = await confirm(link.searchParams.get('token'));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'used' } });
    expect(twice.json().error.message).toContain('already used');
  });

  it('refuses a forged link and an empty one, and confirms nothing', async () => {
    await tokenFor('forger@example.org');
    const forged = await confirm('x'.repeat(32));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'unknown' } });
    expect(forged.json().error.message).toContain('not valid');
    expect((await confirm('')).statusCode).toBe(400);
    expect((await h.t.deps.catalog.accounts.findUserByEmail('forger@example.org'))!.emailVerifiedAt).toBeNull();
  });

  it(`refuses a link older than ${VERIFY_HOURS} hours and confirms nothing`, async () => {
    const token = await tokenFor('late@example.org');
    h.clock.advance(VERIFY_HOURS * 60 * 60_000);
    const expired = await confirm(token);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'expired' } });
    expect(expired.json().error.message).toContain('run out');
    expect((await h.t.deps.catalog.accounts.findUserByEmail('late@example.org'))!.emailVerifiedAt).toBeNull();
  });

  it('sends the link again to a signed-in unconfirmed account, at most 3 times an hour, and not once confirmed', async () => {
    const first = await tokenFor('again@example.org');
    const session = await signInHttp(h.app, 'again@example.org');
    const resend = () => h.app.inject({ method: 'POST', url: '/api/v1/account/verification', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    const sent = smtp.messages.length;
    const res = await resend();
    expect(res.statusCode).toBe(202);
    expect(res.json().sent).toBe(true);
    expect(res.json().message).toContain('again@example.org');
    const second = linkIn((await smtp.waitFor(sent + 1)).at(-1)!.text).searchParams.get('token')!;
    expect(second).not.toBe(first);
    expect((await resend()).statusCode).toBe(202);
    const limited = await resend();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toContain('3 confirmation links in the last hour');

    // Either link confirms; after that, there is nothing to send.
    expect((await confirm(first)).statusCode).toBe(200);
    h.clock.advance(60 * 60_000 + 1);
    const id = (await h.t.deps.catalog.accounts.findUserByEmail('again@example.org'))!.id;
    const links = () => h.t.deps.catalog.accounts.countEmailVerifications(id, '2000-01-01T00:00:00.000Z');
    const before = await links();
    const already = await resend();
    expect(already.statusCode).toBe(200);
    expect(already.json()).toEqual({ message: 'Your email address is already confirmed; nothing was sent.', sent: false });
    expect(await links()).toBe(before);
  });

  it('asks who is asking before sending a link, and a cookie without the CSRF token is refused', async () => {
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/account/verification' })).statusCode).toBe(401);
    await tokenFor('csrf-less@example.org');
    const session = await signInHttp(h.app, 'csrf-less@example.org');
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/account/verification', headers: { cookie: session.cookie } })).statusCode).toBe(403);
  });
});
