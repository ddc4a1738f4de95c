import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { postRequest } from '../../src/actions/community/post-request.ts';
import { buildApp } from '../../src/http/app.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The requests linked to a problem, on the problem's page and the request's, as pages without JavaScript; English and Spanish. */

const PASSWORD = 'request links password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let moderator: Session;
let problemId: string;
let requestId: string;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}
const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (url: string, who?: Session) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['ana', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const mod = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
  ana = await signIn('ana@example.org');
  moderator = await signIn('mod@example.org');
  const r = await post(ana, '/problems', { title: 'No shade on the school walk', description: 'Something residents see every day and want fixed.', affected: '', category: 'environment', place_kind: 'citywide' });
  expect(r.statusCode).toBe(303);
  problemId = r.headers.location!.replace(/\?.*$/, '').split('/').pop()!;
  requestId = (await postRequest(t.deps, t.admin, { title: 'Street tree inventory', description: 'Where the trees are, and how old they are.' })).id;
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('requests linked to a problem, as pages', () => {
  it('let a triager link an open request from the problem page, shown on both pages in English and Spanish, and unlink it', async () => {
    const page = await get(`/problems/${problemId}`, moderator);
    expect(page.body).toContain('<h3 id="linked-requests">Requests that bear on it</h3>');
    expect(page.body).toContain('No request is linked to this problem yet.');
    expect(page.body).toContain(`<option value="${requestId}">Street tree inventory</option>`);

    const linked = await post(moderator, `/problems/${problemId}/links`, { kind: 'request', request: requestId });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`/problems/${problemId}?linked=1&kind=request#linked`);
    expect((await get(`/problems/${problemId}?linked=1&kind=request`, moderator)).body).toContain('The request is linked.');
    const again = await post(moderator, `/problems/${problemId}/links`, { kind: 'request', request: requestId });
    expect(again.headers.location).toBe(`/problems/${problemId}?linked=0&kind=request#linked`);
    expect(await t.deps.catalog.problemLinks.listProblemLinks(problemId)).toHaveLength(1);

    const visitor = await get(`/problems/${problemId}`);
    expect(visitor.body).toContain(`<a href="/requests/${requestId}">Street tree inventory</a>`);
    expect(visitor.body).not.toContain('Link an open request');
    expect((await get(`/problems/${problemId}`, ana)).body).not.toContain('Link an open request');
    expect((await get(`/problems/${problemId}?lang=es`)).body).toContain('Solicitudes relacionadas');

    const request = await get(`/requests/${requestId}`);
    expect(request.body).toContain('<h2 id="bearing">Problems this request bears on</h2>');
    expect(request.body).toContain(`<a href="/problems/${problemId}">No shade on the school walk</a>`);
    expect((await get(`/requests/${requestId}?lang=es`)).body).toContain('Problemas relacionados con esta solicitud');

    const off = await post(moderator, `/problems/${problemId}/links/remove`, { kind: 'request', target: requestId });
    expect(off.headers.location).toBe(`/problems/${problemId}?unlinked=1&kind=request#linked`);
    expect((await get(`/problems/${problemId}`)).body).toContain('No request is linked to this problem yet.');
    expect((await get(`/requests/${requestId}`)).body).not.toContain('Problems this request bears on');
  });

  it('refuse an unknown request with the message by the request field, in English and Spanish, changing nothing', async () => {
    const unknown = await post(moderator, `/problems/${problemId}/links`, { kind: 'request', request: 'no-such-request' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('There is no request &quot;no-such-request&quot;.');
    expect(unknown.body).toContain('id="field-request-error"');
    expect(unknown.body).not.toContain('id="field-target-error"');
    const es = await post(moderator, `/problems/${problemId}/links?lang=es`, { kind: 'request', request: 'no-such-request' });
    expect(es.body).toContain('No existe la solicitud &quot;no-such-request&quot;.');
    const empty = await post(moderator, `/problems/${problemId}/links?lang=es`, { kind: 'request', request: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Elija una solicitud.');
    expect((await post(ana, `/problems/${problemId}/links`, { kind: 'request', request: requestId })).statusCode).toBe(403);
    expect(await t.deps.catalog.problemLinks.listProblemLinks(problemId)).toEqual([]);
  });
});
