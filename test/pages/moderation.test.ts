import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Reports and the moderators' queue as forms without JavaScript, in English and Spanish. */

const PASSWORD = 'moderation password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let ben: Session;
let mod: Session;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (who: Session | null, url: string) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

/** A problem by Ana with one comment by Ben: the problem's page and the comment's id. */
async function problemWithComment(title: string, body: string): Promise<{ page: string; comment: string }> {
  const r = await post(ana, '/problems', { title, description: 'After every storm the underpass floods knee-deep for a day.', category: 'mobility', place_kind: 'citywide' });
  const page = r.headers.location!.replace(/\?.*$/, '');
  await post(ben, `${page}/comments`, { body });
  const id = page.split('/').pop()!;
  const [comment] = await t.deps.catalog.problems.listComments(id, true);
  return { page, comment: comment!.id };
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['ana', 'ben', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const m = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(m!.id, { isModerator: true });
  ana = await signIn('ana@example.org');
  ben = await signIn('ben@example.org');
  mod = await signIn('mod@example.org');
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('reporting from the problem page', () => {
  it('offers signed-in people a report form beside the problem and each comment, folded, and visitors none', async () => {
    const { page, comment } = await problemWithComment('Flooded underpass on 5th Street', 'Same at 6th.');
    const seen = (await get(ana, page)).body;
    expect(seen).toContain(`<details class="report"><summary>Report this problem to the moderators</summary><form method="post" action="${page}/report"`);
    expect(seen).toContain(`<li id="comment-${comment}">`);
    expect(seen).toContain(`action="${page}/comments/${comment}/report"`);
    expect(seen).toContain('<input class="usa-radio__input" type="radio" id="report-problem-personal_information" name="reason" value="personal_information" required');
    // A moderator also gets the comment's hide form; a resident does not.
    expect(seen).not.toContain(`/comments/${comment}/visibility`);
    expect((await get(mod, page)).body).toContain(`action="${page}/comments/${comment}/visibility"`);
    const visitor = (await get(null, page)).body;
    expect(visitor).not.toContain('/report"');
    expect(visitor).not.toContain('Report this');
  });

  it('refuses a report without a reason or with "something else" and no note, keeping the note and opening that form, in English and Spanish', async () => {
    const { page, comment } = await problemWithComment('Broken bench in the park', 'Call the parks office.');
    const none = await post(ana, `${page}/comments/${comment}/report`, { note: 'It is <b>rude</b>' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<details class="report" open><summary>Report this comment</summary>');
    expect(none.body).toContain('Choose a reason from the list.');
    expect(none.body).toContain('>It is &lt;b>rude&lt;/b></textarea>');
    // The problem's own form stays folded.
    expect(none.body).toContain('<details class="report"><summary>Report this problem to the moderators</summary>');
    const es = await post(ana, `${page}/comments/${comment}/report?lang=es`, { reason: 'other', note: '' });
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('Diga en la nota qué está mal.');
    expect(es.body).toContain('id="report-' + comment + '-other" name="reason" value="other" checked');
    expect(await t.deps.catalog.reports.reportsOf('problem-comment', comment)).toEqual([]);
  });

  it('takes a report, thanks the reporter, and refuses the same report twice with a clear message', async () => {
    const { page, comment } = await problemWithComment('Noisy generator at night', 'Buy cheap watches at example.com');
    const r = await post(ana, `${page}/comments/${comment}/report`, { reason: 'spam', note: 'An advert.' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`${page}?reported=1#comment-${comment}`);
    expect((await get(ana, `${page}?reported=1`)).body).toContain('Thank you: the moderators will look at your report.');
    const again = await post(ana, `${page}/comments/${comment}/report?lang=es`, { reason: 'spam' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Ya denunció esto; los moderadores lo revisarán.');
    const problem = await post(ben, `${page}/report`, { reason: 'off_topic' });
    expect(problem.headers.location).toBe(`${page}?reported=1`);
    expect((await t.deps.catalog.reports.reportsOf('problem', page.split('/').pop()!)).map((x) => x.reason)).toEqual(['off_topic']);
  });
});

describe('the moderation queue page', () => {
  it('is for moderators: visitors are sent to sign in, residents told it is not for them', async () => {
    const visitor = await get(null, '/moderation');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fmoderation');
    const resident = await get(ana, '/moderation');
    expect(resident.statusCode).toBe(403);
    expect(resident.body).toContain('Only moderators see the reports.');
    // The header leads moderators there, and nobody else.
    expect((await get(mod, '/problems')).body).toContain('<a href="/moderation">Moderation</a>');
    expect((await get(mod, '/problems?lang=es')).body).toContain('<a href="/moderation">Moderación</a>');
    expect((await get(ana, '/problems')).body).not.toContain('href="/moderation"');
  });

  it('lists a reported comment with its count, reasons and notes; refuses hiding without a reason; hides it with one, in English and Spanish', async () => {
    const { page, comment } = await problemWithComment('Overflowing bins on Main', 'My neighbour at 12 Elm St does it');
    await post(ana, `${page}/comments/${comment}/report`, { reason: 'personal_information', note: 'Gives an address.' });
    const queue = await get(mod, '/moderation');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`<a href="${page}#comment-${comment}">My neighbour at 12 Elm St does it</a>`);
    expect(queue.body).toContain('Personal information about someone: 1');
    expect(queue.body).toContain('<li>Gives an address.</li>');
    const es = await get(mod, '/moderation?lang=es');
    expect(es.body).toContain('<h1>Moderación</h1>');
    expect(es.body).toContain('Datos personales de alguien: 1');

    const action = `/moderation/problem-comment/${comment}/visibility`;
    const bare = await post(mod, `${action}?lang=es`, { hidden: 'true', reason: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Diga por qué; se le dice al autor.');
    const done = await post(mod, action, { hidden: 'true', reason: 'It gives a neighbour\'s address.' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/moderation?done=hidden');
    const after = await get(mod, '/moderation?done=hidden');
    expect(after.body).toContain('The item is hidden and its reports are resolved');
    expect(after.body).not.toContain('My neighbour at 12 Elm St');
    expect((await get(ana, page)).body).not.toContain('My neighbour at 12 Elm St');
    expect((await get(mod, page)).body).toContain('My neighbour at 12 Elm St');
  });

  it('dismisses reports with a reason, and shows a hidden comment again from its problem page', async () => {
    const { page, comment } = await problemWithComment('Dark path by the river', 'The lights have been out since May.');
    await post(ana, `${page}/comments/${comment}/report`, { reason: 'off_topic' });
    const refused = await post(mod, `/moderation/problem-comment/${comment}/dismiss`, { reason: ' ' });
    expect(refused.statusCode).toBe(400);
    const dismissed = await post(mod, `/moderation/problem-comment/${comment}/dismiss`, { reason: 'It is on topic.' });
    expect(dismissed.headers.location).toBe('/moderation?done=dismissed');
    expect((await get(mod, '/moderation')).body).not.toContain('The lights have been out since May.');
    expect((await get(ana, page)).body).toContain('The lights have been out since May.');

    const hid = await post(mod, `${page}/comments/${comment}/visibility`, { hidden: 'true', reason: 'Checking.' });
    expect(hid.headers.location).toBe(`${page}?comment_hidden=1#comment-${comment}`);
    expect((await get(ana, page)).body).not.toContain('The lights have been out since May.');
    const noReason = await post(mod, `${page}/comments/${comment}/visibility`, { hidden: 'false', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why; the author is told.');
    const shown = await post(mod, `${page}/comments/${comment}/visibility`, { hidden: 'false', reason: 'It was fine.' });
    expect(shown.headers.location).toBe(`${page}?comment_shown=1#comment-${comment}`);
    expect((await get(ana, page)).body).toContain('The lights have been out since May.');
  });
});
