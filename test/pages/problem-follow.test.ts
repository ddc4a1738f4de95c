import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Following a problem from its page, without JavaScript, and seeing it among one's subscriptions. */

const PASSWORD = 'follow password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let fern: Session;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (who: Session | null, url: string) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['ana', 'fern']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  ana = await signIn('ana@example.org');
  fern = await signIn('fern@example.org');
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('following a problem from its page', () => {
  it('offers visitors a way in, follows once for a person, and lists it among their subscriptions', async () => {
    const r = await post(ana, '/problems', { title: 'Potholes on Lincoln Avenue', description: 'Deep potholes between 3rd and 7th for months.', category: 'mobility', place_kind: 'citywide' });
    expect(r.statusCode).toBe(303);
    const page = r.headers.location!.replace(/\?.*$/, '');
    const id = page.split('/').pop()!;

    const visitor = await get(null, page);
    expect(visitor.body).toContain(`href="/sign-in?next=${encodeURIComponent(page)}"`);
    expect(visitor.body).toContain(`href="/feeds/problems/${id}.atom"`);
    expect(visitor.body).not.toContain(`action="${page}/follow"`);
    expect((await app.inject({ method: 'POST', url: `${page}/follow` })).headers.location).toBe(`/sign-in?next=${encodeURIComponent(page)}`);

    expect((await get(fern, page)).body).toContain(`action="${page}/follow"`);
    for (let i = 0; i < 2; i++) {
      const followed = await post(fern, `${page}/follow`, {});
      expect(followed.statusCode).toBe(303);
      expect(followed.headers.location).toBe(`${page}?followed=1#follow`);
    }
    const after = await get(fern, `${page}?followed=1`);
    expect(after.body).toContain('You follow it now');
    expect(after.body).not.toContain(`action="${page}/follow"`);
    expect(after.body).toContain('href="/account/subscriptions"');

    const subs = await get(fern, '/account/subscriptions');
    expect(subs.body).toContain(`the problem <a href="${page}">Potholes on Lincoln Avenue</a>`);
    expect(subs.body.match(/Stop this subscription/g)).toHaveLength(1);

    const es = await app.inject({ url: '/account/subscriptions', headers: { cookie: fern.cookie, 'accept-language': 'es' } });
    expect(es.body).toContain(`el problema <a href="${page}">Potholes on Lincoln Avenue</a>`);
  });

  it('refuses a follow without the form’s CSRF token', async () => {
    const r = await post(ana, '/problems', { title: 'Overflowing bins at the market', description: 'The bins overflow every weekend.', category: 'environment', place_kind: 'citywide' });
    const page = r.headers.location!.replace(/\?.*$/, '');
    const forged = await app.inject({ method: 'POST', url: `${page}/follow`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: fern.cookie } });
    expect(forged.statusCode).toBe(403);
    expect((await get(fern, '/account/subscriptions')).body).not.toContain('Overflowing bins');
  });
});
