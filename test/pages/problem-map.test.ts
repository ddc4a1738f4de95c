import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Problems on the city's map and the datasets linked to them, as pages without JavaScript; English and Spanish. */

const PASSWORD = 'problem maps password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
let ana: Session;
let moderator: Session;

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (url: string, who?: Session) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

const base = { description: 'Something residents see every day and want fixed.', affected: '', category: 'mobility' };

/** Posts a problem as Ana; its id. */
async function posted(fields: Record<string, string>): Promise<string> {
  const r = await post(ana, '/problems', { ...base, ...fields });
  expect(r.statusCode).toBe(303);
  return r.headers.location!.replace(/\?.*$/, '').split('/').pop()!;
}

let pointId: string;
let areaId: string;
let areaId2: string;
let cityId: string;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('geo/nyc_modzcta_2010.geojson'), { title: 'ZIP code areas', slug: 'zip-areas' });
  await updateSite(t.deps, t.admin, { map_context: 'zip-areas' });
  for (const name of ['ana', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const mod = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
  ana = await signIn('ana@example.org');
  moderator = await signIn('mod@example.org');
  pointId = await posted({ title: 'Flooded underpass on 5th Street', place_kind: 'point', lat: '40.7411', lon: '-73.9897' });
  areaId = await posted({ title: 'No shade on the school walk', category: 'environment', place_kind: 'area', area: '10027' });
  areaId2 = await posted({ title: 'Broken benches in the park', category: 'environment', place_kind: 'area', area: '10027' });
  cityId = await posted({ title: 'Bus fares too high for families', place_kind: 'citywide' });
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('a problem\'s page', () => {
  it('draws its point on the city\'s map, its area whole, or says it is citywide', async () => {
    const point = await get(`/problems/${pointId}`);
    expect(point.statusCode).toBe(200);
    expect(point.body).toContain('<h2 id="where">Where it is</h2>');
    expect(point.body).toMatch(/<svg class="map"[^>]*data-view="15\/40\.7411\/-73\.9897"/);
    expect(point.body).toContain('<g class="context">');
    expect(point.body).toMatch(/<circle class="f" cx="400" cy="250"[^>]*><title>Flooded underpass on 5th Street<\/title>/);
    expect(point.body).toContain('aria-label="Map of where the problem is"');

    const area = await get(`/problems/${areaId}`);
    expect(area.body).toContain('In area 10027');
    expect(area.body).toMatch(/<path class="f" d="M[^"]+"[^>]*><title>No shade on the school walk<\/title>/);

    const city = await get(`/problems/${cityId}?lang=es`);
    expect(city.body).toContain('Este problema afecta a toda la ciudad.');
    expect(city.body).not.toContain('<circle class="f"');
  });
});

describe('linked datasets', () => {
  it('let a triager link a dataset from the problem page, shown there and on the dataset\'s page, and unlink it', async () => {
    const page = await get(`/problems/${pointId}`, moderator);
    expect(page.body).toContain('No dataset is linked to this problem yet.');
    expect(page.body).toContain('<option value="zip-areas">ZIP code areas</option>');

    const linked = await post(moderator, `/problems/${pointId}/links`, { target: 'zip-areas' });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`/problems/${pointId}?linked=1#linked`);
    const after = await get(`/problems/${pointId}?linked=1`, moderator);
    expect(after.body).toContain('The dataset is linked.');
    expect(after.body).toMatch(/<ul class="linked"><li><a href="\/datasets\/zip-areas">ZIP code areas<\/a>/);
    expect(after.body).not.toContain('<option value="zip-areas">');

    const visitor = await get(`/problems/${pointId}`);
    expect(visitor.body).toContain('<a href="/datasets/zip-areas">ZIP code areas</a>');
    expect(visitor.body).not.toContain('Link a dataset that bears on this problem');
    const resident = await get(`/problems/${pointId}`, ana);
    expect(resident.body).not.toContain('Link a dataset that bears on this problem');

    const dataset = await get('/datasets/zip-areas');
    expect(dataset.body).toContain('<h2 id="bearing">Problems this data bears on</h2>');
    expect(dataset.body).toContain(`<a href="/problems/${pointId}">Flooded underpass on 5th Street</a>`);
    expect((await get('/datasets/zip-areas?lang=es')).body).toContain('Problemas relacionados con estos datos');

    const off = await post(moderator, `/problems/${pointId}/links/remove`, { target: (await t.deps.catalog.datasets.getDataset('zip-areas'))!.id });
    expect(off.headers.location).toBe(`/problems/${pointId}?unlinked=1#linked`);
    expect((await get(`/problems/${pointId}`)).body).toContain('No dataset is linked to this problem yet.');
    expect((await get('/datasets/zip-areas')).body).not.toContain('Problems this data bears on');
  });

  it('refuse a missing or unknown dataset with the message by the field, in English and Spanish, changing nothing', async () => {
    const empty = await post(moderator, `/problems/${areaId}/links`, { target: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose a dataset.');
    expect(empty.body).toContain('aria-invalid="true"');
    const unknown = await post(moderator, `/problems/${areaId}/links?lang=es`, { target: 'no-such-data' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No existe el conjunto de datos &quot;no-such-data&quot;.');
    expect(await t.deps.catalog.problemLinks.listProblemLinks(areaId)).toEqual([]);
    const forged = await app.inject({ method: 'POST', url: `/problems/${areaId}/links`, payload: 'target=zip-areas', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: moderator.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(await t.deps.catalog.problemLinks.listProblemLinks(areaId)).toEqual([]);
    const resident = await post(ana, `/problems/${areaId}/links`, { target: 'zip-areas' });
    expect(resident.statusCode).toBe(403);
    expect(await t.deps.catalog.problemLinks.listProblemLinks(areaId)).toEqual([]);
  });
});

describe('the problems map', () => {
  it('draws every listed problem, each mark a link, an area\'s problems as one mark, with the same problems as a list', async () => {
    const r = await get('/problems/map');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h1>Map of problems</h1>');
    expect(r.body).toContain(`<a href="/problems/${pointId}" tabindex="-1"><circle`);
    expect(r.body).toMatch(/<a href="\/problems\?area=10027" tabindex="-1"><circle [^>]*><title>10027 \(2\)<\/title>/);
    // The list equivalent: the point, the area's two problems, and the citywide one apart.
    expect(r.body).toContain(`<li><a href="/problems/${pointId}">Flooded underpass on 5th Street</a>`);
    expect(r.body).toContain('<li><a href="/problems?area=10027">10027: 2 problems</a></li>');
    expect(r.body).toContain('1 problem without a place on the map');
    expect(r.body).toContain(`<a href="/problems/${cityId}">Bus fares too high for families</a>`);
    expect(r.body).toContain('<a href="/problems">See them as a list</a>');

    const list = await get('/problems?area=10027');
    expect(list.body).toContain('No shade on the school walk');
    expect(list.body).toContain('Broken benches in the park');
    expect(list.body).not.toContain('Flooded underpass');
    expect(list.body).toContain('<a href="/problems/map?area=10027">See them on a map</a>');
    void areaId2;
  });

  it('filter as the list does, and speak Spanish', async () => {
    const r = await get('/problems/map?category=environment&lang=es');
    expect(r.body).toContain('<h1>Mapa de problemas</h1>');
    expect(r.body).toContain('<li><a href="/problems?category=environment&amp;area=10027">10027: 2 problemas</a></li>');
    expect(r.body).not.toContain('Flooded underpass');
    expect(r.body).not.toContain('Bus fares');
    const none = await get('/problems/map?status=addressed&category=nonsense&view=bad');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No problems match.');
  });

  it('draws a signed-in reader\'s map again once a problem changes, not before', async () => {
    const before = await get('/problems/map?category=health', ana);
    expect(before.body).toContain('No problems match.');
    const id = await posted({ title: 'Clinic closes before the night shift ends', category: 'health', place_kind: 'point', lat: '40.7306', lon: '-73.9866' });
    const after = await get('/problems/map?category=health', ana);
    expect(after.body).toContain(`<a href="/problems/${id}">Clinic closes before the night shift ends</a>`);
  });

  it('zooms to the view asked for, with links to zoom and to the whole city', async () => {
    const r = await get('/problems/map?view=15/40.7411/-73.9897');
    expect(r.body).toMatch(/data-view="15\/40\.7411\/-73\.9897"/);
    expect(r.body).toContain('href="/problems/map?view=16%2F40.7411%2F-73.9897">Zoom in</a>');
    expect(r.body).toContain('<a href="/problems/map">Show the whole city</a>');
    expect(r.body).toContain('1 mark on the map in this view.');
  });
});

describe('the new-problem form', () => {
  it('shows the city\'s map to pick on, with its script, and keeps a typed point when the form is refused', async () => {
    const form = await get('/problems/new', ana);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Click the map to fill in the latitude and longitude, or type them.');
    expect(form.body).toMatch(/<div class="pick-map" data-pick-map[^>]*>/);
    expect(form.body).toMatch(/<svg class="map"[^>]*data-view="[\d.]+\/40\.\d+\/-73\.\d+"/);
    const script = /<script[^>]+src="(\/assets\/pick\.[0-9a-f]+\.js)"/.exec(form.body)?.[1];
    expect(script).toBeDefined();
    const js = await get(script!);
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('crosshair');

    const refused = await post(ana, '/problems', { ...base, title: 'Hi', place_kind: 'point', lat: '40.7411', lon: '-73.9897' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="40.7411"');
    expect(refused.body).toMatch(/<circle class="f"[^>]*><title>40.7411, -73.9897<\/title>/);
    const spanish = await get('/problems/new?lang=es', ana);
    expect(spanish.body).toContain('Haga clic en el mapa para rellenar la latitud y la longitud, o escríbalas.');
  });
});

