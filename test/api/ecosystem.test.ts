import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEcosystem } from '../../src/actions/program/ecosystem/demo-ecosystem.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { multipart } from '../support/multipart.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The ecosystem map over HTTP: staff keep it, anyone reads and downloads it, and imports take all or nothing. */

const open = async () => {
  const t = await startTestPlaza();
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  return { t, app };
};

let t: TestPlaza;
let app: FastifyInstance;
let staff: Person;
let resident: Person;

beforeAll(async () => {
  ({ t, app } = await open());
  staff = await makePerson(t, { name: 'Mo', moderator: true });
  resident = await makePerson(t, { name: 'Ana' });
  for (const name of ['Human Resources Administration', 'Homeless Services', 'Public Health', 'Transportation', 'Police Department']) {
    const slug = name.toLowerCase().replace(/ /g, '-');
    await t.deps.catalog.datasets.createOrganization({ id: `org-${slug}`, slug, name, description: '', createdAt: new Date().toISOString() });
  }
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (who: Person | undefined, url: string, json: unknown) => app.inject({ method: 'POST', url, headers: who?.auth ?? {}, payload: json as Record<string, unknown> });
const graph = async (a: FastifyInstance) => {
  const doc = (await a.inject({ url: '/api/v1/ecosystem/export' })).json();
  return doc as { actors: unknown[]; relationships: unknown[] };
};

describe('the ecosystem map over HTTP', () => {
  it('lets staff add actors and relationships, with clear refusals, and anyone read them', async () => {
    expect((await post(resident, '/api/v1/ecosystem/actors', { name: 'Nope', kind: 'agency' })).statusCode).toBe(403);
    expect((await post(undefined, '/api/v1/ecosystem/actors', { name: 'Nope', kind: 'agency' })).statusCode).toBe(401);
    const bad = await post(staff, '/api/v1/ecosystem/actors', { name: 'Wizards', kind: 'wizard' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'kind', message: expect.stringContaining('Choose a kind of actor') });
    const a = await post(staff, '/api/v1/ecosystem/actors', { name: 'Test Pantry Circle', kind: 'community_organization', topics: 'food; Housing', organization: 'public-health' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ slug: 'test-pantry-circle', topics: ['food', 'housing'], organization_id: 'org-public-health' });
    const dup = await post(staff, '/api/v1/ecosystem/actors', { name: 'Test Pantry Circle', kind: 'media' });
    expect([dup.statusCode, dup.json().error.details.fields[0].field]).toEqual([409, 'slug']);
    await post(staff, '/api/v1/ecosystem/actors', { name: 'Test Fund', kind: 'funder' });
    const self = await post(staff, '/api/v1/ecosystem/relationships', { from: 'test-fund', to: 'test-fund', kind: 'funds' });
    expect([self.statusCode, self.json().error.details.fields[0].message]).toEqual([400, 'A relationship joins two different actors; choose another actor.']);
    const r = await post(staff, '/api/v1/ecosystem/relationships', { from: 'test-fund', to: 'test-pantry-circle', kind: 'funds', topics: ['food'] });
    expect(r.statusCode).toBe(201);
    expect((await post(staff, '/api/v1/ecosystem/relationships', { from: 'test-fund', to: 'test-pantry-circle', kind: 'funds' })).statusCode).toBe(409);
    const detail = (await app.inject({ url: '/api/v1/ecosystem/actors/test-pantry-circle' })).json();
    expect(detail.organization).toEqual({ slug: 'public-health', name: 'Public Health' });
    expect(detail.relationships).toMatchObject([{ from: 'test-fund', to: 'test-pantry-circle', kind: 'funds', direction: 'in' }]);
    const filtered = (await app.inject({ url: '/api/v1/ecosystem?kind=funder' })).json();
    expect(filtered.actors.map((x: { slug: string }) => x.slug)).toEqual(['test-fund']);
    expect(filtered.relationships).toEqual([]);
    const feed = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 5 });
    expect(feed.map((e) => e.verb)).toContain('ecosystem.relation_added');
  });

  it('exports the demo map, which imports into an empty site as the same graph', async () => {
    const counts = await seedDemoEcosystem(t.deps, t.admin, readFileSync(join(DEMO_DIR, 'ecosystem.json'), 'utf8'));
    expect(counts.actorsCreated).toBeGreaterThanOrEqual(25);
    expect(counts.relationsAdded).toBeGreaterThanOrEqual(40);
    const before = await graph(app);
    const hra = (await app.inject({ url: '/api/v1/ecosystem/actors/human-resources-administration' })).json();
    expect(hra.organization).toEqual({ slug: 'human-resources-administration', name: 'Human Resources Administration' });
    const actorsFile = (await app.inject({ url: '/ecosystem/actors.csv' })).body;
    const relationsFile = (await app.inject({ url: '/ecosystem/relationships.csv' })).body;
    expect((await app.inject({ url: '/api/v1/ecosystem/export/actors.csv' })).body).toBe(actorsFile);
    expect(JSON.parse((await app.inject({ url: '/ecosystem.json' })).body)).toEqual(before);

    const empty = await open();
    try {
      for (const o of await t.deps.catalog.datasets.listOrganizations()) await empty.t.deps.catalog.datasets.createOrganization(o);
      const boss = await makePerson(empty.t, { moderator: true });
      const body = multipart({}, { actors: { name: 'actors.csv', type: 'text/csv', content: Buffer.from(actorsFile) }, relationships: { name: 'relationships.csv', type: 'text/csv', content: Buffer.from(relationsFile) } });
      const r = await empty.app.inject({ method: 'POST', url: '/api/v1/ecosystem/import', headers: { ...boss.auth, ...body.headers }, payload: body.payload });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ actors_created: before.actors.length, actors_updated: 0, relationships_added: before.relationships.length, relationships_kept: 0 });
      expect(await graph(empty.app)).toEqual(before);
      // The JSON document into the same site again: every actor updated, no relationship twice.
      const again = await empty.app.inject({ method: 'POST', url: '/api/v1/ecosystem/import', headers: boss.auth, payload: before as unknown as Record<string, unknown> });
      expect(again.json()).toEqual({ actors_created: 0, actors_updated: before.actors.length, relationships_added: 0, relationships_kept: before.relationships.length });
      expect(await graph(empty.app)).toEqual(before);
    } finally {
      await empty.app.close();
      await empty.t.close();
    }
  }, 120_000);

  it('imports nothing when any row is wrong, naming the file, row and column', async () => {
    const before = await graph(app);
    const actorsCsv = 'slug,name,kind,topics,note,website,organization\nnew-one,New One,agency,food,,,\nnew-two,New Two,wizard,,,,\n';
    const relationsCsv = 'from,to,kind,topics,note\nnew-one,human-resources-administration,funds,,\nnew-one,nobody-here,funds,,\n';
    const r = await post(staff, '/api/v1/ecosystem/import', { actors_csv: actorsCsv, relationships_csv: relationsCsv });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/^Nothing was imported: actors\.csv, row 3, column kind: Choose a kind of actor/);
    expect(r.json().error.details.problems).toEqual([
      { file: 'actors.csv', row: 3, column: 'kind', reason: expect.stringContaining('Choose a kind of actor') },
      { file: 'relationships.csv', row: 3, column: 'to', reason: 'There is no actor with this slug.' },
    ]);
    const badOrg = await post(staff, '/api/v1/ecosystem/import', { actors: [{ slug: 'x-one', name: 'X one', kind: 'agency', organization: 'no-such-org' }], relationships: [] });
    expect(badOrg.json().error.details.problems).toEqual([{ file: 'ecosystem.json', row: 1, column: 'actors.organization', reason: 'There is no organization with this slug on the site.' }]);
    expect(await graph(app)).toEqual(before);
    expect((await post(resident, '/api/v1/ecosystem/import', { actors_csv: actorsCsv })).statusCode).toBe(403);
  });
});
