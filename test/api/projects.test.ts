import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { problem } from '../contract/factories.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Projects over HTTP: the partner rule, the launch gate, templates and the problems a project takes up. */

let t: TestPlaza;
let app: FastifyInstance;
let staff: Person;
let admin: Person;
let resident: Person;
let slug: string;
let statementId: string;
let problemIds: string[];
let partners: { agency: string; community: string; tech: string; funder: string };

const send = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url, headers: who ? who.auth : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
const body = (extra: Record<string, unknown> = {}) => ({ title: 'Pantry Line Live', summary: 'Shows how long the pantry line is, live.', statement: statementId, partners: [partners.agency, partners.community, partners.tech], datasets: [slug], startDate: '2026-09-01', ...extra });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  staff = await makePerson(t, { name: 'Sam', moderator: true });
  admin = await makePerson(t, { name: 'Ada', siteAdmin: true });
  resident = await makePerson(t, { name: 'Rae' });
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
  const c = t.deps.catalog;
  const a = problem({ title: 'The line wraps around the block' });
  const b = problem({ title: 'Notices only in English' });
  await c.problems.createProblem(a);
  await c.problems.createProblem(b);
  problemIds = [a.id, b.id];
  statementId = (await insertStatement(c, { title: 'Pantry visitors wait outside', problemIds })).id;
  partners = {
    agency: (await insertActor(c, { name: 'Human Resources Administration', kind: 'agency' })).id,
    community: (await insertActor(c, { name: 'Harlem Food Justice Coalition', kind: 'community_organization' })).id,
    tech: (await insertActor(c, { name: 'Civic Code Collective', kind: 'tech_partner' })).id,
    funder: (await insertActor(c, { name: 'Neighborhood Futures Fund', kind: 'funder' })).id,
  };
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('projects over HTTP', () => {
  it('refuses a project without an agency, a community organization and a tech partner, naming what is missing', async () => {
    const r = await send(staff, 'POST', '/api/v1/projects', body({ partners: [partners.agency, partners.community, partners.funder] }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('add a tech partner');
    const few = await send(staff, 'POST', '/api/v1/projects', body({ partners: [partners.agency] }));
    expect(few.json().error.details.fields[0]).toMatchObject({ field: 'partners' });
  });

  it('gives clear messages for bad input and refuses people who are not staff', async () => {
    const r = await send(staff, 'POST', '/api/v1/projects', body({ title: 'x', startDate: '2026-13-40', statement: 'nope' }));
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'startDate']));
    const unknown = await send(staff, 'POST', '/api/v1/projects', body({ statement: 'no-such-statement' }));
    expect(unknown.json().error.message).toContain('There is no problem statement "no-such-statement"');
    expect((await send(resident, 'POST', '/api/v1/projects', body())).statusCode).toBe(403);
    expect((await send(null, 'POST', '/api/v1/projects', body())).statusCode).toBe(401);
  });

  it('starts a project with the sprint phases, moves its problems to in_project with activity, gates the launch on the checklist', async () => {
    const r = await send(staff, 'POST', '/api/v1/projects', body({ partners: [partners.agency, partners.community, partners.tech, partners.funder] }));
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p.phases.map((ph: { key: string; weeks: number }) => `${ph.key}:${ph.weeks}`)).toEqual(['research:4', 'co-design:4', 'build:6', 'launch:2']);
    expect(p.current_phase).toBe('research');
    expect(p.partner_ids).toHaveLength(4);
    expect(p.checklist.every((c: { status: string }) => c.status === 'not_assessed')).toBe(true);
    for (const id of problemIds) {
      expect((await t.deps.catalog.problems.getProblem(id))?.status).toBe('in_project');
      const entries = await t.deps.catalog.activity.listActivity({ subject: `problem:${id}`, limit: 20, visibility: { all: true } });
      expect(entries.some((e) => e.verb === 'problem.status_changed' && e.details.to === 'in_project')).toBe(true);
    }
    const problemPage = (await app.inject({ url: `/problems/${problemIds[0]}` })).body;
    expect(problemPage).toContain(`<strong>Projects:</strong> <span><a href="/projects/${p.slug}">Pantry Line Live</a></span>`);
    const projectEntries = await t.deps.catalog.activity.listActivity({ subject: `project:${p.id}`, limit: 20, visibility: { all: true } });
    expect(projectEntries.map((e) => e.verb)).toContain('project.created');

    const detail = (await send(null, 'GET', `/api/v1/projects/${p.slug}`)).json();
    expect(detail).toMatchObject({ statement: { id: statementId }, partners: expect.arrayContaining([{ id: partners.tech, name: 'Civic Code Collective', kind: 'tech_partner' }]) });

    // Launch is held back while items are not assessed.
    const early = await send(staff, 'POST', `/api/v1/projects/${p.slug}/phase`, { phase: 'launch' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('not assessed: privacy');
    expect((await send(staff, 'POST', `/api/v1/projects/${p.slug}/phase`, { phase: 'build' })).json().current_phase).toBe('build');
    expect((await send(staff, 'POST', `/api/v1/projects/${p.slug}/phase`, { phase: 'nowhere' })).statusCode).toBe(400);

    const items = ['privacy', 'confidentiality', 'security', 'legal', 'procurement', 'hosting', 'accessibility', 'data_maintenance', 'long_term_owner'].map((item) => ({ item, status: item === 'hosting' ? 'blocker' : 'fine', notes: `${item} decided`, owner: 'Program office' }));
    expect((await send(staff, 'PUT', `/api/v1/projects/${p.slug}/checklist`, { items })).statusCode).toBe(200);
    const launch = { what: 'A live line-length page', maintainer: 'Human Resources Administration', link: 'https://example.org/line' };
    const held = await send(staff, 'POST', `/api/v1/projects/${p.slug}/launch`, launch);
    expect(held.statusCode).toBe(409);
    expect(held.json().error.message).toContain('blocker: hosting and server limits');
    expect(held.json().error.message).not.toContain('privacy');
    expect((await send(staff, 'POST', `/api/v1/projects/${p.slug}/phase`, { phase: 'launch' })).statusCode).toBe(409);

    const bad = await send(staff, 'PUT', `/api/v1/projects/${p.slug}/checklist`, { items: [{ item: 'hosting', status: 'maybe' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Choose a status');
    await send(staff, 'PUT', `/api/v1/projects/${p.slug}/checklist`, { items: [{ item: 'hosting', status: 'risk', notes: 'Hosted by the vendor for a year', owner: 'IT' }] });
    expect((await send(staff, 'POST', `/api/v1/projects/${p.slug}/phase`, { phase: 'launch' })).statusCode).toBe(200);
    const launched = await send(staff, 'POST', `/api/v1/projects/${p.slug}/launch`, launch);
    expect(launched.statusCode).toBe(200);
    expect(launched.json().launch).toMatchObject(launch);
    expect((await send(staff, 'POST', `/api/v1/projects/${p.slug}/launch`, launch)).statusCode).toBe(409);
  });

  it('keeps milestones and updates, staff only', async () => {
    const p = (await send(staff, 'POST', '/api/v1/projects', body({ title: 'Second project' }))).json();
    expect(p.slug).toBe('second-project');
    const m = await send(staff, 'POST', `/api/v1/projects/${p.slug}/milestones`, { title: 'Interviews done', dueDate: '2026-09-20', phase: 'research' });
    expect(m.statusCode).toBe(201);
    expect((await send(staff, 'PUT', `/api/v1/projects/${p.slug}/milestones/${m.json().id}`, { title: 'Interviews done', dueDate: '2026-09-21', phase: 'research', status: 'done' })).json()).toMatchObject({ status: 'done', due_date: '2026-09-21' });
    const wrong = await send(staff, 'POST', `/api/v1/projects/${p.slug}/milestones`, { title: 'Party', dueDate: '2026-09-20', phase: 'party' });
    expect(wrong.json().error.message).toContain("Choose one of the project's phases");
    await send(staff, 'POST', `/api/v1/projects/${p.slug}/updates`, { body: 'Kickoff held.' });
    await send(staff, 'POST', `/api/v1/projects/${p.slug}/updates`, { body: 'Ten interviews.' });
    expect((await send(resident, 'POST', `/api/v1/projects/${p.slug}/updates`, { body: 'Me too' })).statusCode).toBe(403);
    const d = (await send(null, 'GET', `/api/v1/projects/${p.slug}`)).json();
    expect(d.updates.map((u: { body: string }) => u.body)).toEqual(['Ten interviews.', 'Kickoff held.']);
    expect(d.milestones).toHaveLength(1);
  });

  it('lets site administrators keep templates; editing one leaves existing projects as they were', async () => {
    const list = (await send(null, 'GET', '/api/v1/project-templates')).json().results;
    expect(list[0]).toMatchObject({ id: 'co-design-sprint', name: 'Co-design sprint' });
    expect((await send(staff, 'POST', '/api/v1/project-templates', { name: 'Quick', phases: [{ name: 'Build', weeks: 2 }] })).statusCode).toBe(403);
    const bad = await send(admin, 'POST', '/api/v1/project-templates', { name: 'Quick', phases: [{ name: 'Build', weeks: 0 }] });
    expect(bad.json().error.message).toContain('number of weeks from 1 to 52');
    const made = await send(admin, 'POST', '/api/v1/project-templates', { name: 'Quick', phases: [{ name: 'Build', weeks: 2 }, { name: 'Launch', weeks: 1 }] });
    expect(made.statusCode).toBe(201);
    const p = (await send(staff, 'POST', '/api/v1/projects', body({ title: 'Quick one', template: made.json().id }))).json();
    expect(p.phases.map((ph: { key: string }) => ph.key)).toEqual(['build', 'launch']);
    const edited = await send(admin, 'PUT', `/api/v1/project-templates/${made.json().id}`, { name: 'Quick', phases: [{ name: 'Everything', weeks: 3 }] });
    expect(edited.json().phases).toEqual([{ key: 'everything', name: 'Everything', weeks: 3 }]);
    expect((await send(null, 'GET', `/api/v1/projects/${p.slug}`)).json().phases.map((ph: { key: string }) => ph.key)).toEqual(['build', 'launch']);
  });

  it('lets anybody signed in follow a project; its changes are activity about it', async () => {
    const p = (await send(staff, 'POST', '/api/v1/projects', body({ title: 'Followed project' }))).json();
    const r = await send(resident, 'POST', '/api/v1/subscriptions', { project: p.slug, email: true });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ target: 'project', item: { id: p.id, title: 'Followed project', url: expect.stringContaining(`/projects/${p.slug}`) } });
    expect((await send(resident, 'POST', '/api/v1/subscriptions', { project: 'no-such-project', email: true })).statusCode).toBe(404);
    await send(staff, 'POST', `/api/v1/projects/${p.slug}/updates`, { body: 'Kickoff held.' });
    const subs = await t.deps.catalog.activity.subscriptionsFor(null, null, `project:${p.id}`);
    expect(subs.map((x) => x.userId)).toContain(resident.user.id);
  });
});
