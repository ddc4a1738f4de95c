import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { setProblemHidden } from '../../src/actions/community/hide-problem.ts';
import { mergeProblem } from '../../src/actions/community/merge-problem.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { changeProblemStatus } from '../../src/actions/community/triage-problem.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import type { Problem } from '../../src/domain/community/problems.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { BASE_URL, startFlow, startReceiver, type Flow, type Person, type Receiver } from './support.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
let smtp: TestSmtpServer;
let hooks: Receiver;
let f: Flow;

beforeEach(async () => {
  smtp = await startSmtpServer();
  f = await startFlow({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <noreply@data.example.gov>') });
  hooks = await startReceiver(() => f.nowSec());
});
afterEach(async () => {
  await hooks.close();
  await f.close();
  await smtp.close();
});

const post = (who: Person, title: string): Promise<Problem> =>
  postProblem(f.deps, who.principal, { title, description: 'The crossing light is too short for people who walk slowly.', category: 'mobility', place: { kind: 'citywide' } });

/** Follows a problem through the API, by digest and by a webhook at `path`. */
async function follow(who: Person, problem: string, path: string) {
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: who.auth, payload: { problem, email: true, webhook_url: hooks.url(path) } });
  expect(res.statusCode, res.body).toBe(201);
  hooks.secrets.set(path, res.json().webhook_secret);
  return res.json() as { id: string; target: string; item: { kind: string; id: string; title: string; url: string } };
}

describe('following a problem', () => {
  it('sends its changes and comments to its followers by signed webhook and in the email digest', async () => {
    const ana = await f.person('Ana Author');
    const fern = await f.person('Fern Follower');
    const problem = await post(ana, 'Short crossing lights on Main Street');
    const other = await post(ana, 'Broken bench in the park');
    const sub = await follow(fern, problem.id, '/hooks/fern');
    expect(sub).toMatchObject({ target: 'problem', item: { kind: 'problem', id: problem.id, title: problem.title, url: `/problems/${problem.id}` } });

    await changeProblemStatus(f.deps, f.t.admin, problem.id, { status: 'under_review' });
    await commentOnProblem(f.deps, ana.principal, problem.id, { body: 'It happens at every crossing near the school.' });
    await changeProblemStatus(f.deps, f.t.admin, other.id, { status: 'under_review' });
    await f.flush();

    const events = hooks.received.map((h) => JSON.parse(h.body) as { event: string; item: { kind: string; id: string; url: string } });
    expect(hooks.received.every((h) => h.verified && h.path === '/hooks/fern')).toBe(true);
    expect(events.map((e) => e.event)).toEqual(['problem.status_changed', 'problem.commented']);
    expect(events[0]!.item).toMatchObject({ kind: 'problem', id: problem.id, url: `${BASE_URL}/problems/${problem.id}` });

    f.advance(DAY_MS + 60_000);
    await f.flush();
    const mails = await smtp.waitFor(1);
    const mail = mails.find((m) => m.to.includes(fern.principal.email));
    expect(mail, 'Fern gets a digest').toBeDefined();
    expect(mail!.text).toContain(`Short crossing lights on Main Street\n${BASE_URL}/problems/${problem.id}`);
    expect(mail!.text).toContain('commented on the problem');
    expect(mail!.text).toContain('(You follow the problem Short crossing lights on Main Street)');
    expect(mail!.text).not.toContain('Broken bench');
  });

  it('stops telling a follower once the problem is hidden, and refuses to follow a hidden one', async () => {
    const ana = await f.person('Ana Author');
    const fern = await f.person('Fern Follower');
    const problem = await post(ana, 'Flooded underpass on 5th');
    await follow(fern, problem.id, '/hooks/fern');
    await setProblemHidden(f.deps, f.t.admin, problem.id, { hidden: true, reason: 'Names a private person.' });
    await changeProblemStatus(f.deps, f.t.admin, problem.id, { status: 'under_review' });
    await f.flush();
    expect(hooks.received).toEqual([]);

    const again = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: (await f.person('Gil')).auth, payload: { problem: problem.id } });
    expect(again.statusCode).toBe(404);
    expect((await f.app.inject({ url: `/feeds/problems/${problem.id}.atom` })).statusCode).toBe(404);
  });

  it('moves the followers of a duplicate to the problem it is merged into', async () => {
    const ana = await f.person('Ana Author');
    const fern = await f.person('Fern Follower');
    const original = await post(ana, 'No shade at the bus stop on Elm');
    const duplicate = await post(ana, 'Bus stop on Elm has no shade');
    const sub = await follow(fern, duplicate.id, '/hooks/fern');
    await mergeProblem(f.deps, f.t.admin, duplicate.id, { into: original.id });
    const mine = await f.app.inject({ url: '/api/v1/subscriptions', headers: fern.auth });
    expect(mine.json().results).toEqual([expect.objectContaining({ id: sub.id, target: 'problem', item: expect.objectContaining({ id: original.id }) })]);

    await commentOnProblem(f.deps, ana.principal, original.id, { body: 'A tree was cut down here last year.' });
    await f.flush();
    expect(hooks.received.map((h) => JSON.parse(h.body).event)).toEqual(['problem.merged', 'problem.commented']);
  });

  it('has an Atom feed of its changes and comments', async () => {
    const ana = await f.person('Ana Author');
    const problem = await post(ana, 'Dark path by the river');
    await commentOnProblem(f.deps, ana.principal, problem.id, { body: 'The lamps have been out since <b>May</b>.' });
    const res = await f.app.inject({ url: `/feeds/problems/${problem.id}.atom` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body).toContain('<title type="text">Dark path by the river: changes</title>');
    expect(res.body).toContain('Ana Author commented on the problem “Dark path by the river”');
    expect(res.body).toContain('Ana Author posted the problem');
    expect(res.body).toContain(`href="${BASE_URL}/problems/${problem.id}"`);
  });
});
