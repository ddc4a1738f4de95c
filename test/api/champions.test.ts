import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteThemes } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, signIn, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Data champions over HTTP: opt-in profiles, hidden channels never shown to readers, unpublished ones not found. */

let t: TestPlaza;
let app: FastifyInstance;
let staff: Person;
let ana: Person;
let reader: Person;
let slug: string;
let other: string;
let theme: string;

const HIDDEN_EMAIL = 'hidden.person@agency.example';
const profile = (extra: Record<string, unknown> = {}) => ({
  name: 'Grace Okafor',
  tier: 'internal',
  organization: 'test-department',
  topics: [theme],
  bio: 'Trains the department’s staff to publish data.',
  channels: [
    { kind: 'email', value: HIDDEN_EMAIL, shown: false },
    { kind: 'newsletter', value: 'https://news.example.org/data', shown: true },
    { kind: 'office_hours', value: 'Tuesdays 10:00–12:00', place: 'Harlem Library, 9 West 124th Street', shown: true },
  ],
  datasets: [slug],
  published: true,
  consent: 'Signed form, 2 March 2026',
  ...extra,
});
const post = (who: Person, body: unknown) => app.inject({ method: 'POST', url: '/api/v1/champions', headers: who.auth, payload: body as Record<string, unknown> });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  staff = await makePerson(t, { name: 'Mo', moderator: true });
  ana = await makePerson(t, { name: 'Ana' });
  reader = await makePerson(t, { name: 'Reader' });
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
  other = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
  theme = (await siteThemes(t.deps))[0]!;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('champions over HTTP', () => {
  it('publishes a profile for someone else only with a note of their consent', async () => {
    const refused = await post(staff, profile({ consent: '' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['consent']);
    expect(refused.json().error.message).toContain('Record how the person agreed to be shown');
    const r = await post(staff, profile());
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ slug: 'grace-okafor', tier: 'internal', published: true, linked_to_account: false });
  });

  it('never shows a hidden channel to readers, in JSON or HTML, and shows it to staff', async () => {
    for (const who of [{}, reader.auth, ana.auth]) {
      const one = await app.inject({ url: '/api/v1/champions/grace-okafor', headers: who });
      expect(one.statusCode).toBe(200);
      expect(one.body).not.toContain(HIDDEN_EMAIL);
      expect(one.json().channels.map((c: { kind: string }) => c.kind)).toEqual(['newsletter', 'office_hours']);
      const list = await app.inject({ url: '/api/v1/champions', headers: who });
      expect(list.body).toContain('grace-okafor');
      expect(list.body).not.toContain(HIDDEN_EMAIL);
    }
    const page = await app.inject({ url: '/champions/grace-okafor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(HIDDEN_EMAIL);
    expect(page.body).toContain('https://news.example.org/data');
    expect(page.body).toContain('Tuesdays 10:00–12:00, at Harlem Library, 9 West 124th Street');
    expect((await app.inject({ url: '/champions' })).body).not.toContain(HIDDEN_EMAIL);
    const asStaff = await app.inject({ url: '/api/v1/champions/grace-okafor', headers: staff.auth });
    expect(asStaff.json().channels.map((c: { value: string }) => c.value)).toContain(HIDDEN_EMAIL);
  });

  it('names the datasets looked after with their freshness, and the dataset page names its champion', async () => {
    const d = (await app.inject({ url: '/api/v1/champions/grace-okafor' })).json();
    expect(d.datasets).toMatchObject([{ slug }]);
    expect(['on_time', 'overdue', 'never']).toContain(d.datasets[0].freshness);
    const dataset = await t.deps.catalog.datasets.getDataset(slug);
    await t.deps.catalog.datasets.updateDataset(dataset!.id, { frequency: 'daily', dataUpdatedAt: '2020-01-01T00:00:00.000Z', nextDueAt: '2020-01-02T00:00:00.000Z' });
    expect((await app.inject({ url: '/api/v1/champions/grace-okafor' })).json().datasets[0].freshness).toBe('overdue');
    expect((await app.inject({ url: '/champions/grace-okafor' })).body).toMatch(/Overdue by [\d,]+ days/);
    const withChampion = await app.inject({ url: `/datasets/${slug}` });
    expect(withChampion.body).toContain('Data champion: <a href="/champions/grace-okafor">Grace Okafor</a> (Internal (department))');
    const without = await app.inject({ url: `/datasets/${other}` });
    expect(without.body).not.toContain('Data champion:');
  });

  it('keeps an unpublished profile to its person and staff: not found for others, in JSON and HTML', async () => {
    const r = await post(ana, profile({ name: 'Ana Ruiz', tier: 'external', published: false, consent: '' }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ slug: 'ana-ruiz', published: false, linked_to_account: true });
    for (const who of [{}, reader.auth]) {
      expect((await app.inject({ url: '/api/v1/champions/ana-ruiz', headers: who })).statusCode).toBe(404);
      expect((await app.inject({ url: '/champions/ana-ruiz', headers: who })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/champions', headers: who })).body).not.toContain('ana-ruiz');
    }
    expect((await app.inject({ url: `/datasets/${slug}` })).body).not.toContain('Ana Ruiz');
    expect((await app.inject({ url: '/api/v1/champions/ana-ruiz', headers: ana.auth })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/champions/ana-ruiz', headers: staff.auth })).statusCode).toBe(200);
    // Another person may not edit it, nor learn it exists.
    expect((await app.inject({ method: 'PUT', url: '/api/v1/champions/ana-ruiz', headers: reader.auth, payload: profile({ name: 'Ana Ruiz' }) })).statusCode).toBe(404);
    // One profile per account.
    expect((await post(ana, profile({ name: 'Ana Again', published: false }))).statusCode).toBe(409);
    // She publishes it herself, no consent note needed.
    const pub = await app.inject({ method: 'PUT', url: '/api/v1/champions/ana-ruiz', headers: ana.auth, payload: profile({ name: 'Ana Ruiz', tier: 'external', consent: '' }) });
    expect(pub.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/champions/ana-ruiz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/champions/ana-ruiz', headers: reader.auth, payload: profile({ name: 'Ana Ruiz' }) })).statusCode).toBe(403);
  });

  it('filters the directory by tier, topic and organization', async () => {
    const names = async (q: string) => (await app.inject({ url: `/api/v1/champions${q}` })).json().results.map((c: { slug: string }) => c.slug);
    expect(await names('?tier=internal')).toEqual(['grace-okafor']);
    expect(await names('?tier=external')).toEqual(['ana-ruiz']);
    expect(await names('?tier=executive')).toEqual([]);
    expect(await names(`?topic=${encodeURIComponent(theme)}`)).toEqual(['ana-ruiz', 'grace-okafor']);
    expect(await names('?topic=Nothing%20like%20it')).toEqual([]);
    expect(await names('?organization=test-department')).toEqual(['ana-ruiz', 'grace-okafor']);
    expect(await names('?organization=no-such-org')).toEqual([]);
    const page = (await app.inject({ url: '/champions?tier=internal' })).body;
    expect(page).toContain('Grace Okafor');
    expect(page).not.toContain('Ana Ruiz');
  });

  it('links the account page to the person’s own profile, or to making one', async () => {
    const mine = await signIn(t, app, ana, 'champion password 2030');
    expect((await app.inject({ url: '/account', headers: { cookie: mine.cookie } })).body).toContain('href="/champions/ana-ruiz/edit"');
    const theirs = await signIn(t, app, reader, 'champion password 2030');
    expect((await app.inject({ url: '/account', headers: { cookie: theirs.cookie } })).body).toContain('href="/champions/new"');
  });

  it('refuses the staff form publishing someone else without consent, keeping what was typed, then takes it with consent', async () => {
    const session = await signIn(t, app, staff, 'champion password 2030');
    const form = (extra: Record<string, string>) => new URLSearchParams({ _csrf: session.csrf, name: 'Jo Park', tier: 'executive', department: 'Mayor’s Office', channel_chat: '@jopark', published: 'on', ...extra }).toString();
    const send = (extra: Record<string, string>, lang = 'en') => app.inject({ method: 'POST', url: '/champions', headers: { cookie: `${session.cookie}; plaza_lang=${lang}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(extra) });
    const refused = await send({});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Record how the person agreed to be shown before publishing the profile.');
    expect(refused.body).toContain('value="Jo Park"');
    expect(refused.body).toContain('value="@jopark"');
    const ok = await send({ consent: 'Email of 3 March 2026' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/champions/jo-park?saved=1');
    // Chat was not ticked to be shown.
    expect((await app.inject({ url: '/champions/jo-park' })).body).not.toContain('@jopark');
  });

  it('records who added, changed and published profiles in the activity stream', async () => {
    const verbs = (await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 50 })).map((e) => e.verb);
    expect(verbs).toEqual(expect.arrayContaining(['champion.added', 'champion.published', 'champion.updated']));
  });
});
