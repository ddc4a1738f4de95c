import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { bareDataset, organization } from '../contract/factories.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Linking the datasets that bear on a problem, as a city's triage tool would. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let mo: Person;
let editor: Person;
const org = organization({ slug: 'parks', name: 'Parks' });
const other = organization({ slug: 'police', name: 'Police' });
const trees = bareDataset(org.id, { slug: 'street-trees', title: 'Street trees' });
const draft = bareDataset(other.id, { slug: 'stops-draft', title: 'Stops (draft)', status: 'draft' });

const post = async (who: Person) =>
  (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: who.auth, payload: { title: 'No shade on the walk to school', description: 'The walk along Fulton has no trees at all.', category: 'environment', place: { kind: 'citywide' } } })).json().id as string;
const links = (id: string, method: 'POST' | 'DELETE', who: Person, payload: unknown) => app.inject({ method, url: `/api/v1/problems/${id}/links`, headers: who.auth, payload: payload as Record<string, unknown> });
const activityOf = async (id: string) => (await t.deps.catalog.activity.listActivity({ subject: `problem:${id}`, visibility: { all: true }, limit: 20 })).map((e) => e.verb);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  for (const o of [org, other]) await t.deps.catalog.datasets.createOrganization(o);
  for (const d of [trees, draft]) await t.deps.catalog.datasets.createDataset(d);
  ana = await makePerson(t, { name: 'Ana' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  editor = await makePerson(t, { name: 'Eve', roles: { [org.id]: 'editor' } });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('problem links over HTTP', () => {
  it('links a dataset by slug or address once, lists it for everyone, and unlinks it, each change in the activity stream', async () => {
    const id = await post(ana);
    const first = await links(id, 'POST', mo, { kind: 'dataset', target: 'street-trees' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ changed: true, results: [{ kind: 'dataset', id: trees.id, slug: 'street-trees', title: 'Street trees', links: { page: '/datasets/street-trees' } }] });
    const again = await links(id, 'POST', mo, { target: 'http://localhost/datasets/street-trees' });
    expect(again.json()).toMatchObject({ changed: false, results: [{ id: trees.id }] });
    const read = await app.inject({ url: `/api/v1/problems/${id}/links` });
    expect(read.json()).toMatchObject({ changed: null, results: [{ id: trees.id }] });
    expect(await activityOf(id)).toEqual(['problem.linked', 'problem.posted']);

    const off = await links(id, 'DELETE', mo, { kind: 'dataset', target: trees.id });
    expect(off.json()).toEqual({ changed: true, results: [] });
    expect((await links(id, 'DELETE', mo, { target: trees.id })).json()).toEqual({ changed: false, results: [] });
    expect(await activityOf(id)).toEqual(['problem.unlinked', 'problem.linked', 'problem.posted']);
  });

  it('refuses bad input, datasets the triager may not see, and people who may not triage, and changes nothing', async () => {
    const id = await post(ana);
    const empty = await links(id, 'POST', mo, { target: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toEqual([{ field: 'target', message: 'Choose a dataset.' }]);
    const kind = await links(id, 'POST', mo, { kind: 'project', target: 'street-trees' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);
    const hiddenDraft = await links(id, 'POST', mo, { target: 'stops-draft' });
    expect(hiddenDraft.statusCode).toBe(400);
    expect(hiddenDraft.json().error.message).toBe('There is no dataset "stops-draft".');
    expect((await links(id, 'POST', mo, { target: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await links(id, 'POST', ana, { target: 'street-trees' })).statusCode).toBe(403);
    expect((await links(id, 'POST', editor, { target: 'street-trees' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${id}/links`, payload: { target: 'street-trees' } })).statusCode).toBe(401);
    expect((await links('no-such-problem', 'POST', mo, { target: 'street-trees' })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json().results).toEqual([]);
    expect(await activityOf(id)).toEqual(['problem.posted']);
  });

  it('lets editors of the organization a problem is assigned to link, and hides links to datasets a reader may not see', async () => {
    const id = await post(ana);
    await t.deps.catalog.problems.updateProblem(id, { organizationId: org.id });
    expect((await links(id, 'POST', editor, { target: 'street-trees' })).json()).toMatchObject({ changed: true });
    // A link to a dataset that later became a draft is kept, but shown only to those who see the dataset.
    await t.deps.catalog.problemLinks.addProblemLink({ problemId: id, kind: 'dataset', targetId: draft.id, linkedBy: mo.user.id, linkedAt: new Date().toISOString() });
    expect((await app.inject({ url: `/api/v1/problems/${id}/links` })).json().results.map((r: { slug: string }) => r.slug)).toEqual(['street-trees']);
    expect((await app.inject({ url: `/api/v1/problems/${id}/links`, headers: (await makePerson(t, { roles: { [other.id]: 'viewer' } })).auth })).json().results.map((r: { slug: string }) => r.slug)).toEqual(['street-trees', 'stops-draft']);
  });

  it('moves a duplicate\'s links when it is merged, and refuses links on it after', async () => {
    const dup = await post(ana);
    const keep = await post(ana);
    expect((await links(dup, 'POST', mo, { target: 'street-trees' })).json()).toMatchObject({ changed: true });
    expect((await app.inject({ method: 'POST', url: `/api/v1/problems/${dup}/merge`, headers: mo.auth, payload: { into: keep } })).statusCode).toBe(200);
    expect((await links(dup, 'POST', mo, { target: 'street-trees' })).statusCode).toBe(409);
    expect((await app.inject({ url: `/api/v1/problems/${keep}/links` })).json().results.map((r: { slug: string }) => r.slug)).toEqual(['street-trees']);
  });
});
