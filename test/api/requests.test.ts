import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsFulfilledBy } from '../../src/actions/community/read-requests.ts';
import { anonymous } from '../../src/domain/accounts/principal.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Dataset requests over HTTP: residents ask, vote and follow; the city answers and fulfils. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let ben: Person;
let cara: Person;
let publisher: Person;
let outsider: Person;
let slug: string;
let datasetId: string;
const admin = () => ({ authorization: `Bearer ${t.token}` });

const ask = (extra: Record<string, unknown> = {}) => ({ title: 'Street tree inventory', description: 'To see where shade is missing on the walk to school.', ...extra });
const post = async (extra: Record<string, unknown> = {}) => (await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: ask(extra) })).json().id as string;
const read = async (id: string, who: Person = ana) => (await app.inject({ url: `/api/v1/requests/${id}`, headers: who.auth })).json();
const outbox = () => t.deps.catalog.activity.dueMail('2999-01-01T00:00:00.000Z', 500);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ({ slug } = await t.load('test/fixtures/tabular/montreal_bike_counts_2012.csv', { title: 'Street trees', slug: 'street-trees' }));
  const dataset = (await t.deps.catalog.datasets.getDataset(slug))!;
  datasetId = dataset.id;
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
  cara = await makePerson(t, { name: 'Cara' });
  publisher = await makePerson(t, { name: 'Pat', roles: { [dataset.organizationId]: 'editor' } });
  const other = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin(), payload: { name: 'Other Department' } });
  outsider = await makePerson(t, { name: 'Olu', roles: { [other.json().id]: 'editor' } });
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('dataset requests over HTTP', () => {
  it('asks for data, answering 201 with where it lives and the organization named', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: ask({ title: '<script>x</script> trees', organization: 'test-department' }) });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(r.headers.location).toBe(`/api/v1/requests/${body.id}`);
    expect(body).toMatchObject({ title: '<script>x</script> trees', status: 'new', votes: 0, voted: false, organization_id: expect.any(String) });
    expect((await app.inject({ url: body.links.self })).json()).toMatchObject({ id: body.id, voted: null, history: [], comments: [], dataset: null });
    expect((await app.inject({ method: 'POST', url: '/api/v1/requests', payload: ask() })).statusCode).toBe(401);
  });

  it('refuses empty or overlong text and an unknown organization, and keeps nothing', async () => {
    const total = async () => (await app.inject({ url: '/api/v1/requests' })).json().total as number;
    const before = await total();
    const bad = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: { title: '   ', description: 'x'.repeat(5001) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['title', 'description']);
    const org = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: ask({ organization: 'nobody' }) });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.details.fields).toEqual([{ field: 'organization', message: expect.stringContaining('no organization "nobody"') }]);
    const id = await post();
    const comment = await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/comments`, headers: ben.auth, payload: { body: 'y'.repeat(2001) } });
    expect(comment.statusCode).toBe(400);
    expect(await total()).toBe(before + 1);
    expect((await read(id)).comments).toEqual([]);
  });

  it('counts a vote once however often it is sent, and takes it back', async () => {
    const id = await post();
    const votes = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'PUT', url: `/api/v1/requests/${id}/vote`, headers: ben.auth })));
    expect(votes.map((v) => v.statusCode)).toEqual([200, 200, 200, 200]);
    expect(votes.filter((v) => v.json().changed)).toHaveLength(1);
    expect(await read(id, ben)).toMatchObject({ votes: 1, voted: true });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/requests/${id}/vote`, headers: ben.auth })).json()).toEqual({ voted: false, changed: true, votes: 0 });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/requests/${id}/vote`, headers: ben.auth })).json()).toEqual({ voted: false, changed: false, votes: 0 });
  });

  it('takes the city\'s answers: planned needs a date, declined a reason; others may not answer', async () => {
    const id = await post({ organization: 'test-department' });
    const answer = (payload: Record<string, unknown>, who: Record<string, string> = publisher.auth) => app.inject({ method: 'POST', url: `/api/v1/requests/${id}/answer`, headers: who, payload });
    const noReason = await answer({ status: 'declined' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields).toEqual([{ field: 'decline_reason', message: expect.stringContaining('Say why') }]);
    expect((await answer({ status: 'declined', decline_reason: 'other' })).json().error.details.fields[0].field).toBe('note');
    expect((await answer({ status: 'planned' })).json().error.details.fields[0].field).toBe('target_date');
    expect((await answer({ status: 'planned', target_date: '2030-02-31' })).statusCode).toBe(400);
    expect((await answer({ status: 'published' })).statusCode).toBe(400);
    expect((await answer({ status: 'under_review' }, ben.auth)).statusCode).toBe(403);
    expect((await answer({ status: 'under_review' }, outsider.auth)).statusCode).toBe(403);
    expect(await read(id)).toMatchObject({ status: 'new', history: [] });
    const planned = await answer({ status: 'planned', target_date: '2030-03-01', note: 'After the spring survey.' });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ status: 'planned', target_date: '2030-03-01', status_note: 'After the spring survey.', history: [{ from: 'new', to: 'planned', target_date: '2030-03-01' }] });
    const declined = await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/answer`, headers: admin(), payload: { status: 'declined', decline_reason: 'privacy' } });
    expect(declined.json()).toMatchObject({ status: 'declined', decline_reason: 'privacy', target_date: null });
    const titles = async (q: string) => (await app.inject({ url: `/api/v1/requests?${q}` })).json().results.map((r: { id: string }) => r.id);
    expect(await titles('status=declined')).toContain(id);
    expect(await titles('status=new')).not.toContain(id);
  });

  it('fulfils a request with a dataset the publisher edits: closed, linked, and every follower and voter emailed the link', async () => {
    const id = await post();
    await app.inject({ method: 'PUT', url: `/api/v1/requests/${id}/vote`, headers: ben.auth });
    const follow = await app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: cara.auth, payload: { request: id, email: true } });
    expect(follow.statusCode).toBe(201);
    const mailsBefore = (await outbox()).length;

    const refused = await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: outsider.auth, payload: { dataset: slug } });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: ben.auth, payload: { dataset: slug } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: publisher.auth, payload: { dataset: '' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: publisher.auth, payload: { dataset: 'no-such-data' } })).statusCode).toBe(404);
    expect(await read(id)).toMatchObject({ status: 'new', dataset: null });
    expect((await outbox()).length).toBe(mailsBefore);

    const done = await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: publisher.auth, payload: { dataset: slug, note: 'Updated monthly.' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'published', dataset_id: datasetId, dataset: { slug, title: 'Street trees' }, history: [{ from: 'new', to: 'published', dataset_id: datasetId }] });
    const mails = (await outbox()).slice(mailsBefore);
    expect(mails.map((m) => m.to).sort()).toEqual([ana.user.email, ben.user.email, cara.user.email].sort());
    for (const m of mails) expect(m.text).toContain(`${t.deps.site.baseUrl}/datasets/${slug}`);
    expect((await requestsFulfilledBy(t.deps, anonymous, datasetId)).map((r) => r.id)).toContain(id);

    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/fulfil`, headers: publisher.auth, payload: { dataset: slug } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${id}/answer`, headers: admin(), payload: { status: 'under_review' } })).statusCode).toBe(409);
    const feed = await app.inject({ url: `/feeds/requests/${id}.atom` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('marked the dataset “Street trees” as fulfilling');
  });

  it('keeps a hidden request from those who may not see it', async () => {
    const id = await post();
    await t.deps.catalog.requests.updateRequest(id, { hidden: true });
    expect((await app.inject({ url: `/api/v1/requests/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/requests/${id}/vote`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/requests/${id}/vote`, headers: ana.auth })).statusCode).toBe(409);
    expect((await app.inject({ url: '/api/v1/requests?sort=newest' })).json().results.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});
