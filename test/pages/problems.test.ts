import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The problem inventory's pages as forms without JavaScript: posting, refusals that keep what was typed, "me too", triage; English and Spanish. */

const PASSWORD = 'problems password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let ben: Session;
let moderator: Session;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: Session, url: string, fields: Record<string, string>, withCsrf = true) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ ...(withCsrf ? { _csrf: who.csrf } : {}), ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });

const good = { title: 'Flooded underpass on 5th Street', description: 'After every storm the underpass floods knee-deep for a day.', affected: 'Cyclists and wheelchair users', category: 'mobility', place_kind: 'point', lat: '40.7411', lon: '-73.9897' };

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['ana', 'ben', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const mod = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(mod!.id, { isSiteAdmin: true });
  ana = await signIn('ana@example.org');
  ben = await signIn('ben@example.org');
  moderator = await signIn('mod@example.org');
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

/** Posts the good problem as Ana; its page's address. */
async function posted(extra: Record<string, string> = {}): Promise<string> {
  const r = await post(ana, '/problems', { ...good, ...extra });
  expect(r.statusCode).toBe(303);
  return r.headers.location!.replace(/\?.*$/, '');
}

describe('the problem pages', () => {
  it('send visitors who want to post to sign in, and name the way in on the list', async () => {
    const form = await app.inject('/problems/new');
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/sign-in?next=%2Fproblems%2Fnew');
    const list = await app.inject('/problems');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/sign-in?next=%2Fproblems%2Fnew"');
    expect(list.body).toContain('<a href="/community">Community</a>');
  });

  it('post a problem from the form and show it, its markup as text', async () => {
    const page = await posted({ title: '<script>alert(1)</script> underpass' });
    const r = await app.inject(`${page}?posted=1`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h1>&lt;script>alert(1)&lt;/script> underpass</h1>');
    expect(r.body).not.toContain('<script>alert(1)');
    expect(r.body).toContain('Your problem is posted.');
    expect(r.body).toContain('At 40.74110, -73.98970');
    expect(r.body).toContain('Nobody has said &quot;me too&quot; yet.');
  });

  it('refuse a bad form with each field\'s message, keeping everything typed, in English and in Spanish', async () => {
    const bad = { ...good, title: 'Hi', lat: '', lon: 'east', description: good.description };
    const en = await post(ana, '/problems', bad);
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Give the problem a title of at least 5 characters.');
    expect(en.body).toContain('Give the latitude as a number.');
    expect(en.body).toContain('Give the longitude as a number.');
    expect(en.body).toContain(`value="Hi"`);
    expect(en.body).toContain(`value="east"`);
    expect(en.body).toContain(good.description);
    expect(en.body).toContain('aria-invalid="true"');
    const es = await post(ana, '/problems?lang=es', { ...bad, place_kind: '' });
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('Dé al problema un título de al menos 5 caracteres.');
    expect(es.body).toContain('Diga dónde: un punto del mapa, una zona o toda la ciudad.');
    const none = await post(ana, '/problems', good, false);
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain(`value="${good.title}"`);
    const list = await app.inject('/problems?sort=newest');
    expect(list.body).not.toContain('>Hi<');
  });

  it('count "me too" once and take it back, through forms', async () => {
    const page = await posted();
    const id = page.split('/').pop()!;
    const vote = await post(ben, `${page}/vote`, { vote: 'add' });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toBe(`${page}?voted=1`);
    await post(ben, `${page}/vote`, { vote: 'add' });
    const after = await app.inject({ url: page, headers: { cookie: ben.cookie } });
    expect(after.body).toContain('1 person has this problem too.');
    expect(after.body).toContain('Take my vote back');
    expect((await t.deps.catalog.problems.getProblem(id))!.votes).toBe(1);
    await post(ben, `${page}/vote`, { vote: 'remove' });
    expect((await app.inject({ url: page, headers: { cookie: ben.cookie } })).body).toContain('Me too');
    expect((await t.deps.catalog.problems.getProblem(id))!.votes).toBe(0);
  });

  it('take comments through the form, refusing an empty one and showing markup as text, in Spanish too', async () => {
    const page = await posted();
    const empty = await post(ben, `${page}/comments`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write a comment.');
    const ok = await post(ben, `${page}/comments`, { body: 'Same here <b>every</b> night.' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${page}?commented=1#comments`);
    const seen = await app.inject(`${page}?lang=es`);
    expect(seen.body).toContain('1 comentario');
    expect(seen.body).toContain('Same here &lt;b>every&lt;/b> night.');
    expect(seen.body).toContain('Inicie sesión para comentar');
  });

  it('let a moderator triage, refusing a decline without a reason and keeping the history', async () => {
    const page = await posted();
    expect((await app.inject({ url: page, headers: { cookie: ana.cookie } })).body).not.toContain('Change the status');
    const form = await app.inject({ url: page, headers: { cookie: moderator.cookie } });
    expect(form.body).toContain('Change the status');
    const bare = await post(moderator, `${page}/status`, { status: 'declined', reason: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Say why the problem is declined.');
    const ok = await post(moderator, `${page}/status`, { status: 'declined', reason: 'The underpass belongs to the state.' });
    expect(ok.statusCode).toBe(303);
    const seen = await app.inject(`${page}?lang=es`);
    expect(seen.body).toContain('Rechazado: The underpass belongs to the state.');
    expect(seen.body).toMatch(/de Nuevo a Rechazado\./);
    const refused = await post(ana, `${page}/status`, { status: 'under_review', reason: '' });
    expect(refused.statusCode).toBe(403);
  });

  it('let a moderator merge a duplicate from its page, after which the duplicate sends readers on', async () => {
    const keep = await posted({ title: 'Underpass floods after storms' });
    const dup = await posted({ title: 'Underpass under water again' });
    await post(ben, `${dup}/vote`, { vote: 'add' });
    expect((await app.inject({ url: dup, headers: { cookie: ana.cookie } })).body).not.toContain('Merge the duplicate');
    const self = await post(moderator, `${dup}/merge`, { into: dup });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('A problem cannot be merged into itself.');
    expect(self.body).toContain(`value="${dup}"`);
    const ok = await post(moderator, `${dup}/merge`, { into: `http://localhost${keep}` });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${keep}?merged=1`);
    const gone = await app.inject(dup);
    expect(gone.statusCode).toBe(301);
    expect(gone.headers.location).toBe(keep);
    expect((await app.inject(keep)).body).toContain('1 person has this problem too.');
  });

  it('let a moderator assign a problem to an organization, whose editors then see the triage form', async () => {
    await createOrganization(t.deps, t.admin, { name: 'Transportation' });
    const page = await posted();
    const form = await app.inject({ url: page, headers: { cookie: moderator.cookie } });
    expect(form.body).toContain('<option value="transportation">Transportation</option>');
    const unknown = await post(moderator, `${page}/assign`, { organization: 'parks' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('There is no organization');
    const ok = await post(moderator, `${page}/assign`, { organization: 'transportation' });
    expect(ok.headers.location).toBe(`${page}?assigned=1`);
    expect((await app.inject({ url: page, headers: { cookie: moderator.cookie } })).body).toContain('<option value="transportation" selected>Transportation</option>');
    expect((await post(ana, `${page}/assign`, { organization: '' })).statusCode).toBe(403);
  });

  it('let a moderator hide a problem with a reason from its page, and show it again', async () => {
    const page = await posted({ title: 'Problem to hide from its page' });
    const bare = await post(moderator, `${page}/visibility`, { hidden: 'true', hide_reason: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Say why the problem is hidden; its author is told.');
    const hid = await post(moderator, `${page}/visibility`, { hidden: 'true', hide_reason: 'Personal details in the text.' });
    expect(hid.headers.location).toBe(`${page}?hidden=1`);
    expect((await app.inject(page)).statusCode).toBe(404);
    expect((await app.inject({ url: page, headers: { cookie: moderator.cookie } })).body).toContain('Show the problem again');
    await post(moderator, `${page}/visibility`, { hidden: 'false' });
    expect((await app.inject(page)).statusCode).toBe(200);
    expect((await app.inject('/problems?sort=newest')).body).toContain('>Show<');
  });

  it('list problems with filters that work as links, in Spanish too', async () => {
    await posted({ title: 'Empty lot with rubbish', category: 'environment', place_kind: 'citywide' });
    const env = await app.inject('/problems?category=environment&sort=newest');
    expect(env.body).toContain('Empty lot with rubbish');
    expect(env.body).not.toContain('Flooded underpass');
    expect(env.body).toContain('<option value="environment" selected>');
    const es = await app.inject('/problems?category=environment&lang=es');
    expect(es.body).toContain('Problemas de la ciudad');
    expect(es.body).toContain('Medio ambiente');
    expect(es.body).toContain('En toda la ciudad');
    const odd = await app.inject('/problems?sort=loudest&category=weather&page=x');
    expect(odd.statusCode).toBe(200);
  });

  it('keep the list for visitors until a problem changes, and make it each time for signed-in people', async () => {
    const first = await app.inject('/problems?sort=newest');
    const again = await app.inject('/problems?sort=newest');
    expect(again.body).toBe(first.body);
    await posted({ title: 'Newly posted after the list was kept' });
    expect((await app.inject('/problems?sort=newest')).body).toContain('Newly posted after the list was kept');
    const mine = await app.inject({ url: '/problems?sort=newest', headers: { cookie: ana.cookie } });
    expect(mine.body).toContain('Newly posted after the list was kept');
  });

  it('answer an unknown problem with a page that says so', async () => {
    const r = await app.inject('/problems/no-such-problem');
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('Problem not found');
  });
});
