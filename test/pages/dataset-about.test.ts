import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let reader: Person;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await loadDemoDataset(t, 'food-pantries-2024-11');
  await loadDemoDataset(t, 'emergency-food-sites');
  reader = await makePerson(t, { name: 'Reader' });
  await t.deps.catalog.accounts.updateUser(reader.user.id, { passwordHash: await hashPassword('a long enough password') });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

/** The text of the about list's value after a label. */
const valueOf = (body: string, label: string): string => new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`, 's').exec(body)?.[1] ?? '';

describe("a dataset's coverage, language and licence", () => {
  it('shows the time and area the data covers, its language and its licence from its metadata, in English and Spanish', async () => {
    const en = (await app.inject('/datasets/food-pantries-2024-11')).body;
    expect(valueOf(en, 'Time covered')).toBe('Nov 1, 2024 to Nov 30, 2024');
    expect(valueOf(en, 'Area covered')).toBe('New York City');
    expect(valueOf(en, 'Language')).toBe('English');
    expect(valueOf(en, 'License')).toBe('<a href="https://www.usa.gov/government-works">U.S. Public Domain</a>');

    const es = (await app.inject({ url: '/datasets/food-pantries-2024-11', headers: { 'accept-language': 'es' } })).body;
    expect(valueOf(es, 'Periodo cubierto')).toBe('Del 1 nov 2024 al 30 nov 2024');
    expect(valueOf(es, 'Idioma')).toBe('inglés');

    const sites = (await app.inject('/datasets/emergency-food-sites')).body;
    expect(valueOf(sites, 'Area covered')).toBe('New York City · west -74.26, south 40.49, east -73.7, north 40.92');
    expect(sites).not.toContain('<dt>Time covered</dt>');
  });
});

describe('following a dataset from its page', () => {
  it('links its Atom feed in the head and on the page, and asks visitors to sign in to follow', async () => {
    const page = (await app.inject('/datasets/food-pantries-2024-11')).body;
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Changes to Food pantries and soup kitchens, November 2024" href="/feeds/datasets/food-pantries-2024-11.atom"/>');
    expect(page).toMatch(/<a href="\/feeds\/datasets\/food-pantries-2024-11\.atom"[^>]*>Atom feed of its changes<\/a>/);
    expect(page).toContain('<a href="/sign-in?next=%2Fdatasets%2Ffood-pantries-2024-11">Sign in to follow this dataset</a>');
    expect((await app.inject('/feeds/datasets/food-pantries-2024-11.atom')).statusCode).toBe(200);
  });

  it('subscribes a signed-in person with the form token, once, and then says they follow it', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: reader.user.email, password: 'a long enough password' } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const csrf = signIn.json().csrf_token as string;
    const before = (await app.inject({ url: '/datasets/food-pantries-2024-11', headers: { cookie } })).body;
    expect(before).toContain('<form method="post" action="/datasets/food-pantries-2024-11/follow">');
    expect(before).toContain(`<input type="hidden" name="_csrf" value="${csrf}"/>`);

    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    const forged = await app.inject({ method: 'POST', url: '/datasets/food-pantries-2024-11/follow', headers: form, payload: '_csrf=wrong' });
    expect(forged.statusCode).toBe(403);
    for (let i = 0; i < 2; i++) {
      const followed = await app.inject({ method: 'POST', url: '/datasets/food-pantries-2024-11/follow', headers: form, payload: `_csrf=${encodeURIComponent(csrf)}` });
      expect(followed.statusCode).toBe(303);
      expect(followed.headers.location).toBe('/datasets/food-pantries-2024-11');
    }
    const mine = (await app.inject({ url: '/api/v1/subscriptions', headers: reader.auth })).json().results as { dataset: { slug: string } | null; email: boolean }[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dataset: { slug: 'food-pantries-2024-11' }, email: true });

    const after = (await app.inject({ url: '/datasets/food-pantries-2024-11', headers: { cookie } })).body;
    expect(after).toContain('You follow this dataset.');
    expect(after).not.toContain('/datasets/food-pantries-2024-11/follow');
  });

  it('sends a visitor who posts the form to sign in', async () => {
    const r = await app.inject({ method: 'POST', url: '/datasets/food-pantries-2024-11/follow', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/sign-in?next=%2Fdatasets%2Ffood-pantries-2024-11');
  });
});
