import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsApp, makeUser, nextIp, PASSWORD, setCookies, signInHttp, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const attempt = (email: string, password: string, ip = nextIp()) => h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: ip, payload: { email, password } });

describe('signing in', () => {
  it('answers who is signed in; nobody at first', async () => {
    const res = await h.app.inject('/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
  });

  it('signs in, sets an HttpOnly SameSite=Lax cookie on /, and answers who is signed in with a CSRF token', async () => {
    await makeUser(h.t.deps, 'ana@example.org', 'Ana');
    const res = await attempt('  Ana@Example.org ', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = setCookies(res).get('plaza_session')!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(cookie.attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${14 * 86400}`]));
    expect(cookie.attrs).not.toContain('Secure');
    const body = res.json();
    expect(body).toMatchObject({ user: { email: 'ana@example.org', name: 'Ana', is_site_admin: false, last_sign_in_at: h.clock.now().toISOString() }, roles: {}, via: 'session' });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password_hash|passwordHash/);

    const who = await h.app.inject({ url: '/api/v1/session', headers: { cookie: `plaza_session=${cookie.value}` } });
    expect(who.json()).toEqual(body);

    // Only the SHA-256 of the cookie is stored.
    expect(await h.t.deps.catalog.accounts.getSession(cookie.value)).toBeUndefined();
  });

  it('refuses a sign-in posted as a form, which another site could make a visitor send (login CSRF), and sets no cookie', async () => {
    await makeUser(h.t.deps, 'form@example.org', 'Form');
    const body = new URLSearchParams({ email: 'form@example.org', password: PASSWORD }).toString();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), headers: { 'content-type': type }, payload: body });
      expect(res.statusCode, type).toBe(400);
      if (type !== 'text/plain') expect(res.json().error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('as JSON') });
      expect(setCookies(res).has('plaza_session'), type).toBe(false);
    }
    expect((await attempt('form@example.org', PASSWORD)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when the portal is served over HTTPS', async () => {
    const { app } = await accountsApp(h.t.deps, 'https://data.example.org');
    await makeUser(h.t.deps, 'secure@example.org');
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email: 'secure@example.org', password: PASSWORD } });
    expect(setCookies(res).get('plaza_session')!.attrs).toContain('Secure');
    await app.close();
  });

  it('gives an unknown email and a wrong password the same answer, after the same work', async () => {
    await makeUser(h.t.deps, 'bo@example.org');
    const wrong = await attempt('bo@example.org', 'not the password');
    const unknown = await attempt('nobody@example.org', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({ code: 'bad_credentials', message: 'The email address or the password is not right.', details: {} });
  });

  // An unknown email must cost the same work as a wrong password: one scrypt
  // check (against a dummy hash when there is no account), so that how long
  // the answer takes does not tell who has an account here. scrypt at this
  // cost takes tens of milliseconds; without the dummy hash an unknown email
  // answers in a millisecond or two, a small fraction of a wrong password.
  // The samples alternate, so a change in the machine's load falls on both
  // alike, and medians leave out the odd slow one; the bounds (half to twice)
  // are wide against noise and far from that fraction.
  it('takes as long to refuse an unknown email as a wrong password', async () => {
    const known = await makeUser(h.t.deps, 'timing@example.org');
    const once = async (email: string): Promise<number> => {
      const start = performance.now();
      const res = await attempt(email, 'not the password');
      const ms = performance.now() - start;
      expect(res.statusCode).toBe(401);
      // Failures in a row would lock the account (423): start the count again, outside the time taken.
      await h.t.deps.catalog.accounts.updateUser(known.id, { failedSignIns: 0, lockedUntil: null });
      return ms;
    };
    // The first unknown email also makes the dummy hash, once.
    await once('first-missing@example.org');
    await once('timing@example.org');
    const wrongPassword: number[] = [];
    const unknownEmail: number[] = [];
    for (let i = 0; i < 9; i++) {
      if (i % 2 === 0) wrongPassword.push(await once('timing@example.org'));
      unknownEmail.push(await once(`missing-${i}@example.org`));
      if (i % 2 === 1) wrongPassword.push(await once('timing@example.org'));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [wrongMs, unknownMs] = [median(wrongPassword), median(unknownEmail)];
    const report = `median ${unknownMs.toFixed(1)} ms for an unknown email, ${wrongMs.toFixed(1)} ms for a wrong password`;
    expect(unknownMs, report).toBeGreaterThan(wrongMs / 2);
    expect(unknownMs, report).toBeLessThan(wrongMs * 2);
  });

  it('locks an account for 15 minutes after 5 failures in a row, refusing even the right password, then lets it in', async () => {
    await makeUser(h.t.deps, 'locked@example.org');
    for (let i = 1; i <= 4; i++) expect((await attempt('locked@example.org', `wrong ${i}`)).statusCode).toBe(401);
    const fifth = await attempt('locked@example.org', 'wrong 5');
    expect(fifth.statusCode).toBe(423);
    const until = new Date(h.clock.t + 15 * 60_000).toISOString();
    expect(fifth.json().error).toMatchObject({ code: 'account_locked', details: { locked_until: until } });
    expect(fifth.json().error.message).toContain(`${until.slice(0, 16).replace('T', ' ')} UTC`);

    const right = await attempt('locked@example.org', PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.details.locked_until).toBe(until);

    h.clock.advance(15 * 60_000 - 1);
    expect((await attempt('locked@example.org', PASSWORD)).statusCode).toBe(423);
    h.clock.advance(1);
    expect((await attempt('locked@example.org', PASSWORD)).statusCode).toBe(200);
    const user = await h.t.deps.catalog.accounts.findUserByEmail('locked@example.org');
    expect(user).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it('counts only failures in a row: a success starts the count again', async () => {
    await makeUser(h.t.deps, 'forgetful@example.org');
    for (let i = 0; i < 4; i++) await attempt('forgetful@example.org', 'wrong');
    expect((await attempt('forgetful@example.org', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('forgetful@example.org', 'wrong')).statusCode).toBe(401);
  });

  it('refuses disabled accounts and accounts without a password', async () => {
    const u = await makeUser(h.t.deps, 'gone@example.org');
    await h.t.deps.catalog.accounts.updateUser(u.id, { disabled: true });
    const res = await attempt('gone@example.org', PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('disabled');
    expect((await attempt('gone@example.org', 'wrong password')).statusCode).toBe(401);
    // The site administrator account made for the first token has no password.
    expect((await attempt('admin@localhost', '')).statusCode).toBe(400);
    expect((await attempt('admin@localhost', 'anything at all')).statusCode).toBe(401);
  });

  it('ends sessions after the configured days', async () => {
    await makeUser(h.t.deps, 'brief@example.org');
    const c = await signInHttp(h.app, 'brief@example.org');
    h.clock.advance(14 * 86_400_000);
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: c.cookie } })).json()).toEqual({ user: null });
  });

  it('signs out with the CSRF token, clearing the cookie', async () => {
    await makeUser(h.t.deps, 'leaving@example.org');
    const c = await signInHttp(h.app, 'leaving@example.org');
    const refused = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: c.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');
    const res = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: c.headers });
    expect(res.statusCode).toBe(204);
    expect(setCookies(res).get('plaza_session')).toMatchObject({ value: '', attrs: expect.arrayContaining(['Max-Age=0']) });
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: c.cookie } })).json()).toEqual({ user: null });
  });

  it('throttles sign-in attempts per address: 10 a minute, then 429 with Retry-After', async () => {
    const ip = '192.0.2.7';
    for (let i = 0; i < 10; i++) expect((await attempt('nobody@example.org', 'wrong password', ip)).statusCode).toBe(401);
    const res = await attempt('nobody@example.org', 'wrong password', ip);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.json().error).toMatchObject({ code: 'rate_limited', details: { limit: 10, retry_after_seconds: Number(res.headers['retry-after']) } });
    // Another address is not affected, and the budget comes back with time.
    expect((await attempt('nobody@example.org', 'wrong password', '192.0.2.8')).statusCode).toBe(401);
    h.clock.advance(Number(res.headers['retry-after']) * 1000);
    expect((await attempt('nobody@example.org', 'wrong password', ip)).statusCode).toBe(401);
  });
});
