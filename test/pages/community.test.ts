import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let reader: Person;
let open: string;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  open = (await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter-census' })).slug;
  const auth = { authorization: `Bearer ${t.token}` };
  await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { title: 'Unfinished census', organization: 'Test Department', slug: 'unfinished' } });
  reader = await makePerson(t, { name: 'Reader' });
  await t.deps.catalog.accounts.updateUser(reader.user.id, { passwordHash: await hashPassword('a long enough password') });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('organization pages', () => {
  it('show the organization and the datasets the reader may see, and 404 for an unknown one', async () => {
    const page = await app.inject('/organizations/test-department');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Test Department</h1>');
    expect(page.body).toContain(`/datasets/${open}`);
    expect(page.body).not.toContain('/datasets/unfinished');
    expect((await app.inject('/organizations/nobody')).statusCode).toBe(404);
  });
});

describe('the subscriptions page the digest links to', () => {
  it('sends strangers to sign in, lists what a person follows, and stops a subscription only with the form token', async () => {
    const away = await app.inject('/account/subscriptions');
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/sign-in?next=%2Faccount%2Fsubscriptions');

    const created = await app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: reader.auth, payload: { dataset: open, email: true } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: reader.user.email, password: 'a long enough password' } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const csrf = signIn.json().csrf_token as string;

    const page = await app.inject({ url: '/account/subscriptions', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Shelter census');
    expect(page.body).toContain(`/account/subscriptions/${id}/delete`);

    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    const forged = await app.inject({ method: 'POST', url: `/account/subscriptions/${id}/delete`, headers: form, payload: '_csrf=wrong' });
    expect(forged.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/subscriptions', headers: reader.auth })).json().results).toHaveLength(1);

    const stopped = await app.inject({ method: 'POST', url: `/account/subscriptions/${id}/delete`, headers: form, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.body).toContain('The subscription is stopped.');
    expect((await app.inject({ url: '/api/v1/subscriptions', headers: reader.auth })).json().results).toHaveLength(0);
  });
});
