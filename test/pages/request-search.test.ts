import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The search box and the status counts of `/requests`, and the search of `GET /api/v1/requests`; English and Spanish. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let moderator: Session;

const ask = async (title: string, description: string) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ana.auth, payload: { title, description } });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
};

/** The titles of the requests a list page shows, in order. */
const shown = (html: string) => [...html.matchAll(/<h2><a href="\/requests\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  const mo = await makePerson(t, { name: 'Mo', moderator: true });
  moderator = await signIn(t, app, mo, 'moderator password 2030');
  await ask('Street tree inventory', 'Species and planting dates, to plan shade for the summer.');
  const counters = await ask('Bicycle counters on bridges', 'Hourly counts of bicycles crossing every bridge in summer.');
  await t.deps.catalog.requests.changeRequestStatus({ requestId: counters, from: 'new', to: 'planned', note: null, declineReason: null, targetDate: '2030-01-01', datasetId: null, actorId: mo.user.id, at: new Date().toISOString() });
  await ask('Rutas del camión de basura', 'Los horarios de recogida por calle y barrio.');
  const hidden = await ask('Cheap summer pumps for sale', 'Buy cheap pumps now, summer deals.');
  await t.deps.catalog.requests.updateRequest(hidden, { hidden: true });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the request list searched', () => {
  it('shows the requests matching any form of the words, best first, keeping the text in the box', async () => {
    const r = await app.inject('/requests?q=bicycle%20summer');
    expect(r.statusCode).toBe(200);
    expect(shown(r.body)).toEqual(['Bicycle counters on bridges', 'Street tree inventory']);
    expect(r.body).toContain('<title>Requests matching “bicycle summer”');
    expect(r.body).toContain('2 requests match “bicycle summer”');
    expect(r.body).toMatch(/<input id="q" name="q" type="search" value="bicycle summer"/);
    expect(r.body).toContain('<option value selected>Best match</option>');
  });

  it('folds accents and forgives a typo, in Spanish', async () => {
    const r = await app.inject('/requests?q=camion&lang=es');
    expect(shown(r.body)).toEqual(['Rutas del camión de basura']);
    expect(r.body).toContain('1 solicitud coincide con «camion»');
    expect(r.body).toContain('aria-label="Acotar las solicitudes"');
    expect(shown((await app.inject('/requests?q=horaros')).body)).toEqual(['Rutas del camión de basura']);
  });

  it('counts the requests found by status, each a link that narrows the list and widens it again', async () => {
    const r = await app.inject('/requests?q=summer');
    expect(r.body).toContain('<a href="/requests?q=summer&amp;status=new">New <span class="meta">(1)</span></a>');
    expect(r.body).toContain('<a href="/requests?q=summer&amp;status=planned">Planned <span class="meta">(1)</span></a>');
    const narrowed = await app.inject('/requests?q=summer&status=planned');
    expect(shown(narrowed.body)).toEqual(['Bicycle counters on bridges']);
    expect(narrowed.body).toContain('<a href="/requests?q=summer" class="usa-current" aria-current="true">✓ Planned <span class="meta">(1)</span></a>');
  });

  it('never shows a hidden request to visitors, and shows it to moderators', async () => {
    const r = await app.inject('/requests?q=pumps');
    expect(shown(r.body)).toEqual([]);
    expect(r.body).toContain('No requests match “pumps”.');
    expect(shown((await app.inject({ url: '/requests?q=pumps', headers: { cookie: moderator.cookie } })).body)).toEqual(['Cheap summer pumps for sale']);
  });

  it('keeps an explicit sort in the links, and shows markup typed in the box as text', async () => {
    const r = await app.inject('/requests?q=summer&sort=newest');
    expect(shown(r.body)).toEqual(['Bicycle counters on bridges', 'Street tree inventory']);
    expect(r.body).toContain('<option value="newest" selected>Newest</option>');
    const votes = await app.inject('/requests?q=summer&sort=votes');
    expect(votes.body).toContain('href="/requests?q=summer&amp;sort=votes&amp;status=new"');
    const bad = await app.inject(`/requests?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('<script>alert(1)');
  });
});

describe('GET /api/v1/requests searched', () => {
  it('finds by text with counts by status, hidden requests for moderators only', async () => {
    const r = await app.inject('/api/v1/requests?q=summer');
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((x: { title: string }) => x.title).sort()).toEqual(['Bicycle counters on bridges', 'Street tree inventory']);
    const best = await app.inject('/api/v1/requests?q=bicycle%20summer');
    expect(best.json().results.map((x: { title: string }) => x.title)).toEqual(['Bicycle counters on bridges', 'Street tree inventory']);
    expect(r.json().facets).toEqual({ status: [{ value: 'new', count: 1 }, { value: 'planned', count: 1 }] });
    const mod = await app.inject({ url: '/api/v1/requests?q=pumps', headers: { cookie: moderator.cookie } });
    expect(mod.json().total).toBe(1);
    expect((await app.inject('/api/v1/requests?q=pumps')).json()).toMatchObject({ total: 0, results: [], facets: { status: [] } });
  });

  it('refuses text longer than 500 characters, and lists everything for an empty one', async () => {
    const long = await app.inject(`/api/v1/requests?q=${'a'.repeat(501)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('validation_failed');
    expect((await app.inject('/api/v1/requests?q=')).json().total).toBe(3);
  });
});
