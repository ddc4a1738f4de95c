import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { buildApp } from '../../src/http/app.ts';
import { communityActOf } from '../../src/http/rate-limit/community.ts';
import { makePerson, markEmailConfirmed, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Posting and voting limits per account and per address, on the API and on the pages. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let ben: Person;
let cara: Person;

const problem = (title: string) => ({ title, description: 'Water pools at the corner after every rain.', category: 'environment', place: { kind: 'citywide' } });
const postAs = (who: Person, title: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/v1/problems', headers: who.auth, payload: problem(title), remoteAddress });
const count = async () => (await t.deps.catalog.problems.listProblems({ sort: 'newest', limit: 1, offset: 0 })).total;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent', communityLimits: { post: { account: 2, address: 3 }, vote: { account: 2, address: 0 } } });
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
  cara = await makePerson(t, { name: 'Cara' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('community limits', () => {
  it('know which requests post and which vote, on the API and the pages', () => {
    expect(communityActOf('POST', '/api/v1/problems')).toBe('post');
    expect(communityActOf('POST', '/problems?lang=es')).toBe('post');
    expect(communityActOf('POST', '/problems/abc/comments')).toBe('post');
    expect(communityActOf('POST', '/problems/abc/comments/def/report')).toBe('post');
    expect(communityActOf('POST', '/api/v1/reports')).toBe('post');
    expect(communityActOf('PUT', '/api/v1/problems/abc/vote')).toBe('vote');
    expect(communityActOf('POST', '/problems/abc/vote')).toBe('vote');
    expect(communityActOf('GET', '/api/v1/problems')).toBeUndefined();
    expect(communityActOf('POST', '/problems/abc/status')).toBeUndefined();
  });

  it('refuse an account\'s posts over its limit with 429 and a clear message, keeping nothing', async () => {
    expect((await postAs(ana, 'First of Ana', '10.0.0.1')).statusCode).toBe(201);
    expect((await postAs(ana, 'Second of Ana', '10.0.0.2')).statusCode).toBe(201);
    const before = await count();
    const third = await postAs(ana, 'Third of Ana', '10.0.0.3');
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json().error).toMatchObject({ code: 'rate_limited', details: { limit: 2, per: 'account' } });
    expect(third.json().error.message).toMatch(/^Too many posts: the limit is 2 per hour for an account\. Try again in \d+ minutes?\.$/);
    expect(await count()).toBe(before);
  });

  it('refuse an address\'s posts over its limit, whichever account sends them', async () => {
    expect((await postAs(ben, 'Ben from the library', '10.1.0.1')).statusCode).toBe(201);
    expect((await postAs(cara, 'Cara from the library', '10.1.0.1')).statusCode).toBe(201);
    expect((await postAs(cara, 'Cara again from the library', '10.1.0.1')).statusCode).toBe(201);
    const over = await postAs(ben, 'Ben again from the library', '10.1.0.1');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.details.per).toBe('address');
    expect((await postAs(ben, 'Ben from home', '10.1.0.2')).statusCode).toBe(201);
  });

  it('limit votes too, and reads stay free', async () => {
    const id = (await postAs(await makePerson(t, { name: 'Fay' }), 'Something to vote on', '10.2.0.1')).json().id;
    const voter = await makePerson(t, { name: 'Dee' });
    const vote = (method: 'PUT' | 'DELETE') => app.inject({ method, url: `/api/v1/problems/${id}/vote`, headers: voter.auth, remoteAddress: '10.2.0.2' });
    expect((await vote('PUT')).statusCode).toBe(200);
    expect((await vote('DELETE')).statusCode).toBe(200);
    const third = await vote('PUT');
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toMatch(/^Too many votes/);
    expect((await t.deps.catalog.problems.getProblem(id))?.votes).toBe(0);
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: `/api/v1/problems/${id}`, headers: voter.auth, remoteAddress: '10.2.0.2' })).statusCode).toBe(200);
  });

  it('answer a page\'s form over the limit with a page saying when to try again, in English and Spanish', async () => {
    await markEmailConfirmed(t, await register(t.deps, { email: 'eve@example.org', name: 'Eve', password: 'limits password 2030' }));
    const s = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'eve@example.org', password: 'limits password 2030' } });
    const cookie = [s.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!.split(';')[0]!;
    const form = (url: string, title: string, remoteAddress = '10.3.0.1') =>
      app.inject({ method: 'POST', url, remoteAddress, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.json().csrf_token, title, description: 'After every storm the underpass floods.', category: 'mobility', place_kind: 'citywide' }).toString() });
    expect((await form('/problems', 'Flooded underpass one')).statusCode).toBe(303);
    expect((await form('/problems', 'Flooded underpass two')).statusCode).toBe(303);
    const en = await form('/problems', 'Flooded underpass three');
    expect(en.statusCode).toBe(429);
    expect(en.headers['content-type']).toContain('text/html');
    expect(en.body).toContain('<h1>Please slow down</h1>');
    expect(en.body).toMatch(/the limit is 2 an hour\. Please try again in \d+ minutes?\./);
    const es = await form('/problems?lang=es', 'Flooded underpass four', '10.3.0.2');
    expect(es.statusCode).toBe(429);
    expect(es.body).toContain('<h1>Vaya más despacio</h1>');
    expect(es.body).toContain('el límite es 2 por hora');
  });
});
