import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, nextIp, PASSWORD, setCookies, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const hiddenCsrf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** Opens a form page and returns its CSRF cookie and hidden field. */
async function openForm(url: string, cookie = '') {
  const res = await h.app.inject({ url, headers: cookie ? { cookie } : {} });
  const set = setCookies(res).get('plaza_csrf');
  const csrfCookie = set ? `plaza_csrf=${set.value}` : cookie;
  return { res, cookie: csrfCookie, csrf: hiddenCsrf(res.body) };
}

describe('account pages', () => {
  it('shows a labelled sign-in form with a double-submit CSRF cookie', async () => {
    const { res, cookie, csrf } = await openForm('/sign-in?next=/datasets');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<label for="field-email">Email address</label>');
    expect(res.body).toContain('<label for="field-password">Password</label>');
    expect(res.body).toContain('name="next" value="/datasets"');
    expect(cookie).toBe(`plaza_csrf=${csrf}`);
    expect(setCookies(res).get('plaza_csrf')!.attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    // A second visit reuses the cookie.
    const again = await openForm('/sign-in', cookie);
    expect(setCookies(again.res).has('plaza_csrf')).toBe(false);
    expect(again.csrf).toBe(csrf);
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    await makeUser(h.t.deps, 'page@example.org', 'Page');
    const res = await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: FORM, payload: form({ email: 'page@example.org', password: PASSWORD }) });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form expired');
    expect(setCookies(res).has('plaza_session')).toBe(false);
  });

  it('shows errors inline, keeping the email (escaped) but never the password', async () => {
    const { cookie, csrf } = await openForm('/sign-in');
    const res = await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: '"><script>x</script>@example.org', password: 'guess at it' }) });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('role="alert">The email address or the password is not right.');
    expect(res.body).toContain('value="&quot;>&lt;script>x&lt;/script>@example.org"');
    expect(res.body).not.toContain('<script>x');
    expect(res.body).not.toContain('guess at it');

    const empty = await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: '', password: '' }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<span class="usa-error-message field-error" id="field-email-error">Enter your email address.</span>');
    expect(empty.body).toContain('aria-describedby="field-email-error"');
    expect(empty.body).toContain('aria-invalid="true"');
  });

  it('signs in and out with forms', async () => {
    await makeUser(h.t.deps, 'forms@example.org', 'Forms');
    const { cookie, csrf } = await openForm('/sign-in');
    const res = await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: 'forms@example.org', password: PASSWORD, next: '//evil.example/' }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const session = `plaza_session=${setCookies(res).get('plaza_session')!.value}`;

    const signedIn = await h.app.inject({ url: '/sign-in', headers: { cookie: session } });
    expect(signedIn.body).toContain('You are signed in as <strong>Forms</strong>');
    const sessionCsrf = hiddenCsrf(signedIn.body);
    const who = (await h.app.inject({ url: '/api/v1/session', headers: { cookie: session } })).json();
    expect(sessionCsrf).toBe(who.csrf_token);

    const forged = await h.app.inject({ method: 'POST', url: '/sign-out', headers: { ...FORM, cookie: session }, payload: form({}) });
    expect(forged.statusCode).toBe(403);
    const out = await h.app.inject({ method: 'POST', url: '/sign-out', headers: { ...FORM, cookie: session }, payload: form({ _csrf: sessionCsrf }) });
    expect(out.statusCode).toBe(303);
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: session } })).json()).toEqual({ user: null });
  });

  it('sends a reset link from the forgot-password form and sets the password from the reset form', async () => {
    await makeUser(h.t.deps, 'forgot@example.org');
    const { cookie, csrf } = await openForm('/forgot-password');
    const sent = await h.app.inject({ method: 'POST', url: '/forgot-password', remoteAddress: nextIp(), headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: 'forgot@example.org' }) });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Check your email');
    const unknown = await h.app.inject({ method: 'POST', url: '/forgot-password', remoteAddress: nextIp(), headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: 'unknown@example.org' }) });
    expect(unknown.body.replace('unknown@', 'forgot@')).toBe(sent.body);

    const mail = (await h.t.deps.catalog.activity.dueMail('9999-12-31T00:00:00.000Z', 100)).find((m) => m.to === 'forgot@example.org')!;
    const link = new URL(/https?:\/\/\S+/.exec(mail.text)![0]);
    const token = link.searchParams.get('token')!;
    const page = await openForm(`${link.pathname}${link.search}`, cookie);
    expect(page.res.body).toContain(`name="token" value="${token}"`);

    const post = (fields: Record<string, string>) => h.app.inject({ method: 'POST', url: '/reset-password', headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, token, ...fields }) });
    const mismatch = await post({ password: 'a new password here', confirm: 'a new password there' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The two passwords are not the same.');
    const short = await post({ password: 'short', confirm: 'short' });
    expect(short.body).toContain('The password must be at least 10 characters long.');
    const done = await post({ password: 'a new password here', confirm: 'a new password here' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your password was changed');
    const reused = await h.app.inject(`${link.pathname}${link.search}`);
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('already used');
  });

  it('answers a flood of sign-in forms with 429 and Retry-After', async () => {
    const { cookie, csrf } = await openForm('/sign-in');
    const ip = '203.0.113.50';
    for (let i = 0; i < 10; i++) await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: ip, headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: 'x@example.org', password: 'wrong password' }) });
    const res = await h.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: ip, headers: { ...FORM, cookie }, payload: form({ _csrf: csrf, email: 'x@example.org', password: 'wrong password' }) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('6');
    expect(res.body).toContain('Too many attempts');
  });
});
