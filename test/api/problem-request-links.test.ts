import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { organization } from '../contract/factories.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Linking the dataset requests that bear on a problem. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let mo: Person;
let editor: Person;
const org = organization({ slug: 'parks', name: 'Parks' });

const problem = async () =>
  (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: { title: 'No shade on the walk to school', description: 'The walk along Fulton has no trees at all.', category: 'environment', place: { kind: 'citywide' } } })).json().id as string;
const request = async (title: string) =>
  (await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: { title, description: 'Where the trees are, and how old they are.' } })).json().id as string;
const links = (id: string, method: 'POST' | 'DELETE', who: Person, payload: Record<string, unknown>) => app.inject({ method, url: `/api/v1/problems/${id}/links`, headers: who.auth, payload });
const activityOf = async (id: string) => (await t.deps.catalog.activity.listActivity({ subject: `problem:${id}`, visibility: { all: true }, limit: 20 })).map((e) => ({ verb: e.verb, details: e.details }));

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  await t.deps.catalog.datasets.createOrganization(org);
  ana = await makePerson(t, { name: 'Ana' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  editor = await makePerson(t, { name: 'Eve', roles: { [org.id]: 'editor' } });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('linking requests to problems over HTTP', () => {
  it('links a request by id or address once, lists it for everyone, and unlinks it, each change in the activity stream', async () => {
    const id = await problem();
    const req = await request('Street tree inventory');
    const first = await links(id, 'POST', mo, { kind: 'request', target: req });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ changed: true, results: [{ kind: 'request', id: req, title: 'Street tree inventory', linked_at: expect.any(String), links: { self: `/api/v1/requests/${req}`, page: `/requests/${req}` } }] });
    const again = await links(id, 'POST', mo, { kind: 'request', target: `http://localhost/requests/${req}` });
    expect(again.json()).toMatchObject({ changed: false, results: [{ kind: 'request', id: req }] });
    expect((await links(id, 'POST', mo, { kind: 'request', target: `/requests/${req}` })).json()).toMatchObject({ changed: false });
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json()).toMatchObject({ changed: null, results: [{ kind: 'request', id: req }] });
    const entries = await activityOf(id);
    expect(entries.map((e) => e.verb)).toEqual(['problem.linked', 'problem.posted']);
    expect(entries[0]?.details).toMatchObject({ kind: 'request', target_id: req });

    expect((await links(id, 'DELETE', mo, { kind: 'request', target: req })).json()).toEqual({ changed: true, results: [] });
    expect((await links(id, 'DELETE', mo, { kind: 'request', target: req })).json()).toEqual({ changed: false, results: [] });
    expect((await activityOf(id)).map((e) => e.verb)).toEqual(['problem.unlinked', 'problem.linked', 'problem.posted']);
  });

  it('lists datasets and requests together, and a request does not stand in for a dataset of the same name', async () => {
    const id = await problem();
    const req = await request('Tree canopy survey');
    expect((await links(id, 'POST', mo, { kind: 'request', target: req })).json()).toMatchObject({ changed: true });
    const asDataset = await links(id, 'POST', mo, { kind: 'dataset', target: req });
    expect(asDataset.statusCode).toBe(400);
    expect(asDataset.json().error.message).toBe(`There is no dataset "${req}".`);
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json().results.map((r: { kind: string }) => r.kind)).toEqual(['request']);
  });

  it('refuses unknown requests, hidden ones the triager may not see, and people who may not triage, and changes nothing', async () => {
    const id = await problem();
    const unknown = await links(id, 'POST', mo, { kind: 'request', target: 'no-such-request' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields).toEqual([{ field: 'target', message: 'There is no request "no-such-request".' }]);

    const hidden = await request('Hidden request');
    await t.deps.catalog.requests.updateRequest(hidden, { hidden: true });
    await t.deps.catalog.problems.updateProblem(id, { organizationId: org.id });
    const refused = await links(id, 'POST', editor, { kind: 'request', target: hidden });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(`There is no request "${hidden}".`);

    const req = await request('Shade map');
    expect((await links(id, 'POST', ana, { kind: 'request', target: req })).statusCode).toBe(403);
    const empty = await links(id, 'POST', mo, { kind: 'request', target: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toEqual([{ field: 'target', message: 'Choose a request.' }]);
    expect((await links(id, 'POST', mo, { kind: 'request', target: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json().results).toEqual([]);
    expect((await activityOf(id)).map((e) => e.verb)).toEqual(['problem.posted']);

    // The moderator sees the hidden request and may link it; readers who may not see it do not get it listed.
    expect((await links(id, 'POST', mo, { kind: 'request', target: hidden })).json()).toMatchObject({ changed: true });
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json().results).toEqual([]);
    expect((await app.inject({ url: `/api/v1/problems/${id}/links`, headers: mo.auth })).json().results.map((r: { id: string }) => r.id)).toEqual([hidden]);
  });
});
