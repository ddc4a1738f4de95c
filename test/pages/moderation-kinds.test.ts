import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Reporting and hiding dataset requests, their comments and showcases from their pages, without JavaScript, in English and Spanish. */

const PASSWORD = 'moderation kinds password 2030';
let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let mo: Person;
let anaS: Session;
let benS: Session;
let caraS: Session;
let moS: Session;
let slug: string;

const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (who: Session | null, url: string) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
const mailTo = async (who: Person, since: string) => (await t.deps.catalog.activity.dueMail('2999-01-01T00:00:00.000Z', 500)).filter((m) => m.createdAt >= since && m.to === who.user.email);

/** A request by Ana with one comment by Cara: the request's page and the comment's id. */
async function requestWithComment(title: string, body: string): Promise<{ page: string; id: string; comment: string }> {
  const r = await post(anaS, '/requests', { title, description: 'To see where shade is missing on the walk to school.' });
  expect(r.statusCode).toBe(303);
  const page = r.headers.location!.replace(/\?.*$/, '');
  const id = page.split('/').pop()!;
  expect((await post(caraS, `${page}/comments`, { body })).statusCode).toBe(303);
  const [comment] = await t.deps.catalog.requests.listRequestComments(id, true);
  return { page, id, comment: comment!.id };
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  const ben = await makePerson(t, { name: 'Ben' });
  const cara = await makePerson(t, { name: 'Cara' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  anaS = await signIn(t, app, ana, PASSWORD, '10.0.0.1');
  benS = await signIn(t, app, ben, PASSWORD, '10.0.0.2');
  caraS = await signIn(t, app, cara, PASSWORD, '10.0.0.3');
  moS = await signIn(t, app, mo, PASSWORD, '10.0.0.4');
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the request page', () => {
  it('offers signed-in people a report form beside the request and each comment, moderators hide forms, visitors neither', async () => {
    const { page, comment } = await requestWithComment('Street tree inventory', 'Same on my street.');
    const seen = (await get(benS, page)).body;
    expect(seen).toContain(`<details class="report"><summary>Report this request to the moderators</summary><form method="post" action="${page}/report"`);
    expect(seen).toContain(`<li id="comment-${comment}">`);
    expect(seen).toContain(`action="${page}/comments/${comment}/report"`);
    expect(seen).not.toContain('/visibility"');
    const es = (await get(benS, `${page}?lang=es`)).body;
    expect(es).toContain('<summary>Denunciar esta solicitud a los moderadores</summary>');
    const mod = (await get(moS, page)).body;
    expect(mod).toContain(`action="${page}/visibility"`);
    expect(mod).toContain(`action="${page}/comments/${comment}/visibility"`);
    const visitor = (await get(null, page)).body;
    expect(visitor).not.toContain('/report"');
    expect(visitor).not.toContain('/visibility"');
  });

  it('refuses a report without a reason, keeping the note and opening that form; takes a good one into the queue', async () => {
    const { page, id, comment } = await requestWithComment('Noise complaints by block', 'Buy cheap watches at example.com');
    const none = await post(benS, `${page}/comments/${comment}/report`, { note: 'It is <b>spam</b>' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<details class="report" open><summary>Report this comment</summary>');
    expect(none.body).toContain('Choose a reason from the list.');
    expect(none.body).toContain('>It is &lt;b>spam&lt;/b></textarea>');
    expect(none.body).toContain('<details class="report"><summary>Report this request to the moderators</summary>');
    expect(await t.deps.catalog.reports.reportsOf('request-comment', comment)).toEqual([]);

    const other = await requestWithComment('Parking permits by street', 'Yes please.');
    expect((await post(benS, `${other.page}/comments/${comment}/report`, { reason: 'spam' })).statusCode).toBe(404);
    expect((await post(moS, `${other.page}/comments/${comment}/visibility`, { hidden: 'true', reason: 'Spam.' })).statusCode).toBe(404);
    const ok = await post(benS, `${page}/comments/${comment}/report`, { reason: 'spam', note: 'An advert.' });
    expect(ok.headers.location).toBe(`${page}?reported=1#comment-${comment}`);
    expect((await get(benS, `${page}?reported=1`)).body).toContain('Thank you: the moderators will look at your report.');
    const onRequest = await post(benS, `${page}/report`, { reason: 'off_topic' });
    expect(onRequest.headers.location).toBe(`${page}?reported=1`);
    const queue = (await get(moS, '/moderation')).body;
    expect(queue).toContain(`<a href="${page}#comment-${comment}">Buy cheap watches at example.com</a>`);
    expect(queue).toContain('Comment on a dataset request');
    expect(queue).toContain(`<a href="${page}">Noise complaints by block</a>`);
    expect((await get(moS, '/moderation?lang=es')).body).toContain('Comentario sobre una solicitud de datos');
    expect((await t.deps.catalog.reports.reportsOf('request', id)).map((r) => r.reason)).toEqual(['off_topic']);
  });

  it('lets a moderator hide a comment and the request with a reason (required, kept as typed), gone for others, author told; and show them again', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const { page, comment } = await requestWithComment('Bus stop shelters', 'My neighbour at 12 Elm St');
    const bare = await post(moS, `${page}/comments/${comment}/visibility?lang=es`, { hidden: 'true', reason: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Diga por qué; se le dice al autor.');
    const hid = await post(moS, `${page}/comments/${comment}/visibility`, { hidden: 'true', reason: 'It gives an address.' });
    expect(hid.headers.location).toBe(`${page}?comment_hidden=1#comment-${comment}`);
    expect((await get(benS, page)).body).not.toContain('My neighbour at 12 Elm St');
    expect((await get(null, page)).body).not.toContain('My neighbour at 12 Elm St');
    expect((await get(moS, page)).body).toContain('My neighbour at 12 Elm St');

    const long = await post(moS, `${page}/visibility`, { hidden: 'true', reason: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Keep the reason to 2,000 characters.');
    expect((await get(null, page)).statusCode).toBe(200);
    const gone = await post(moS, `${page}/visibility`, { hidden: 'true', reason: 'A duplicate of an older request.' });
    expect(gone.headers.location).toBe(`${page}?hidden=1`);
    expect((await get(moS, `${page}?hidden=1`)).body).toContain('The request is hidden; its author is told why.');
    expect((await get(null, page)).statusCode).toBe(404);
    expect((await get(benS, page)).statusCode).toBe(404);
    expect((await get(null, '/requests')).body).not.toContain('Bus stop shelters');
    const own = (await get(anaS, page)).body;
    expect(own).toContain('A moderator hid this request from the public.');
    expect(own).not.toContain('Report this request');
    expect((await mailTo(ana, since)).map((m) => m.subject)).toEqual([`Your request “Bus stop shelters” is hidden on ${t.deps.site.name}`]);

    const shown = await post(moS, `${page}/visibility`, { hidden: 'false', reason: 'Not a duplicate after all.' });
    expect(shown.headers.location).toBe(`${page}?shown=1`);
    expect((await get(null, page)).statusCode).toBe(200);
    expect((await get(moS, `${page}?shown=1&lang=es`)).body).toContain('La solicitud se muestra de nuevo; se le ha dicho a su autor por qué.');
  });
});

describe('the showcase page', () => {
  it('offers a report form on an approved showcase; once hidden it leaves the gallery and the dataset page', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const dee = await makePerson(t, { name: 'Dee' });
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/showcases',
      headers: dee.auth,
      payload: { title: 'Counter map for cyclists', kind: 'app', description: 'Finds the nearest bike counter and its daily counts.', link: 'https://example.org/bikes', madeBy: 'Dee', datasets: [slug] },
    });
    const id = made.json().id as string;
    const page = `/showcases/${id}`;
    expect((await get(benS, page)).statusCode).toBe(404);
    expect((await post(moS, `${page}/approve`, {})).statusCode).toBe(303);

    const seen = (await get(benS, page)).body;
    expect(seen).toContain(`<details class="report"><summary>Report this showcase to the moderators</summary><form method="post" action="${page}/report"`);
    expect((await get(benS, `${page}?lang=es`)).body).toContain('<summary>Denunciar esta muestra a los moderadores</summary>');
    expect((await get(null, page)).body).not.toContain('/report"');

    const none = await post(benS, `${page}/report`, { reason: 'other', note: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<details class="report" open>');
    expect(none.body).toContain('Say what is wrong in the note.');
    const ok = await post(benS, `${page}/report`, { reason: 'spam', note: 'The link leads to a shop.' });
    expect(ok.headers.location).toBe(`${page}?reported=1`);
    expect((await get(benS, `${page}?reported=1`)).body).toContain('Thank you: the moderators will look at your report.');
    const queue = (await get(moS, '/moderation')).body;
    expect(queue).toContain(`<a href="${page}">Counter map for cyclists</a>`);

    expect((await get(null, '/showcases')).body).toContain('Counter map for cyclists');
    expect((await get(null, `/datasets/${slug}`)).body).toContain('Counter map for cyclists');
    const hid = await post(moS, `/moderation/showcase/${id}/visibility`, { hidden: 'true', reason: 'The link leads to a shop.' });
    expect(hid.headers.location).toBe('/moderation?done=hidden');
    expect((await get(null, '/showcases')).body).not.toContain('Counter map for cyclists');
    expect((await get(null, `/datasets/${slug}`)).body).not.toContain('Counter map for cyclists');
    expect((await get(null, page)).statusCode).toBe(404);
    expect((await mailTo(dee, since)).map((m) => m.subject)).toEqual([`Your showcase “Counter map for cyclists” is hidden on ${t.deps.site.name}`]);

    expect((await post(moS, `/moderation/showcase/${id}/visibility`, { hidden: 'false', reason: 'The link is fixed.' })).headers.location).toBe('/moderation?done=shown');
    expect((await get(null, '/showcases')).body).toContain('Counter map for cyclists');
  });
});
