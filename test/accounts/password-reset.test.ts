import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset } from '../../src/actions/accounts/password-reset.ts';
import { GAVE_UP_AT, sendDueMail } from '../../src/actions/notify/send-mail.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import type { MailMessage } from '../../src/ports/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { makeUser, nextIp, PASSWORD, signInHttp, startHarness, type Harness } from './support.ts';

const FROM = 'Plaza <no-reply@plaza.test>';
const queued = (h: Harness) => h.t.deps.catalog.activity.dueMail('9999-12-31T23:59:59.999Z', 1000);
const linkIn = (text: string): URL => new URL(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(text)![0]);

describe('password reset through a real mail server', () => {
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

  const ask = (email: string, ip = nextIp()) => h.app.inject({ method: 'POST', url: '/api/v1/password-reset', remoteAddress: ip, payload: { email } });

  it('emails a link that sets a new password once, signing the account out everywhere', async () => {
    await makeUser(h.t.deps, 'maria@example.org', 'Maria');
    const before = await signInHttp(h.app, 'maria@example.org');

    const res = await ask('Maria@Example.org');
    expect(res.statusCode).toBe(202);
    expect(res.json().message).toContain('If an account uses maria@example.org');

    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['maria@example.org']);
    expect(mail!.subject).toBe(`Reset your ${h.t.deps.site.name} password`);
    expect(mail!.text).toContain('Hello Maria,');
    expect(mail!.text).toContain('within 60 minutes');
    expect(mail!.raw).toMatch(/text\/html/);
    const link = linkIn(mail!.text);
    expect(`${link.origin}`).toBe(h.t.deps.site.baseUrl);
    const token = link.searchParams.get('token')!;

    // The link's page shows the form.
    const page = await h.app.inject(`${link.pathname}${link.search}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('Choose a new password');

    const weak = await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'maria@example.org' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields).toEqual([{ field: 'password', message: 'The password must not be your email address.' }]);

    const done = await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'a fresh new password' } });
    expect(done.statusCode).toBe(204);

    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: before.cookie } })).json()).toEqual({ user: null });
    const old = await h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email: 'maria@example.org', password: PASSWORD } });
    expect(old.statusCode).toBe(401);
    await signInHttp(h.app, 'maria@example.org', 'a fresh new password');

    const twice = await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'yet another password' } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'used' } });
    expect(twice.json().error.message).toContain('already used');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const sent = smtp.messages.length;
    const res = await ask('nobody@example.org');
    expect(res.statusCode).toBe(202);
    await h.t.plaza.notifier.flush();
    expect(smtp.messages.length).toBe(sent);
    expect((await ask('not an address')).statusCode).toBe(400);
  });

  it('finds the first site administrator, whose address has no dot', async () => {
    const sent = smtp.messages.length;
    expect((await ask('admin@localhost')).statusCode).toBe(202);
    expect((await smtp.waitFor(sent + 1)).at(-1)!.to).toEqual(['admin@localhost']);
  });

  it('refuses unknown and expired links with clear messages', async () => {
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token: 'made-up', password: 'a fresh new password' } });
    expect(unknown.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'unknown' } });

    await makeUser(h.t.deps, 'slow@example.org');
    const sent = smtp.messages.length;
    await ask('slow@example.org');
    const mails = await smtp.waitFor(sent + 1);
    const token = linkIn(mails.at(-1)!.text).searchParams.get('token')!;
    h.clock.advance(60 * 60_000);
    const expired = await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'a fresh new password' } });
    expect(expired.json().error).toMatchObject({ code: 'bad_request', details: { reason: 'expired' } });
    expect(expired.json().error.message).toContain('ran out');
  });

  it('unlocks a locked account', async () => {
    await makeUser(h.t.deps, 'lockedout@example.org');
    for (let i = 0; i < 5; i++) await h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email: 'lockedout@example.org', password: 'wrong guess' } });
    expect((await h.t.deps.catalog.accounts.findUserByEmail('lockedout@example.org'))!.lockedUntil).not.toBeNull();
    const sent = smtp.messages.length;
    await ask('lockedout@example.org');
    const token = linkIn((await smtp.waitFor(sent + 1)).at(-1)!.text).searchParams.get('token')!;
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'unlocked at last' } })).statusCode).toBe(204);
    await signInHttp(h.app, 'lockedout@example.org', 'unlocked at last');
  });

  it('sends at most 3 links per account per hour', async () => {
    const u = await makeUser(h.t.deps, 'eager@example.org');
    for (let i = 0; i < 5; i++) expect((await ask('eager@example.org')).statusCode).toBe(202);
    const since = new Date(h.clock.t - 1).toISOString();
    expect(await h.t.deps.catalog.accounts.countPasswordResets(u.id, since)).toBe(3);
    h.clock.advance(60 * 60_000 + 1);
    await ask('eager@example.org');
    expect(await h.t.deps.catalog.accounts.countPasswordResets(u.id, since)).toBe(4);
  });

  it('throttles reset requests per address: 5 an hour, then 429 with Retry-After', async () => {
    const ip = '198.51.100.9';
    for (let i = 0; i < 5; i++) expect((await ask(`someone${i}@example.org`, ip)).statusCode).toBe(202);
    const res = await ask('someone@example.org', ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBe(12 * 60);
  });
});

describe('the outbox', () => {
  it('keeps mail waiting without a mailer and sends it once there is one', async () => {
    const h = await startHarness();
    const smtp = await startSmtpServer();
    try {
      expect(h.t.deps.mailer).toBeNull();
      await makeUser(h.t.deps, 'patient@example.org');
      await requestPasswordReset(h.t.deps, 'patient@example.org');
      await h.t.plaza.notifier.flush();
      expect(await queued(h)).toMatchObject([{ to: 'patient@example.org', attempts: 0, sentAt: null }]);

      h.t.deps.mailer = SmtpMailer.fromUrl(smtp.url, FROM);
      await h.t.plaza.notifier.flush();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['patient@example.org']);
      expect(await queued(h)).toEqual([]);
    } finally {
      await h.close();
      await smtp.close();
    }
  });

  it('keeps mail the server refuses, with the error and a later attempt', async () => {
    const smtp = await startSmtpServer({ failWith: { code: 550, message: 'Mailbox unavailable' } });
    const h = await startHarness({ mailer: SmtpMailer.fromUrl(smtp.url, FROM) });
    try {
      await makeUser(h.t.deps, 'bounce@example.org');
      await requestPasswordReset(h.t.deps, 'bounce@example.org');
      await h.t.plaza.notifier.flush();
      const [mail] = await queued(h);
      expect(mail).toMatchObject({ to: 'bounce@example.org', attempts: 1, sentAt: null });
      expect(mail!.lastError).toContain('Mailbox unavailable');
      const wait = Date.parse(mail!.nextAttemptAt) - h.clock.t;
      expect(wait).toBeGreaterThanOrEqual(24_000);
      expect(wait).toBeLessThanOrEqual(36_000);
    } finally {
      await h.close();
      await smtp.close();
    }
  });

  it('gives a mail up after the last attempt, and says so', async () => {
    const h = await startHarness();
    try {
      const tried: MailMessage[] = [];
      h.t.deps.mailer = {
        async send(m) {
          tried.push(m);
          throw new Error('connection refused');
        },
        close: async () => undefined,
      };
      // The test runs the step itself.
      await h.t.plaza.worker.stop();
      await makeUser(h.t.deps, 'never@example.org');
      await requestPasswordReset(h.t.deps, 'never@example.org');
      for (let i = 0; i < 6; i++) {
        expect(await sendDueMail(h.t.deps)).toBe(1);
        // Past the longest wait of the schedule (6 hours, up to 20 % more with jitter).
        h.clock.advance(8 * 3_600_000);
      }
      expect(tried).toHaveLength(6);
      expect(await sendDueMail(h.t.deps)).toBe(0);
      const [mail] = await queued(h);
      expect(mail).toMatchObject({ attempts: 6, sentAt: null, nextAttemptAt: GAVE_UP_AT });
      expect(mail!.lastError).toMatch(/^gave up: after 6 of 6 attempts: connection refused/);
    } finally {
      await h.close();
    }
  });
});
