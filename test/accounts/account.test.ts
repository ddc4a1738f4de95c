import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeUser, nextIp, PASSWORD, signInHttp, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('registering', () => {
  it('creates a resident account with no roles, which can sign in', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/account', remoteAddress: nextIp(), payload: { email: 'Rosa@Example.org', name: 'Rosa', password: 'a long enough one' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'rosa@example.org', name: 'Rosa', is_site_admin: false, disabled: false, has_password: true });
    expect(res.body).not.toContain('scrypt');
    const c = await signInHttp(h.app, 'rosa@example.org', 'a long enough one');
    const account = await h.app.inject({ url: '/api/v1/account', headers: { cookie: c.cookie } });
    expect(account.json()).toMatchObject({ user: { email: 'rosa@example.org' }, memberships: [] });
  });

  it('refuses a taken email without saying more', async () => {
    await makeUser(h.t.deps, 'taken@example.org');
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/account', remoteAddress: nextIp(), payload: { email: 'TAKEN@example.org', name: 'Someone', password: 'a long enough one' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'conflict', message: 'An account with this email exists; sign in or reset your password.', details: {} });
  });

  it('explains what is wrong with each field', async () => {
    const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/v1/account', remoteAddress: nextIp(), payload });
    const res = await post({ email: 'not an email', name: '', password: 'short' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as Array<{ field: string; message: string }>;
    expect(Object.fromEntries(fields.map((f) => [f.field, f.message]))).toEqual({
      email: 'Enter an email address like name@example.org.',
      name: 'Enter a name.',
      password: 'The password must be at least 10 characters long.',
    });
    const same = await post({ email: 'me@example.org', name: 'Me', password: 'ME@example.org' });
    expect(same.json().error.details.fields).toEqual([{ field: 'password', message: 'The password must not be your email address.' }]);
    const repeated = await post({ email: 'me@example.org', name: 'Me', password: '1111111111' });
    expect(repeated.json().error.details.fields).toEqual([{ field: 'password', message: 'The password must not be one character repeated.' }]);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the token, and accepts it with the header or a form field', async () => {
    await makeUser(h.t.deps, 'csrf@example.org', 'Cee');
    const c = await signInHttp(h.app, 'csrf@example.org');
    const none = await h.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: { cookie: c.cookie }, payload: { name: 'Changed' } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('csrf_failed');
    const wrong = await h.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(32) }, payload: { name: 'Changed' } });
    expect(wrong.statusCode).toBe(403);
    expect((await h.t.deps.catalog.accounts.findUserByEmail('csrf@example.org'))!.name).toBe('Cee');

    const header = await h.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: c.headers, payload: { name: 'Changed' } });
    expect(header.statusCode).toBe(200);
    expect(header.json().user.name).toBe('Changed');

    const form = await h.app.inject({
      method: 'PATCH', url: '/api/v1/account',
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'From a form', _csrf: c.csrf }).toString(),
    });
    expect(form.statusCode).toBe(200);
    expect(form.json().user.name).toBe('From a form');
  });

  it('needs no CSRF token with a bearer token', async () => {
    const res = await h.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: bearer(h.t.token), payload: { name: 'Site administrator' } });
    expect(res.statusCode).toBe(200);
  });

  it('changes the password with the current one, ending the other sessions only', async () => {
    await makeUser(h.t.deps, 'changer@example.org');
    const here = await signInHttp(h.app, 'changer@example.org');
    const elsewhere = await signInHttp(h.app, 'changer@example.org');
    const wrong = await h.app.inject({ method: 'POST', url: '/api/v1/account/password', headers: here.headers, payload: { current_password: 'not it at all', new_password: 'a brand new password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('bad_credentials');
    const weak = await h.app.inject({ method: 'POST', url: '/api/v1/account/password', headers: here.headers, payload: { current_password: PASSWORD, new_password: 'short' } });
    expect(weak.json().error.details.fields).toEqual([{ field: 'new_password', message: 'The password must be at least 10 characters long.' }]);
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/account/password', headers: here.headers, payload: { current_password: PASSWORD, new_password: 'a brand new password' } });
    expect(ok.statusCode).toBe(204);
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: here.cookie } })).json().user.email).toBe('changer@example.org');
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: elsewhere.cookie } })).json()).toEqual({ user: null });
    await signInHttp(h.app, 'changer@example.org', 'a brand new password');
  });
});

describe('API tokens', () => {
  it('creates a token shown once, lists it without its secret, and revokes it', async () => {
    await makeUser(h.t.deps, 'programmer@example.org');
    const c = await signInHttp(h.app, 'programmer@example.org');
    const created = await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: c.headers, payload: { name: 'nightly sync', scopes: ['read', 'write'] } });
    expect(created.statusCode).toBe(201);
    const token = created.json();
    expect(token).toMatchObject({ name: 'nightly sync', scopes: ['read', 'write'], revoked_at: null, expires_at: new Date(h.clock.t + 90 * 86_400_000).toISOString() });
    expect(token.token).toMatch(/^plz_/);

    const list = await h.app.inject({ url: '/api/v1/tokens', headers: bearer(token.token) });
    expect(list.statusCode).toBe(200);
    expect(list.json().results).toHaveLength(1);
    expect(list.body).not.toContain(token.token);
    expect(list.body).not.toMatch(/hash/i);

    const me = await h.app.inject({ url: '/api/v1/session', headers: bearer(token.token) });
    expect(me.json()).toMatchObject({ user: { email: 'programmer@example.org' }, via: 'token', csrf_token: null });

    expect((await h.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: c.headers })).statusCode).toBe(204);
    const revoked = await h.app.inject({ url: '/api/v1/account', headers: bearer(token.token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toBe('The API token was revoked.');
  });

  it('refuses expired tokens', async () => {
    await makeUser(h.t.deps, 'shortlived@example.org');
    const c = await signInHttp(h.app, 'shortlived@example.org');
    const token = (await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: c.headers, payload: { name: 'one day', expires_in_days: 1 } })).json();
    expect((await h.app.inject({ url: '/api/v1/account', headers: bearer(token.token) })).statusCode).toBe(200);
    h.clock.advance(86_400_000);
    const res = await h.app.inject({ url: '/api/v1/account', headers: bearer(token.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/expired/);
  });

  it('keeps a read-scoped token to reading: no tokens, no changes', async () => {
    const made = (await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(h.t.token), payload: { name: 'reader', scopes: ['read'] } })).json();
    const read = bearer(made.token);
    expect((await h.app.inject({ url: '/api/v1/account', headers: read })).statusCode).toBe(200);
    const mint = await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: read, payload: { name: 'wider', scopes: ['read'] } });
    expect(mint.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: read, payload: { name: 'x' } })).statusCode).toBe(403);
    // Its owner is the site administrator, but the token carries only read.
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: read, payload: { name: 'Nope' } })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/v1/users', headers: read })).statusCode).toBe(403);
  });

  it('needs someone signed in', async () => {
    const res = await h.app.inject({ url: '/api/v1/tokens' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect((await h.app.inject({ url: '/api/v1/tokens', headers: bearer('plz_made_up') })).statusCode).toBe(401);
  });
});
