import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, markEmailConfirmed, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Posting, voting and commenting need a confirmed email address; an account without one is told so, and nothing changes. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let newcomer: Person;
let problemId: string;

const problem = { title: 'Streetlight out on Elm', description: 'The light at Elm and 3rd has been dark for a week.', category: 'safety', place: { kind: 'citywide' } };

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  newcomer = await makePerson(t, { name: 'Newcomer', unverified: true });
  const posted = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: problem });
  problemId = posted.json().id;
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const refusedForEmail = (r: { statusCode: number; json(): { error: { code: string; message: string; details: unknown } } }) => {
  expect(r.statusCode).toBe(403);
  expect(r.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'email_unverified' } });
  expect(r.json().error.message).toMatch(/^Confirm your email address first/);
};

describe('an account whose email address is not confirmed', () => {
  it('cannot post a problem, and none is kept', async () => {
    const before = (await app.inject({ url: '/api/v1/problems' })).json().total;
    refusedForEmail(await app.inject({ method: 'POST', url: '/api/v1/problems', headers: newcomer.auth, payload: problem }));
    expect((await app.inject({ url: '/api/v1/problems' })).json().total).toBe(before);
  });

  it('cannot vote or comment, and the count and the comments stay as they were', async () => {
    refusedForEmail(await app.inject({ method: 'PUT', url: `/api/v1/problems/${problemId}/vote`, headers: newcomer.auth }));
    refusedForEmail(await app.inject({ method: 'POST', url: `/api/v1/problems/${problemId}/comments`, headers: newcomer.auth, payload: { body: 'Same on my street.' } }));
    const read = (await app.inject({ url: `/api/v1/problems/${problemId}` })).json();
    expect(read.votes).toBe(0);
    expect((await t.deps.catalog.problems.listComments(problemId, true)).length).toBe(0);
  });

  it('may do all three once the address is confirmed', async () => {
    const person = await makePerson(t, { name: 'Later', unverified: true });
    await markEmailConfirmed(t, person.user);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/problems/${problemId}/vote`, headers: person.auth })).json()).toMatchObject({ voted: true, votes: 1 });
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${problemId}/comments`, headers: person.auth, payload: { body: 'Same on my street.' } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/problems', headers: person.auth, payload: problem })).statusCode).toBe(201);
  });
});
