import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { multipart } from '../support/multipart.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The ecosystem map's pages: forms that keep what was typed when refused, and imports refused row by row in the reader's language. */

let t: TestPlaza;
let app: FastifyInstance;
let staff: Session;
let resident: Session;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  staff = await signIn(t, app, await makePerson(t, { moderator: true }), 'ecosystem pages 2030');
  resident = await signIn(t, app, await makePerson(t), 'ecosystem pages 2030');
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const form = (who: Session, url: string, fields: Record<string, string>, lang = 'en') =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie, 'accept-language': lang } });

describe('the ecosystem pages', () => {
  it('add an actor and a relationship, keeping what was typed when refused', async () => {
    const refused = await form(staff, '/ecosystem/actors', { name: 'Pantry Friends', kind: '', topics: 'food' }, 'es');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Elija un tipo de actor');
    expect(refused.body).toContain('value="Pantry Friends"');
    const ok = await form(staff, '/ecosystem/actors', { name: 'Pantry Friends', kind: 'community_organization', topics: 'food' });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, '/ecosystem/actors/pantry-friends?saved=1']);
    await form(staff, '/ecosystem/actors', { name: 'Food Funders', kind: 'funder', topics: '' });
    const dup = await form(staff, '/ecosystem/actors', { name: 'Pantry Friends', kind: 'media' });
    expect([dup.statusCode, dup.body.includes('Another actor already has this slug')]).toEqual([409, true]);
    const self = await form(staff, '/ecosystem/relationships', { from: 'food-funders', to: 'food-funders', kind: 'funds' });
    expect([self.statusCode, self.body.includes('A relationship joins two different actors')]).toEqual([400, true]);
    const rel = await form(staff, '/ecosystem/relationships', { from: 'food-funders', to: 'pantry-friends', kind: 'funds', topics: 'food' });
    expect(rel.statusCode).toBe(303);
    const page = await app.inject({ url: '/ecosystem/actors/pantry-friends' });
    expect(page.body).toContain('Funded by <a href="/ecosystem/actors/food-funders">Food Funders</a>');
    const map = await app.inject({ url: '/ecosystem?kind=funder' });
    expect(map.body).toContain('data-slug="food-funders"');
    expect(map.body).not.toContain('data-slug="pantry-friends"');
    expect((await form(resident, '/ecosystem/actors', { name: 'Nope', kind: 'media' })).statusCode).toBe(403);
  });

  it('refuse a bad import row by row, in Spanish, keeping nothing', async () => {
    const before = (await app.inject({ url: '/ecosystem.json' })).body;
    const body = multipart({ _csrf: staff.csrf }, { actors: { name: 'mis-actores.csv', type: 'text/csv', content: Buffer.from('slug,name,kind\nnew-a,New A,agency\nnew-b,New B,wizard\n') } });
    const r = await app.inject({ method: 'POST', url: '/ecosystem/import', payload: body.payload, headers: { ...body.headers, cookie: staff.cookie, 'accept-language': 'es' } });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('No se importó nada');
    expect(r.body).toContain('mis-actores.csv, fila 3, columna kind: Elija un tipo de actor');
    expect((await app.inject({ url: '/ecosystem.json' })).body).toBe(before);
    const good = multipart({ _csrf: staff.csrf }, { actors: { name: 'a.csv', type: 'text/csv', content: Buffer.from('slug,name,kind\nnew-a,New A,agency\n') } });
    const ok = await app.inject({ method: 'POST', url: '/ecosystem/import', payload: good.payload, headers: { ...good.headers, cookie: staff.cookie } });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, '/ecosystem?imported=1&relations=0']);
  });
});
