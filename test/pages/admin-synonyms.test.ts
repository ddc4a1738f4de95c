import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { searchDatasets } from '../../src/actions/catalog/read-datasets.ts';
import { getSite } from '../../src/actions/site/settings.ts';
import { anonymous } from '../../src/domain/accounts/principal.ts';
import { DEFAULT_SYNONYMS } from '../../src/domain/site/synonyms.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The search synonyms page: who may use it, the defaults, saving, refusals line by line, restoring, in English and Spanish. */

const PASSWORD = 'synonyms password 2030';
let t: TestPlaza;
let app: FastifyInstance;
let admin: { cookie: string; csrf: string };
let resident: { cookie: string; csrf: string };

async function signIn(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: { cookie: string }, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/admin/synonyms', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie, ...headers } });

const found = async (q: string) => (await searchDatasets(t.deps, anonymous, { q })).results.map((r) => r.dataset.slug);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter-census' });
  const boss = await register(t.deps, { email: 'boss@example.org', name: 'Boss', password: PASSWORD });
  await t.deps.catalog.accounts.updateUser(boss.id, { isSiteAdmin: true });
  await register(t.deps, { email: 'resident@example.org', name: 'Resident', password: PASSWORD });
  admin = await signIn('boss@example.org');
  resident = await signIn('resident@example.org');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the search synonyms page', () => {
  it('sends strangers to sign in and tells other people it is not for them', async () => {
    const stranger = await app.inject('/admin/synonyms');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/sign-in?next=%2Fadmin%2Fsynonyms');
    const other = await app.inject({ url: '/admin/synonyms', headers: { cookie: resident.cookie } });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('The portal’s settings are for site administrators.');
    const forged = await post(resident, { _csrf: resident.csrf, synonyms: 'census, headcount' });
    expect(forged.statusCode).toBe(403);
    expect((await getSite(t.deps)).synonyms).toEqual(DEFAULT_SYNONYMS);
  });

  it('shows the suggested synonyms, one group a line, linked from the settings page', async () => {
    const settings = await app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
    expect(settings.body).toContain('<a href="/admin/synonyms">Search synonyms</a>');
    const res = await app.inject({ url: '/admin/synonyms', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form class="settings" method="post" action="/admin/synonyms">');
    expect(res.body).toContain(`<input type="hidden" name="_csrf" value="${admin.csrf}"/>`);
    expect(res.body).toMatch(/<label for="field-synonyms"[^>]*>Synonym groups<\/label>/);
    expect(res.body).toContain('bike, bicycle, cycling, bicicleta, bici, ciclismo\ncop, police, policía\n');
  });

  it('saves the groups, which searches use at once', async () => {
    expect(await found('headcount')).toEqual([]);
    const res = await post(admin, { _csrf: admin.csrf, synonyms: 'census, headcount, recuento\n\n  shelter ,  refuge  ' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/synonyms?saved=saved');
    expect((await getSite(t.deps)).synonyms).toEqual([['census', 'headcount', 'recuento'], ['shelter', 'refuge']]);
    expect(await found('headcount')).toEqual(['shelter-census']);
    expect(await found('recuentos')).toEqual(['shelter-census']);
    const page = await app.inject({ url: '/admin/synonyms?saved=saved', headers: { cookie: admin.cookie } });
    expect(page.body).toContain('Synonyms saved. Searches use them now.');
    expect(page.body).toContain('census, headcount, recuento\nshelter, refuge</textarea>');
  });

  it('refuses a group of one word, naming its line, keeping what was typed and saving nothing', async () => {
    const before = (await getSite(t.deps)).synonyms;
    const res = await post(admin, { _csrf: admin.csrf, synonyms: 'census, headcount\nlonely' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Line 2: A group of synonyms needs at least two words.');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('census, headcount\nlonely</textarea>');
    expect((await getSite(t.deps)).synonyms).toEqual(before);
  });

  it('speaks Spanish, refusals included', async () => {
    const page = await app.inject({ url: '/admin/synonyms', headers: { cookie: admin.cookie, 'accept-language': 'es' } });
    expect(page.body).toContain('<h1>Sinónimos de búsqueda</h1>');
    expect(page.body).toContain('Guardar sinónimos');
    const res = await post(admin, { _csrf: admin.csrf, synonyms: 'uno' }, { 'accept-language': 'es' });
    expect(res.body).toContain('Línea 1: Un grupo de sinónimos necesita al menos dos palabras.');
  });

  it('says an expired form saved nothing', async () => {
    const res = await post(admin, { _csrf: 'stale', synonyms: 'a1, b1' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form expired or came from another site.');
  });

  it('goes back to the suggested synonyms', async () => {
    const res = await post(admin, { _csrf: admin.csrf, synonyms: 'whatever, typed', restore: '1' });
    expect(res.headers.location).toBe('/admin/synonyms?saved=restored');
    expect((await getSite(t.deps)).synonyms).toEqual(DEFAULT_SYNONYMS);
    expect(await found('headcount')).toEqual([]);
  });
});
