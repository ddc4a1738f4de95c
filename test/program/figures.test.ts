import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequest } from '../../src/actions/community/answer-request.ts';
import { setProblemHidden } from '../../src/actions/community/hide-problem.ts';
import { mergeProblem } from '../../src/actions/community/merge-problem.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { postRequest } from '../../src/actions/community/post-request.ts';
import { changeProblemStatus } from '../../src/actions/community/triage-problem.ts';
import { movePhase } from '../../src/actions/projects/change-project.ts';
import { createProject } from '../../src/actions/projects/create-project.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { buildApp } from '../../src/http/app.ts';
import { bareDataset, organization } from '../contract/factories.ts';
import { insertPartners, insertStatement } from '../contract/program-factories.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The program report's figures against counts made here from what was
 * seeded: datasets of each freshness, uses through the counter, problems and
 * requests answered at set times, a showcase, and events.
 */

let t: TestPlaza;
let app: FastifyInstance;
let now = new Date('2026-03-01T09:00:00Z');
const set = (iso: string) => (now = new Date(iso));
let resident: Person;
let mod: Person;
let staff: Person;
const ids: Record<string, string> = {};
const PERIOD = 'from=2026-03-01&to=2026-03-10';

const problemInput = (title: string) => ({ title, description: 'Something happens here every day.', category: 'safety', place: { kind: 'citywide' } });
const requestInput = (title: string) => ({ title, description: 'We need this to plan the summer.' });

beforeAll(async () => {
  t = await startTestPlaza({ clock: { now: () => now } });
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  resident = await makePerson(t, { name: 'Rosa' });
  mod = await makePerson(t, { name: 'Mo', moderator: true });
  const census = await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'census' });
  ids.census = census.slug;

  // Datasets of each freshness, and two nobody outside may see.
  const parks = organization({ name: 'Parks' });
  await t.deps.catalog.datasets.createOrganization(parks);
  staff = await makePerson(t, { name: 'Ed', roles: { [parks.id]: 'editor' } });
  const seed = [
    bareDataset(parks.id, { title: 'Late trees', themes: ['environment'], frequency: 'daily', dataUpdatedAt: '2026-02-01T00:00:00.000Z', nextDueAt: '2026-02-02T00:00:00.000Z' }),
    bareDataset(parks.id, { title: 'Empty benches', themes: ['environment', 'health'] }),
    bareDataset(parks.id, { title: 'Private clinics', themes: ['health'], accessLevel: 'private', dataUpdatedAt: '2026-02-01T00:00:00.000Z' }),
    bareDataset(parks.id, { title: 'Draft paths', status: 'draft' }),
  ];
  for (const d of seed) await t.deps.catalog.datasets.createDataset(d);
  ids.private = seed[2]!.id;

  // Uses on 1 March: two page views, a download, two API calls; one more view on 3 March.
  await app.inject('/datasets/census');
  await app.inject('/datasets/census');
  await app.inject('/api/v1/datasets/census/export/csv');
  await app.inject('/api/v1/datasets/census/records?limit=1');
  await app.inject('/api/v1/datasets/census');
  for (let i = 0; i < 5; i++) t.deps.uses.add(ids.private, 'view', now);
  set('2026-03-03T10:00:00Z');
  await app.inject('/datasets/census');
  await t.plaza.notifier.flush();

  // Problems: opened before the period and answered in it (13 days); opened and answered in it (2.5 days); waiting; hidden.
  set('2026-02-20T00:00:00Z');
  const p0 = await postProblem(t.deps, resident.principal, problemInput('Old flooding'));
  const dup = await postProblem(t.deps, resident.principal, problemInput('Old flooding again'));
  set('2026-03-02T00:00:00Z');
  const p1 = await postProblem(t.deps, resident.principal, problemInput('Dark crossing'));
  const p2 = await postProblem(t.deps, resident.principal, problemInput('Missing ramps'));
  ids.waitingProblem = p2.id;
  const p3 = await postProblem(t.deps, resident.principal, problemInput('Hidden trouble'));
  set('2026-03-03T00:00:00Z');
  await changeProblemStatus(t.deps, mod.principal, p3.id, { status: 'under_review' });
  await setProblemHidden(t.deps, mod.principal, p3.id, { hidden: true, reason: 'Names a person.' });
  set('2026-03-04T12:00:00Z');
  await changeProblemStatus(t.deps, mod.principal, p1.id, { status: 'under_review' });
  set('2026-03-05T00:00:00Z');
  await changeProblemStatus(t.deps, mod.principal, p0.id, { status: 'under_review' });
  // A duplicate merged into another is not waiting for an answer, and merging is no answer.
  await mergeProblem(t.deps, mod.principal, dup.id, { into: p0.id });

  // Requests: one answered after 4 days, one waiting.
  set('2026-03-02T00:00:00Z');
  const r1 = await postRequest(t.deps, resident.principal, requestInput('Tree species list'));
  const r2 = await postRequest(t.deps, resident.principal, requestInput('Bus stop benches'));
  ids.waitingRequest = r2.id;
  set('2026-03-06T00:00:00Z');
  await answerRequest(t.deps, t.admin, r1.id, { status: 'under_review' });

  // A showcase approved on 5 March.
  set('2026-03-05T10:00:00Z');
  const s = await submitShowcase(t.deps, resident.principal, { title: 'Shelter chart', kind: 'visualization', description: 'Nightly counts drawn.', link: 'https://example.org/s', madeBy: 'Rosa', datasets: ['census'] });
  await approveShowcase(t.deps, mod.principal, s.id);

  // Events: one held, one cancelled, one still to come.
  const db = new Database(join(t.dir, 'catalog.sqlite'));
  const add = db.prepare("INSERT INTO events (id, slug, title, starts_at, ends_at, state, created_by, created_at, updated_at) VALUES (?, ?, 'E', ?, ?, ?, 'u', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
  add.run('e1', 'e1', '2026-03-04T18:00:00.000Z', '2026-03-04T20:00:00.000Z', 'scheduled');
  add.run('e2', 'e2', '2026-03-05T18:00:00.000Z', '2026-03-05T20:00:00.000Z', 'cancelled');
  add.run('e3', 'e3', '2026-03-09T18:00:00.000Z', '2026-03-09T20:00:00.000Z', 'scheduled');
  db.close();
  set('2026-03-06T12:00:00Z');
}, 180_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

type FigureJson = { name: string; columns: Array<{ name: string }>; rows: Array<Array<string | number | null>> };
const figures = async (): Promise<Record<string, FigureJson>> => {
  const r = await app.inject(`/api/v1/program/figures?${PERIOD}`);
  expect(r.statusCode).toBe(200);
  return Object.fromEntries((r.json().figures as FigureJson[]).map((f) => [f.name, f]));
};

describe('the program report', () => {
  it('counts open datasets by organization and theme, and their freshness', async () => {
    const f = await figures();
    expect(f['datasets-by-organization']!.rows).toEqual([['Parks', 2], ['Test Department', 1]]);
    expect(f['datasets-by-theme']!.rows).toEqual([['environment', 2], ['health', 1], ['none', 1]]);
    expect(f.freshness!.rows).toEqual([['on_time', 1], ['overdue', 1], ['never_updated', 1]]);
  });

  it('counts page views, downloads and API calls per day, and per dataset, leaving out what is private', async () => {
    const f = await figures();
    const days = f['usage-by-day']!.rows;
    expect(days).toHaveLength(10);
    const expected: Record<string, [number, number, number]> = { '2026-03-01': [2, 1, 2], '2026-03-03': [1, 0, 0] };
    for (const [day, ...counts] of days) expect(counts).toEqual(expected[day as string] ?? [0, 0, 0]);
    expect(f['usage-top-datasets']!.rows).toEqual([['Shelter census', 3, 1, 2, 6]]);
    // The private dataset's uses were counted all the same, for its popularity.
    expect((await t.deps.catalog.datasets.getDataset(ids.private!))!.popularity).toBe(5);
  });

  it('counts problems and requests opened and answered, with the median days to a first answer', async () => {
    const f = await figures();
    expect(f.problems!.rows).toEqual([['opened', 2], ['answered', 2]]);
    expect(f.requests!.rows).toEqual([['opened', 2], ['answered', 1]]);
    // Problems: 13 and 2.5 days, so 7.75, written with one decimal; requests: 4 days.
    expect(f['median-days-to-answer']!.rows).toEqual([['problems', 7.8], ['requests', 4]]);
  });

  it('counts showcases approved and events held by month', async () => {
    const f = await figures();
    expect(f['showcases-approved']!.rows).toEqual([['2026-03', 1]]);
    expect(f['events-held']!.rows).toEqual([['2026-03', 1]]);
  });

  it('counts co-design projects by the phase they are in now', async () => {
    const statement = await insertStatement(t.deps.catalog, { title: 'Waits at the pantry' });
    const partners = await insertPartners(t.deps.catalog);
    const phases = ['research', 'build', 'build'];
    for (const [i, phase] of phases.entries()) {
      const project = await createProject(t.deps, mod.principal, { title: `Project ${i}`, summary: 'A tool people can use.', statement: statement.id, partners, startDate: '2026-03-02' });
      if (phase !== 'research') await movePhase(t.deps, mod.principal, project.slug, { phase });
    }
    const expected = new Map<string, number>();
    for (const phase of phases) expected.set(phase, (expected.get(phase) ?? 0) + 1);
    const f = await figures();
    expect(f['projects-by-phase']!.rows).toEqual([['Build', expected.get('build')], ['Research', expected.get('research')]]);
  });

  it('gives one figure by name, and refuses a name or a period that is not one', async () => {
    const one = await app.inject(`/api/v1/program/figures/freshness?${PERIOD}`);
    expect(one.json().figure.rows).toEqual([['on_time', 1], ['overdue', 1], ['never_updated', 1]]);
    expect((await app.inject('/api/v1/program/figures/nothing')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/program/figures?from=2026-03-10&to=2026-03-01')).statusCode).toBe(400);
  });

  it('downloads each figure as CSV with the same numbers', async () => {
    const all = await figures();
    for (const f of Object.values(all)) {
      const r = await app.inject(`/program/figures/${f.name}.csv?${PERIOD}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/csv');
      const rows = parse(r.body) as string[][];
      expect(rows[0]).toEqual(f.columns.map((c) => c.name));
      expect(rows.slice(1)).toEqual(f.rows.map((row) => row.map((v) => (v === null ? '' : String(v)))));
    }
    expect((await app.inject('/program/figures/nothing.csv')).statusCode).toBe(404);
  });

  it('shows the report to anyone, in English and Spanish, with a chart and a table for each figure', async () => {
    for (const [lang, heading] of [['en', 'Open data program report'], ['es', 'Informe del programa de datos abiertos']] as const) {
      const r = await app.inject({ url: `/program?${PERIOD}`, headers: { 'accept-language': lang } });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(heading);
      expect(r.body.match(/<svg[^>]*role="img"/g)?.length).toBe(Object.keys(await figures()).length);
      expect(r.body).toContain('Shelter census');
    }
    const bad = await app.inject('/program?from=2026-13-01&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Give the days as dates');
    expect(bad.body).toContain('value="2026-13-01"');
  });
});

describe('the program dashboard', () => {
  it('lists overdue datasets, what waits for an answer and every dataset\'s use, for staff only', async () => {
    const r = await app.inject({ url: `/api/v1/program/dashboard?${PERIOD}`, headers: staff.auth });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.overdue.map((o: { title: string; organization: { name: string } }) => [o.title, o.organization.name])).toEqual([['Late trees', 'Parks']]);
    expect(d.unanswered_problems.map((p: { id: string }) => p.id)).toEqual([ids.waitingProblem]);
    expect(d.unanswered_requests.map((p: { id: string }) => p.id)).toEqual([ids.waitingRequest]);
    expect(d.usage_by_dataset.rows).toEqual([['Shelter census', 3, 1, 2, 6], ['Empty benches', 0, 0, 0, 0], ['Late trees', 0, 0, 0, 0]]);
    expect((await app.inject({ url: '/api/v1/program/dashboard', headers: resident.auth })).statusCode).toBe(403);
    expect((await app.inject('/api/v1/program/dashboard')).statusCode).toBe(401);
    const page = await app.inject({ url: '/program/dashboard', headers: staff.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Late trees');
    expect((await app.inject({ url: '/program/dashboard', headers: resident.auth })).statusCode).toBe(403);
    expect((await app.inject('/program/dashboard')).statusCode).toBe(303);
  });
});
