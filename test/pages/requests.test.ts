import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Dataset requests' pages as forms without JavaScript: asking, refusals that keep what was typed, votes, answers, fulfilling from the request and the describe page; English and Spanish. */

const PASSWORD = 'requests password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let ben: Session;
let pat: Session;
let slug: string;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (url: string, who?: Session) => app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });

const good = { title: 'Street tree inventory', description: 'To find the blocks without shade on the way to school.', organization: 'test-department' };

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  ({ slug } = await t.load('test/fixtures/tabular/montreal_bike_counts_2012.csv', { title: 'Street trees', slug: 'street-trees' }));
  const dataset = (await t.deps.catalog.datasets.getDataset(slug))!;
  for (const name of ['ana', 'ben', 'pat']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const patUser = (await t.deps.catalog.accounts.findUserByEmail('pat@example.org'))!;
  await t.deps.catalog.accounts.putMembership({ organizationId: dataset.organizationId, userId: patUser.id, role: 'editor', createdAt: new Date().toISOString() });
  ana = await signIn('ana@example.org');
  ben = await signIn('ben@example.org');
  pat = await signIn('pat@example.org');
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

async function asked(extra: Record<string, string> = {}): Promise<string> {
  const r = await post(ana, '/requests', { ...good, ...extra });
  expect(r.statusCode).toBe(303);
  return r.headers.location!.replace(/\?.*$/, '');
}

describe('the request pages', () => {
  it('send visitors who want to ask to sign in', async () => {
    const form = await get('/requests/new');
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/sign-in?next=%2Frequests%2Fnew');
    const list = await get('/requests');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/sign-in?next=%2Frequests%2Fnew"');
  });

  it('ask for data from the form and show it, its markup as text, with the organization named', async () => {
    const page = await asked({ title: '<script>alert(1)</script> trees' });
    const r = await get(`${page}?posted=1`, ana);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h1>&lt;script>alert(1)&lt;/script> trees</h1>');
    expect(r.body).not.toContain('<script>alert(1)');
    expect(r.body).toContain('Your request is sent.');
    expect(r.body).toContain('Probably held by Test Department');
    expect(r.body).toContain(`action="${page}/follow"`);
  });

  it('refuse a bad form with each field\'s message, keeping what was typed, in English and in Spanish', async () => {
    const before = (await t.deps.catalog.requests.listRequests({ sort: 'newest', limit: 1, offset: 0 })).total;
    const bad = { title: 'abc', description: 'Too short', organization: '' };
    const en = await post(ana, '/requests', bad);
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Say what data you ask for, in at least 5 characters.');
    expect(en.body).toContain('Say why you need it, in at least 10 characters.');
    expect(en.body).toContain('value="abc"');
    expect(en.body).toContain('>Too short</textarea>');
    const es = await post(ana, '/requests?lang=es', bad);
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('Diga qué datos pide, en al menos 5 caracteres.');
    expect((await t.deps.catalog.requests.listRequests({ sort: 'newest', limit: 1, offset: 0 })).total).toBe(before);
  });

  it('count a vote once, take it back, and list requests with filters', async () => {
    const page = await asked({ title: 'Bike lane counts by month' });
    expect((await post(ben, `${page}/vote`, { vote: 'add' })).headers.location).toBe(`${page}?voted=1`);
    await post(ben, `${page}/vote`, { vote: 'add' });
    expect((await get(page, ben)).body).toContain('1 person wants this data.');
    await post(ben, `${page}/vote`, { vote: 'remove' });
    expect((await get(page, ben)).body).toContain('No one has voted yet.');
    const list = await get('/requests?sort=newest&status=new&organization=test-department');
    expect(list.body).toContain('Bike lane counts by month');
    expect((await get('/requests?status=declined')).body).not.toContain('Bike lane counts by month');
    const es = await get('/requests?lang=es');
    expect(es.body).toContain('Solicitudes de datos');
  });

  it('take the city\'s answer from its editors, refusing a decline without a reason, and show it in Spanish', async () => {
    const page = await asked({ title: 'Home addresses of permit holders' });
    const none = await post(pat, `${page}/answer`, { status: 'declined', decline_reason: '', note: 'typed note', target_date: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Say why the request is declined: privacy, not held, cost or other.');
    expect(none.body).toContain('>typed note</textarea>');
    expect((await post(ben, `${page}/answer`, { status: 'under_review' })).statusCode).toBe(403);
    expect((await post(pat, `${page}/answer`, { status: 'declined', decline_reason: 'privacy', note: '' })).headers.location).toBe(`${page}?answered=1`);
    const shown = await get(page);
    expect(shown.body).toContain('Declined: Privacy.');
    expect((await get(`${page}?lang=es`)).body).toContain('Rechazada: Privacidad.');
    const later = await asked({ title: 'Parking permits by block' });
    const noDate = await post(pat, `${later}/answer`, { status: 'planned', target_date: '', note: '' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('Give the date the data is planned for.');
    expect((await post(pat, `${later}/answer`, { status: 'planned', target_date: '2030-03-01', note: 'After the survey.' })).statusCode).toBe(303);
    const planned = await get(later);
    expect(planned.body).toContain('Planned for');
    expect(planned.body).toContain('“After the survey.”');
    expect(planned.body).toMatch(/New → Planned · 2030-03-01/);
  });

  it('fulfil a request from its page, then list it on the dataset page', async () => {
    const page = await asked({ title: 'Counts of cyclists' });
    const form = await get(page, pat);
    expect(form.body).toContain(`<option value="${slug}">Street trees</option>`);
    expect((await get(page, ben)).body).not.toContain('action="' + page + '/fulfil"');
    const empty = await post(pat, `${page}/fulfil`, { dataset: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the dataset that fulfils the request.');
    expect((await post(pat, `${page}/fulfil`, { dataset: slug })).headers.location).toBe(`${page}?fulfilled=1`);
    const done = await get(page);
    expect(done.body).toContain(`Published in the dataset: <a href="/datasets/${slug}">Street trees</a>`);
    const dataset = await get(`/datasets/${slug}`);
    expect(dataset.body).toContain('Requests this dataset fulfilled');
    expect(dataset.body).toContain(`<a href="${page}">Counts of cyclists</a>`);
  });

  it('fulfil a request from the dataset\'s describe page with the same action', async () => {
    const page = await asked({ title: 'Tree planting dates' });
    const id = page.split('/').pop()!;
    const describe = await get(`/publish/${slug}/describe`, pat);
    expect(describe.statusCode).toBe(200);
    expect(describe.body).toContain('Fulfils a request');
    expect(describe.body).toContain(`<option value="${id}">Tree planting dates</option>`);
    const r = await post(pat, `/publish/${slug}/fulfils`, { request: id });
    expect(r.headers.location).toBe(`/publish/${slug}/describe?fulfils=1`);
    expect((await t.deps.catalog.requests.getRequest(id))?.status).toBe('published');
    const again = await get(`/publish/${slug}/describe?fulfils=1`, pat);
    expect(again.body).toContain(`<a href="${page}">Tree planting dates</a>`);
    const refused = await post(ben, `/publish/${slug}/fulfils`, { request: (await asked()).split('/').pop()! });
    expect(refused.statusCode).toBe(403);
  });

  it('show the newest open requests on the community page, in Spanish too', async () => {
    await asked({ title: 'Noise complaints by block' });
    const hub = await get('/community');
    expect(hub.body).toContain('Dataset requests');
    expect(hub.body).toContain('Noise complaints by block</a>');
    expect(hub.body).toMatch(/\d+ open requests/);
    expect((await get('/community?lang=es')).body).toContain('Solicitudes de datos');
  });
});
