import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let admin: Person;

const problem = (category: string) => ({
  title: 'Street lamp out on Fulton',
  description: 'The lamp at Fulton and Nostrand has been dark for a week.',
  affected: 'People walking home at night',
  category,
  place: { kind: 'citywide' },
});

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  admin = await makePerson(t, { name: 'Ada', siteAdmin: true });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('problem categories as a site setting', () => {
  it('takes the city’s own categories, refuses others, and keeps a removed one on the problems filed under it', async () => {
    const before = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem('mobility') });
    expect(before.statusCode).toBe(201);

    const set = await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: admin.auth, payload: { problem_categories: ['housing', 'street lighting'] } });
    expect(set.statusCode).toBe(200);
    expect(set.json().problem_categories).toEqual(['housing', 'street lighting']);

    const added = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem('street lighting') });
    expect(added.statusCode).toBe(201);
    expect(added.json().category).toBe('street lighting');

    const total = (await app.inject({ url: '/api/v1/problems' })).json().total;
    const refused = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem('mobility') });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields).toEqual([expect.objectContaining({ field: 'category' })]);
    expect((await app.inject({ url: '/api/v1/problems' })).json().total).toBe(total);

    expect((await app.inject({ url: `/api/v1/problems/${before.json().id}` })).json().category).toBe('mobility');
    const list = await app.inject({ url: '/problems?category=mobility' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<option value="street lighting">street lighting</option>');
    expect(list.body).toContain('<option value="housing">Housing</option>');
    expect(list.body).not.toContain('<option value="food">');
    expect(list.body).toContain('Street lamp out on Fulton');
  });

  it('refuses an empty, repeated or overlong list and keeps the one set', async () => {
    for (const bad of [[], ['Housing', 'housing'], ['x'.repeat(41)]]) {
      const r = await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: admin.auth, payload: { problem_categories: bad } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields[0].field).toMatch(/^problem_categories/);
    }
    expect((await app.inject({ url: '/api/v1/site' })).json().problem_categories).toEqual(['housing', 'street lighting']);
  });

  it('offers area and organization on the list’s filter form, keeping what the address chose', async () => {
    await createOrganization(t.deps, t.admin, { name: 'Transportation' });
    const page = await app.inject({ url: '/problems?area=Bedford&organization=transportation' });
    expect(page.statusCode).toBe(200);
    const form = page.body.slice(page.body.indexOf('<form method="get" action="/problems"'));
    expect(form).toMatch(/<input id="area" name="area" type="text" class="usa-input" value="Bedford"/);
    expect(form).toContain('<option value="transportation" selected>Transportation</option>');
  });
});
