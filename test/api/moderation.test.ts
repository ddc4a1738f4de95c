import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Reports and moderation over HTTP: residents report, moderators work the queue. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let ben: Person;
let cara: Person;
let mo: Person;

const problem = (title: string) => ({ title, description: 'Water pools at the corner after every rain.', category: 'environment', place: { kind: 'citywide' } });
const post = async (who: Person, title: string): Promise<string> => (await app.inject({ method: 'POST', url: '/api/v1/problems', headers: who.auth, payload: problem(title) })).json().id;
const comment = async (who: Person, problemId: string, body: string): Promise<string> => (await app.inject({ method: 'POST', url: `/api/v1/problems/${problemId}/comments`, headers: who.auth, payload: { body } })).json().id;
const report = (who: Person, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: who.auth, payload });
const queue = async () => (await app.inject({ url: '/api/v1/moderation/queue?limit=200', headers: mo.auth })).json();
const entryOf = async (kind: string, id: string) => (await queue()).results.find((e: { kind: string; id: string }) => e.kind === kind && e.id === id);
const mailTo = async (who: Person, since: string) => (await t.deps.catalog.activity.dueMail(new Date(Date.now() + 60_000).toISOString(), 500)).filter((m) => m.createdAt >= since && m.to === who.user.email);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
  cara = await makePerson(t, { name: 'Cara' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('reports and moderation over HTTP', () => {
  it('takes a report once per person, counts reports by reason in the queue, and refuses a second one', async () => {
    const id = await post(ana, 'Cheap watches for sale');
    const first = await report(ben, { kind: 'problem', item: id, reason: 'spam', note: 'An advert.' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'problem', item: id, reason: 'spam', note: 'An advert.' });
    const again = await report(ben, { kind: 'problem', item: id, reason: 'abuse' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('You reported this already; moderators will look at it.');
    expect((await report(cara, { kind: 'problem', item: id, reason: 'spam' })).statusCode).toBe(201);
    expect(await entryOf('problem', id)).toMatchObject({ reports: 2, reasons: { spam: 2 }, notes: ['An advert.'], item: { kind: 'problem', id, text: 'Cheap watches for sale', hidden: false, page: `/problems/${id}` } });
  });

  it('refuses a bad reason, an unknown kind, a missing note for "other" and an overlong note, and keeps nothing', async () => {
    const id = await post(ana, 'Potholes on Elm Street');
    const bad = await report(ben, { kind: 'problem', item: id, reason: 'boring' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([{ field: 'reason', message: 'Choose a reason from the list.' }]);
    const kind = await report(ben, { kind: 'dataset', item: id, reason: 'spam' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);
    const other = await report(ben, { kind: 'problem', item: id, reason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.fields).toEqual([{ field: 'note', message: 'Say what is wrong in the note.' }]);
    const long = await report(ben, { kind: 'problem', item: id, reason: 'spam', note: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields).toEqual([{ field: 'note', message: 'Keep the note to 1,000 characters.' }]);
    expect((await report(ben, { kind: 'problem', item: 'no-such-problem', reason: 'spam' })).statusCode).toBe(404);
    expect(await entryOf('problem', id)).toBeUndefined();
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'problem', item: id, reason: 'spam' } })).statusCode).toBe(401);
  });

  it('hides a reported comment with a reason: reports resolved, author told, activity kept, gone for others; a hidden item takes no reports', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const id = await post(ana, 'No shade at the playground');
    const c = await comment(cara, id, 'My neighbour at 12 Elm St is to blame');
    expect((await report(ben, { kind: 'problem-comment', item: c, reason: 'personal_information' })).statusCode).toBe(201);
    expect(await entryOf('problem-comment', c)).toMatchObject({ reports: 1, reasons: { personal_information: 1 }, item: { text: 'My neighbour at 12 Elm St is to blame', page: `/problems/${id}#comment-${c}` } });

    const bare = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem-comment/${c}/visibility`, headers: mo.auth, payload: { hidden: true, reason: ' ' } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields).toEqual([{ field: 'reason', message: 'Say why; the author is told.' }]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/moderation/problem-comment/${c}/visibility`, headers: ben.auth, payload: { hidden: true, reason: 'Mine.' } })).statusCode).toBe(403);
    expect((await app.inject(`/api/v1/problems/${id}`)).json().comments).toHaveLength(1);

    const hid = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem-comment/${c}/visibility`, headers: mo.auth, payload: { hidden: true, reason: 'It gives a neighbour\'s address.' } });
    expect(hid.statusCode).toBe(200);
    expect(hid.json()).toMatchObject({ kind: 'problem-comment', id: c, hidden: true });
    expect((await app.inject(`/api/v1/problems/${id}`)).json().comments).toEqual([]);
    expect(await entryOf('problem-comment', c)).toBeUndefined();
    const mail = await mailTo(cara, since);
    expect(mail.map((m) => m.subject)).toEqual([`Your comment on “No shade at the playground” is hidden on ${t.deps.site.name}`]);
    expect(mail[0]!.text).toContain('It gives a neighbour\'s address.');
    const [entry] = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 1 });
    expect(entry).toMatchObject({ verb: 'problem.comment_hidden', actorName: 'Mo', details: { problem_id: id, comment_id: c, reason: 'It gives a neighbour\'s address.' } });

    const late = await report(ana, { kind: 'problem-comment', item: c, reason: 'spam' });
    expect(late.statusCode).toBe(404);
    const restored = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem-comment/${c}/visibility`, headers: mo.auth, payload: { hidden: false, reason: 'The address was the library\'s.' } });
    expect(restored.json()).toMatchObject({ hidden: false });
    expect((await app.inject(`/api/v1/problems/${id}`)).json().comments).toHaveLength(1);
    expect((await mailTo(cara, since)).map((m) => m.subject)).toContain(`Your comment on “No shade at the playground” is shown again on ${t.deps.site.name}`);
  });

  it('hides a reported problem through the problem\'s own hiding, and refuses a report of the hidden problem', async () => {
    const id = await post(ana, 'Buy followers now');
    await report(ben, { kind: 'problem', item: id, reason: 'spam' });
    const hid = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/visibility`, headers: mo.auth, payload: { hidden: true, reason: 'An advert.' } });
    expect(hid.statusCode).toBe(200);
    expect((await app.inject(`/api/v1/problems/${id}`)).statusCode).toBe(404);
    expect(await entryOf('problem', id)).toBeUndefined();
    expect((await t.deps.catalog.reports.reportsOf('problem', id)).map((r) => r.resolution)).toEqual(['hidden']);
    // Its author still sees it, and cannot report it: it is with the moderators already.
    const late = await report(ana, { kind: 'problem', item: id, reason: 'spam' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('This is hidden already while moderators look at it; there is no need to report it.');
    const [entry] = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 1 });
    expect(entry).toMatchObject({ verb: 'problem.hidden', details: { problem_id: id, reason: 'An advert.' } });
  });

  it('dismisses reports with a reason, leaving the item shown, and lets it be reported again', async () => {
    const id = await post(ana, 'Streetlights out on 5th');
    await report(ben, { kind: 'problem', item: id, reason: 'off_topic' });
    expect((await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/dismiss`, headers: mo.auth, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/dismiss`, headers: ben.auth, payload: { reason: 'No.' } })).statusCode).toBe(403);
    const done = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/dismiss`, headers: mo.auth, payload: { reason: 'It is a real problem.' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ dismissed: 1 });
    expect(await entryOf('problem', id)).toBeUndefined();
    expect((await app.inject(`/api/v1/problems/${id}`)).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: `/api/v1/moderation/problem/${id}/dismiss`, headers: mo.auth, payload: { reason: 'Again.' } });
    expect(again.statusCode).toBe(409);
    expect((await report(ben, { kind: 'problem', item: id, reason: 'off_topic' })).statusCode).toBe(201);
  });

  it('shows the queue to moderators only', async () => {
    expect((await app.inject({ url: '/api/v1/moderation/queue', headers: ben.auth })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/moderation/queue' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/moderation/queue', headers: mo.auth })).statusCode).toBe(200);
  });
});
