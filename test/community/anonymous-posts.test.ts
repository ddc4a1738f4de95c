import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, markEmailConfirmed, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The site setting that takes problems from people without an account, held until a moderator approves them. */

let t: TestPlaza;
let app: FastifyInstance;
let mo: Person;
let modSession: { cookie: string; csrf: string };
const admin = () => ({ authorization: `Bearer ${t.token}` });

const problem = (title: string) => ({ title, description: 'The crossing light is too short for older people.', category: 'safety', place: { kind: 'citywide' } });
const anonymousPost = (title: string) => app.inject({ method: 'POST', url: '/api/v1/problems', payload: problem(title) });
const publicTitles = async () => (await app.inject('/api/v1/problems?limit=200')).json().results.map((p: { title: string }) => p.title);
const heldTitles = async () => (await app.inject({ url: '/api/v1/moderation/queue', headers: mo.auth })).json().held.results.map((p: { text: string }) => p.text);
const form = (url: string, fields: Record<string, string>, who?: { cookie: string; csrf: string }) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ ...(who ? { _csrf: who.csrf } : {}), ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) } });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  await markEmailConfirmed(t, await register(t.deps, { email: 'mod@example.org', name: 'Mod', password: 'held password 2030' }));
  const m = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(m!.id, { isModerator: true });
  const s = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'mod@example.org', password: 'held password 2030' } });
  modSession = { cookie: [s.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!.split(';')[0]!, csrf: s.json().csrf_token };
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('problems posted without an account', () => {
  it('are refused while the setting is off, which it is at first', async () => {
    expect((await app.inject('/api/v1/site')).json().anonymous_problems).toBe(false);
    expect((await anonymousPost('Short crossing light')).statusCode).toBe(401);
    const page = await app.inject('/problems/new');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fproblems%2Fnew');
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: mo.auth, payload: { anonymous_problems: true } })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: admin(), payload: { anonymous_problems: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject('/api/v1/site')).json().anonymous_problems).toBe(false);
  });

  it('are held once a site administrator allows them: hidden from everyone but moderators, unnamed in the activity stream, until approved', async () => {
    const on = await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: admin(), payload: { anonymous_problems: true } });
    expect(on.statusCode).toBe(200);
    expect(on.json().anonymous_problems).toBe(true);
    const r = await anonymousPost('Crossing light too short at Main and 3rd');
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({ hidden: true });
    expect(await publicTitles()).not.toContain('Crossing light too short at Main and 3rd');
    expect((await app.inject(`/api/v1/problems/${id}`)).statusCode).toBe(404);
    const [entry] = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 1 });
    expect(entry).toMatchObject({ verb: 'problem.posted', actorName: 'Anonymous', summary: 'posted a problem without an account, held for moderation' });
    expect(await heldTitles()).toContain('Crossing light too short at Main and 3rd');

    const approved = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/visibility`, headers: mo.auth, payload: { hidden: false, reason: 'A real problem.' } });
    expect(approved.statusCode).toBe(200);
    expect(await publicTitles()).toContain('Crossing light too short at Main and 3rd');
    expect(await heldTitles()).not.toContain('Crossing light too short at Main and 3rd');
  });

  it('leave the queue when declined, and stay hidden', async () => {
    const id = (await anonymousPost('Win a free phone now')).json().id;
    expect(await heldTitles()).toContain('Win a free phone now');
    const declined = await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/status`, headers: mo.auth, payload: { status: 'declined', reason: 'An advert.' } });
    expect(declined.statusCode).toBe(200);
    expect(await heldTitles()).not.toContain('Win a free phone now');
    expect(await publicTitles()).not.toContain('Win a free phone now');
  });

  it('come through the page form, which says they are held, and are approved from the moderation page', async () => {
    const page = await app.inject('/problems/new?lang=es');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Los problemas publicados sin cuenta quedan retenidos hasta que un moderador los aprueba.');
    const sent = await form('/problems', { title: 'Bus stop without a bench', description: 'Older riders have nowhere to sit on Elm.', category: 'mobility', place_kind: 'citywide' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/problems/new?held=1');
    expect((await app.inject('/problems/new?held=1')).body).toContain('Thank you: your problem is held until a moderator approves it');

    const queue = await app.inject({ url: '/moderation', headers: { cookie: modSession.cookie } });
    expect(queue.body).toMatch(/<h2 id="held">\d+ problems? waits? for approval<\/h2>/);
    expect(queue.body).toContain('Bus stop without a bench</a>');
    const [held] = (await t.deps.catalog.problems.listProblems({ sort: 'newest', includeHidden: true, heldOnly: true, limit: 1, offset: 0 })).results;
    expect(held!.title).toBe('Bus stop without a bench');
    const bare = await form(`/moderation/held/${held!.id}/approve`, { reason: '' }, modSession);
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Say why; the author is told.');
    const ok = await form(`/moderation/held/${held!.id}/approve`, { reason: 'Fine.' }, modSession);
    expect(ok.headers.location).toBe('/moderation?done=approved');
    expect(await publicTitles()).toContain('Bus stop without a bench');
  });

  it('show the setting on the site settings page', async () => {
    const s = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'mod@example.org', password: 'held password 2030' } });
    expect(s.statusCode).toBe(200);
    const settings = await app.inject({ url: '/admin/settings', headers: admin() });
    expect(settings.body).toContain('<input id="field-anonymous_problems" name="anonymous_problems" type="checkbox" checked');
    expect(settings.body).toContain('Let people post problems without an account');
  });
});
