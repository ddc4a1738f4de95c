import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The problem inventory over HTTP, as a resident's app or a city's triage tool would use it. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let ben: Person;

const problem = (extra: Record<string, unknown> = {}) => ({
  title: 'Bus shelter glass broken',
  description: 'The shelter at Fulton and Nostrand has had broken glass for two weeks.',
  affected: 'Riders waiting for the B44',
  category: 'mobility',
  place: { kind: 'point', lat: 40.6803, lon: -73.9503 },
  ...extra,
});

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('problems over HTTP', () => {
  it('posts a problem, answering 201 with where it lives, its text as given', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem({ title: '<b>Bus</b> shelter & glass' }) });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(r.headers.location).toBe(`/api/v1/problems/${body.id}`);
    expect(body).toMatchObject({ title: '<b>Bus</b> shelter & glass', status: 'new', votes: 0, voted: false, place: { kind: 'point', lat: 40.6803, lon: -73.9503 } });
    expect('history' in body).toBe(false);
    const read = await app.inject({ url: body.links.self });
    expect(read.json()).toMatchObject({ id: body.id, voted: null, history: [] });
  });

  it('answers bad input with one entry per field, and keeps nothing', async () => {
    const before = (await app.inject({ url: '/api/v1/problems' })).json().total;
    const r = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem({ title: 'x'.repeat(200), category: 'weather', place: { kind: 'point', lat: 100, lon: 0 } }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['title', 'category', 'place.lat']);
    expect((await app.inject({ url: '/api/v1/problems' })).json().total).toBe(before);
  });

  it('counts a vote once however often it is sent, and takes it back', async () => {
    const id = (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem() })).json().id;
    const votes = await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'PUT', url: `/api/v1/problems/${id}/vote`, headers: ben.auth })));
    expect(votes.map((v) => v.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(votes.filter((v) => v.json().changed)).toHaveLength(1);
    expect(votes.map((v) => v.json().votes)).toEqual([1, 1, 1, 1, 1]);
    expect((await app.inject({ url: `/api/v1/problems/${id}`, headers: ben.auth })).json()).toMatchObject({ votes: 1, voted: true });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/problems/${id}/vote`, headers: ben.auth })).json()).toEqual({ voted: false, changed: true, votes: 0 });
    expect((await app.inject({ method: 'PUT', url: `/api/v1/problems/${id}/vote` })).statusCode).toBe(401);
  });

  it('lists by votes, newest or trending, filtered by status and category, and refuses an unknown sort', async () => {
    const post = async (title: string, category: string) => (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem({ title, category }) })).json().id as string;
    const quiet = await post('Quiet food problem', 'food');
    const loud = await post('Loud food problem', 'food');
    for (const who of [ana, ben]) await app.inject({ method: 'PUT', url: `/api/v1/problems/${loud}/vote`, headers: who.auth });
    const titles = async (query: string) => (await app.inject({ url: `/api/v1/problems?${query}` })).json().results.map((p: { title: string }) => p.title);
    expect(await titles('category=food')).toEqual(['Loud food problem', 'Quiet food problem']);
    expect(await titles('category=food&sort=newest')).toEqual(['Loud food problem', 'Quiet food problem']);
    expect(await titles('category=food&sort=trending')).toEqual(['Loud food problem', 'Quiet food problem']);
    await app.inject({ method: 'POST', url: `/api/v1/problems/${quiet}/status`, headers: { authorization: `Bearer ${t.token}` }, payload: { status: 'under_review' } });
    expect(await titles('category=food&status=under_review')).toEqual(['Quiet food problem']);
    expect(await titles('organization=nobody')).toEqual([]);
    const bad = await app.inject({ url: '/api/v1/problems?sort=loudest' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([{ field: 'sort', message: 'is not a sort; use votes, newest, trending, relevance' }]);
  });

  it('triages with a history, and refuses a decline without a reason', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    const id = (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem() })).json().id;
    const reviewed = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: admin, payload: { status: 'under_review' } });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'under_review', history: [{ from: 'new', to: 'under_review', reason: null }] });
    const bare = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: admin, payload: { status: 'declined' } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields).toEqual([{ field: 'reason', message: 'Say why the problem is declined.' }]);
    const jump = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: admin, payload: { status: 'addressed' } });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error.details.allowed).toEqual(['new', 'scoped', 'declined']);
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: ana.auth, payload: { status: 'scoped' } })).statusCode).toBe(403);
  });

  it('takes comments and lists them with the problem, as text', async () => {
    const id = (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem() })).json().id;
    const r = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/comments`, headers: ben.auth, payload: { body: '<i>Same</i> at my stop' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ author: { name: 'Ben' }, body: '<i>Same</i> at my stop', hidden: false });
    const empty = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/comments`, headers: ben.auth, payload: { body: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toEqual([{ field: 'body', message: 'Write a comment.' }]);
    expect((await app.inject(`/api/v1/problems/${id}`)).json().comments.map((c: { body: string }) => c.body)).toEqual(['<i>Same</i> at my stop']);
  });

  it('lets a site administrator make a moderator, who triages and sees hidden problems and changes nothing else', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    const mo = await makePerson(t, { name: 'Mo' });
    const id = (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem() })).json().id;
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: mo.auth, payload: { status: 'under_review' } })).statusCode).toBe(403);
    const made = await app.inject({ method: 'PATCH', url: `/api/v1/users/${mo.user.id}`, headers: admin, payload: { is_moderator: true } });
    expect(made.statusCode).toBe(200);
    expect(made.json()).toMatchObject({ is_moderator: true, is_site_admin: false });
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: mo.auth, payload: { status: 'under_review' } })).statusCode).toBe(200);
    await t.deps.catalog.problems.updateProblem(id, { hidden: true });
    expect((await app.inject({ url: `/api/v1/problems/${id}`, headers: mo.auth })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/problems/${id}`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: mo.auth, payload: { name: 'Mo City' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: mo.auth, payload: { name: 'Mo Department' } })).statusCode).toBe(403);
  });
});
