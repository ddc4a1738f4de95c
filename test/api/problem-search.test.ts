import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Searching the problem inventory over HTTP: `q` with the filters and sorts, facet counts, and what each caller may see. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let moderator: Person;
const ids: Record<string, string> = {};

const post = async (key: string, body: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: { affected: '', place: { kind: 'citywide' }, ...body } });
  expect(r.statusCode).toBe(201);
  ids[key] = r.json().id as string;
};

const list = async (query: string, who?: Person) => {
  const r = await app.inject({ url: `/api/v1/problems?${query}`, ...(who ? { headers: who.auth } : {}) });
  expect(r.statusCode).toBe(200);
  return r.json() as { total: number; results: { id: string; title: string }[]; facets: Record<string, { value: string; count: number }[]> };
};
const titles = async (query: string, who?: Person) => (await list(query, who)).results.map((p) => p.title);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  moderator = await makePerson(t, { name: 'Mo', moderator: true });
  await post('flood', { title: 'Flooded underpass on 5th Street', description: 'After every storm the underpass floods knee-deep.', category: 'mobility' });
  await post('baches', { title: 'Baches en la avenida', description: 'Los baches rompen las ruedas de las bicicletas.', category: 'mobility' });
  await post('heat', { title: 'No shade at the bus stop', description: 'Riders wait in the heat; the street floods too.', category: 'environment' });
  await post('hidden', { title: 'Flooding spam', description: 'Buy cheap pumps now.', category: 'other' });
  const hide = await app.inject({ method: 'POST', url: `/api/v1/problems/${ids.hidden}/visibility`, headers: moderator.auth, payload: { hidden: true, reason: 'Spam' } });
  expect(hide.statusCode).toBe(200);
  const vote = await app.inject({ method: 'PUT', url: `/api/v1/problems/${ids.heat}/vote`, headers: moderator.auth });
  expect(vote.statusCode).toBe(200);
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('problem search over HTTP', () => {
  it('finds problems by any form of a word, best match first unless a sort is asked for', async () => {
    expect(await titles('q=flooding')).toEqual(['Flooded underpass on 5th Street', 'No shade at the bus stop']);
    expect(await titles('q=flooding&sort=votes')).toEqual(['No shade at the bus stop', 'Flooded underpass on 5th Street']);
    expect(await titles('q=bache')).toEqual(['Baches en la avenida']);
    expect(await titles('q=bicicleta%20ruedas')).toEqual(['Baches en la avenida']);
    expect(await titles('q=undrepass')).toEqual(['Flooded underpass on 5th Street']);
    // The site's synonyms (its default groups): "bike" brings "bicicleta".
    expect(await titles('q=bike')).toEqual(['Baches en la avenida']);
  });

  it('combines the text with the filters', async () => {
    expect(await titles('q=floods&category=environment')).toEqual(['No shade at the bus stop']);
    expect(await titles('q=floods&status=scoped')).toEqual([]);
  });

  it('never finds a hidden problem for the public, and finds it for moderators', async () => {
    expect((await list('q=spam')).total).toBe(0);
    expect(await titles('q=spam', ana)).toEqual([]);
    expect(await titles('q=spam', moderator)).toEqual(['Flooding spam']);
  });

  it('counts the problems found by category, status and area', async () => {
    const found = await list('q=floods');
    expect(found.total).toBe(2);
    expect(found.facets).toEqual({ category: [{ value: 'environment', count: 1 }, { value: 'mobility', count: 1 }], status: [{ value: 'new', count: 2 }], area: [] });
    const narrowed = await list('q=floods&category=mobility');
    expect(narrowed.total).toBe(1);
    expect(narrowed.facets.category).toEqual([{ value: 'environment', count: 1 }, { value: 'mobility', count: 1 }]);
    expect((await list('')).facets.category).toEqual([{ value: 'mobility', count: 2 }, { value: 'environment', count: 1 }]);
  });

  it('refuses text that is too long or a sort it does not know, with a clear message', async () => {
    const long = await app.inject({ url: `/api/v1/problems?q=${'a'.repeat(501)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['q']);
    const sort = await app.inject({ url: '/api/v1/problems?q=floods&sort=best' });
    expect(sort.statusCode).toBe(400);
    expect(JSON.stringify(sort.json())).toContain('is not a sort; use votes, newest, trending, relevance');
  });
});
