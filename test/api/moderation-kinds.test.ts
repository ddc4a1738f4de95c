import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Dataset requests, their comments and showcases reported and moderated over HTTP. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let ben: Person;
let cara: Person;
let mo: Person;
let slug: string;

const report = (who: Person, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: who.auth, payload });
const moderate = (who: Person, kind: string, id: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/moderation/${kind}/${id}/visibility`, headers: who.auth, payload });
const entryOf = async (kind: string, id: string) => (await app.inject({ url: '/api/v1/moderation/queue?limit=200', headers: mo.auth })).json().results.find((e: { kind: string; id: string }) => e.kind === kind && e.id === id);
const mailTo = async (who: Person, since: string) => (await t.deps.catalog.activity.dueMail('2999-01-01T00:00:00.000Z', 500)).filter((m) => m.createdAt >= since && m.to === who.user.email);
const lastActivity = async () => (await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 1 }))[0];
const askFor = async (who: Person, title: string): Promise<string> =>
  (await app.inject({ method: 'POST', url: '/api/v1/requests', headers: who.auth, payload: { title, description: 'To see where shade is missing on the walk to school.' } })).json().id;
const commentOn = async (who: Person, requestId: string, body: string): Promise<string> => (await app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/comments`, headers: who.auth, payload: { body } })).json().id;
const showcase = async (who: Person, title: string): Promise<string> => {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/showcases',
    headers: who.auth,
    payload: { title, kind: 'app', description: 'Finds the nearest bike counter and its daily counts.', link: 'https://example.org/bikes', madeBy: 'Ana', datasets: [slug] },
  });
  const id = r.json().id as string;
  expect((await app.inject({ method: 'POST', url: `/api/v1/showcases/${id}/approve`, headers: mo.auth })).statusCode).toBe(200);
  return id;
};
const gallery = async () => (await app.inject({ url: `/api/v1/showcases?dataset=${slug}` })).json().results.map((x: { id: string }) => x.id);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
  cara = await makePerson(t, { name: 'Cara' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('reporting and hiding dataset requests', () => {
  it('takes a report of a request into the queue, hides it with a reason (activity kept, author told, gone for others), refuses later reports, and restores it', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const id = await askFor(ana, 'Buy cheap watches at example.com');
    expect((await report(ben, { kind: 'request', item: id, reason: 'spam', note: 'An advert.' })).statusCode).toBe(201);
    expect(await entryOf('request', id)).toMatchObject({ reports: 1, reasons: { spam: 1 }, notes: ['An advert.'], item: { kind: 'request', id, text: 'Buy cheap watches at example.com', hidden: false, page: `/requests/${id}` } });

    const bare = await moderate(mo, 'request', id, { hidden: true, reason: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields).toEqual([{ field: 'reason', message: 'Say why; the author is told.' }]);
    expect((await moderate(ben, 'request', id, { hidden: true, reason: 'I do not like it.' })).statusCode).toBe(403);
    expect((await app.inject(`/api/v1/requests/${id}`)).statusCode).toBe(200);

    const hid = await moderate(mo, 'request', id, { hidden: true, reason: 'An advert, not a request for data.' });
    expect(hid.statusCode).toBe(200);
    expect(hid.json()).toMatchObject({ kind: 'request', id, hidden: true });
    expect((await app.inject(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/requests/${id}`, headers: cara.auth })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/requests?limit=100' })).json().results.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await app.inject({ url: `/api/v1/requests/${id}`, headers: ana.auth })).statusCode).toBe(200);
    expect(await entryOf('request', id)).toBeUndefined();
    expect((await t.deps.catalog.reports.reportsOf('request', id)).map((r) => r.resolution)).toEqual(['hidden']);
    expect(await lastActivity()).toMatchObject({ verb: 'request.hidden', actorName: 'Mo', subject: `request:${id}`, details: { request_id: id, reason: 'An advert, not a request for data.' } });
    const told = await mailTo(ana, since);
    expect(told.map((m) => m.subject)).toEqual([`Your request “Buy cheap watches at example.com” is hidden on ${t.deps.site.name}`]);
    expect(told[0]!.text).toContain('An advert, not a request for data.');
    expect(told[0]!.text).toContain(`${t.deps.site.baseUrl}/requests/${id}`);

    const late = await report(ana, { kind: 'request', item: id, reason: 'spam' });
    expect(late.statusCode).toBe(409);
    expect((await report(cara, { kind: 'request', item: id, reason: 'spam' })).statusCode).toBe(404);

    const back = await moderate(mo, 'request', id, { hidden: false, reason: 'The author rewrote it.' });
    expect(back.json()).toMatchObject({ hidden: false });
    expect((await app.inject(`/api/v1/requests/${id}`)).statusCode).toBe(200);
    expect(await lastActivity()).toMatchObject({ verb: 'request.restored', details: { request_id: id, reason: 'The author rewrote it.' } });
    expect((await mailTo(ana, since)).map((m) => m.subject)).toContain(`Your request “Buy cheap watches at example.com” is shown again on ${t.deps.site.name}`);
  });

  it('hides a reported comment on a request: gone for others, kept for moderators, author told, activity kept; restores it', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const id = await askFor(ana, 'Street tree inventory');
    const c = await commentOn(cara, id, 'My neighbour at 12 Elm St cuts the trees');
    expect((await report(ben, { kind: 'request-comment', item: c, reason: 'personal_information' })).statusCode).toBe(201);
    expect(await entryOf('request-comment', c)).toMatchObject({ reports: 1, item: { kind: 'request-comment', text: 'My neighbour at 12 Elm St cuts the trees', page: `/requests/${id}#comment-${c}` } });
    expect((await moderate(ben, 'request-comment', c, { hidden: true, reason: 'Mine.' })).statusCode).toBe(403);

    const hid = await moderate(mo, 'request-comment', c, { hidden: true, reason: "It gives a neighbour's address." });
    expect(hid.statusCode).toBe(200);
    expect((await app.inject(`/api/v1/requests/${id}`)).json().comments).toEqual([]);
    expect((await app.inject({ url: `/api/v1/requests/${id}`, headers: mo.auth })).json().comments.map((x: { id: string; hidden: boolean }) => [x.id, x.hidden])).toEqual([[c, true]]);
    expect(await entryOf('request-comment', c)).toBeUndefined();
    expect(await lastActivity()).toMatchObject({ verb: 'request.comment_hidden', subject: `request:${id}`, details: { request_id: id, comment_id: c, reason: "It gives a neighbour's address." } });
    const told = await mailTo(cara, since);
    expect(told.map((m) => m.subject)).toEqual([`Your comment on the request “Street tree inventory” is hidden on ${t.deps.site.name}`]);
    expect(told[0]!.text).toContain("It gives a neighbour's address.");
    expect((await report(ben, { kind: 'request-comment', item: c, reason: 'spam' })).statusCode).toBe(404);

    await moderate(mo, 'request-comment', c, { hidden: false, reason: 'It was the library’s address.' });
    expect((await app.inject(`/api/v1/requests/${id}`)).json().comments).toHaveLength(1);
    expect(await lastActivity()).toMatchObject({ verb: 'request.comment_restored' });
    expect((await mailTo(cara, since)).map((m) => m.subject)).toContain(`Your comment on the request “Street tree inventory” is shown again on ${t.deps.site.name}`);
  });

  it('refuses a report of an unknown request or comment, keeping nothing', async () => {
    expect((await report(ben, { kind: 'request', item: 'no-such-request', reason: 'spam' })).statusCode).toBe(404);
    expect((await report(ben, { kind: 'request-comment', item: 'no-such-comment', reason: 'spam' })).statusCode).toBe(404);
    expect((await moderate(mo, 'request-comment', 'no-such-comment', { hidden: true, reason: 'x' })).statusCode).toBe(404);
    expect(await t.deps.catalog.reports.reportsOf('request', 'no-such-request')).toEqual([]);
  });
});

describe('reporting and hiding showcases', () => {
  it('hides an approved showcase that was reported: out of the gallery and the dataset page, author told, activity kept; restores it', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const dee = await makePerson(t, { name: 'Dee' });
    const id = await showcase(dee, 'Bike counter finder');
    expect(await gallery()).toContain(id);
    expect((await report(ben, { kind: 'showcase', item: id, reason: 'off_topic' })).statusCode).toBe(201);
    expect(await entryOf('showcase', id)).toMatchObject({ reports: 1, item: { kind: 'showcase', text: 'Bike counter finder', hidden: false, page: `/showcases/${id}` } });
    expect((await moderate(ben, 'showcase', id, { hidden: true, reason: 'No.' })).statusCode).toBe(403);
    expect((await moderate(mo, 'showcase', id, { hidden: true })).statusCode).toBe(400);
    expect(await gallery()).toContain(id);

    const hid = await moderate(mo, 'showcase', id, { hidden: true, reason: 'The link leads to a shop.' });
    expect(hid.statusCode).toBe(200);
    expect(hid.json()).toMatchObject({ kind: 'showcase', id, hidden: true });
    expect(await gallery()).not.toContain(id);
    expect((await app.inject(`/api/v1/showcases/${id}`)).statusCode).toBe(404);
    expect((await app.inject(`/datasets/${slug}`)).body).not.toContain('Bike counter finder');
    expect(await entryOf('showcase', id)).toBeUndefined();
    expect(await lastActivity()).toMatchObject({ verb: 'showcase.hidden', details: { showcase_id: id, reason: 'The link leads to a shop.' } });
    const told = await mailTo(dee, since);
    expect(told.map((m) => m.subject)).toEqual([`Your showcase “Bike counter finder” is hidden on ${t.deps.site.name}`]);
    expect(told[0]!.text).toContain('The link leads to a shop.');
    expect((await report(cara, { kind: 'showcase', item: id, reason: 'spam' })).statusCode).toBe(404);

    const back = await moderate(mo, 'showcase', id, { hidden: false, reason: 'The link is fixed.' });
    expect(back.json()).toMatchObject({ hidden: false });
    expect(await gallery()).toContain(id);
    expect((await app.inject(`/datasets/${slug}`)).body).toContain('Bike counter finder');
    expect(await lastActivity()).toMatchObject({ verb: 'showcase.restored' });
    expect((await mailTo(dee, since)).map((m) => m.subject)).toContain(`Your showcase “Bike counter finder” is shown again on ${t.deps.site.name}`);
  });
});
