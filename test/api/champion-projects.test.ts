import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyChecklist, type Project } from '../../src/domain/program/projects.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { at, uid } from '../contract/factories.ts';
import { insertStatement } from '../contract/program-factories.ts';
import { makePerson, signIn, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The co-design projects champions look after, over HTTP: chosen in the API and the form, shown on both pages. */

let t: TestPlaza;
let app: FastifyInstance;
let staff: Person;
let pantry: Project;
let grades: Project;

const PHASES = [
  { key: 'research', name: 'Research', weeks: 4 },
  { key: 'build', name: 'Build and test', weeks: 6 },
  { key: 'launch', name: 'Launch', weeks: 2 },
];

async function insertProject(title: string, p: Partial<Project>): Promise<Project> {
  const statement = await insertStatement(t.deps.catalog);
  const id = uid('project');
  const project: Project = { id, slug: title.toLowerCase().replace(/\W+/g, '-'), title, summary: 'A tool.', statementId: statement.id, partnerIds: [], datasetIds: [], startDate: '2026-09-01', templateId: 'co-design-sprint', phases: PHASES, currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'user-1', createdAt: at(), updatedAt: at(), ...p };
  await t.deps.catalog.projects.createProject(project);
  return project;
}

const profile = (extra: Record<string, unknown> = {}) => ({ name: 'Priya Natarajan', tier: 'internal', department: 'Public Health', published: true, consent: 'Signed form', ...extra });
const post = (body: unknown) => app.inject({ method: 'POST', url: '/api/v1/champions', headers: staff.auth, payload: body as Record<string, unknown> });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  staff = await makePerson(t, { name: 'Mo', moderator: true });
  pantry = await insertProject('Pantry Line Live', { currentPhase: 'build' });
  grades = await insertProject('Restaurant Grades app', { currentPhase: 'launch', launch: { what: 'An app', maintainer: 'Public Health', link: 'https://example.org/grades', showcaseId: null, at: at(9) } });
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the projects champions look after', () => {
  it('refuses an unknown project with a clear message, keeping nothing', async () => {
    const r = await post(profile({ projects: [pantry.slug, 'no-such-project'] }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toEqual([{ field: 'projects', message: 'There is no project "no-such-project"; name projects by their slug.' }]);
    expect((await app.inject({ url: '/api/v1/champions/priya-natarajan', headers: staff.auth })).statusCode).toBe(404);
  });

  it('takes projects by slug or id, and gives their ids in the list and the projects with phase and launch on one champion', async () => {
    const r = await post(profile({ projects: [grades.id, pantry.slug] }));
    expect(r.statusCode).toBe(201);
    expect(r.json().project_ids).toEqual([pantry.id, grades.id].sort());
    const list = (await app.inject({ url: '/api/v1/champions' })).json();
    expect(list.results.find((c: { slug: string }) => c.slug === 'priya-natarajan').project_ids).toEqual([pantry.id, grades.id].sort());
    const one = (await app.inject({ url: '/api/v1/champions/priya-natarajan' })).json();
    expect(one.projects).toEqual([
      { id: pantry.id, slug: pantry.slug, title: 'Pantry Line Live', phase: 'Build and test', launched: false },
      { id: grades.id, slug: grades.slug, title: 'Restaurant Grades app', phase: 'Launch', launched: true },
    ]);
  });

  it('lists them on the champion page, and the project page names its published champions', async () => {
    const page = (await app.inject({ url: '/champions/priya-natarajan' })).body;
    expect(page).toContain(`<a href="/projects/${pantry.slug}">Pantry Line Live</a> — Phase: Build and test — <span class="usa-tag">Not launched yet</span>`);
    expect(page).toContain(`<a href="/projects/${grades.slug}">Restaurant Grades app</a> — Phase: Launch — <span class="usa-tag">Launched</span>`);
    expect(page).not.toContain('No projects yet.');
    const es = (await app.inject({ url: '/champions/priya-natarajan', headers: { cookie: 'plaza_lang=es' } })).body;
    expect(es).toContain('Fase: Build and test');
    expect(es).toContain('Todavía no se ha lanzado');
    const project = (await app.inject({ url: `/projects/${pantry.slug}` })).body;
    expect(project).toContain('<a href="/champions/priya-natarajan">Priya Natarajan</a> (Internal (department))');
  });

  it('hides unpublished champions from the project page', async () => {
    const draft = await post(profile({ name: 'Dora Draft', published: false, consent: '', projects: [grades.slug] }));
    expect(draft.statusCode).toBe(201);
    const project = (await app.inject({ url: `/projects/${grades.slug}` })).body;
    expect(project).toContain('href="/champions/priya-natarajan"');
    expect(project).not.toContain('Dora Draft');
  });

  it('replaces them on edit, and takes them from the form, one box per project, keeping the boxes ticked when refused', async () => {
    const put = await app.inject({ method: 'PUT', url: '/api/v1/champions/priya-natarajan', headers: staff.auth, payload: profile({ projects: [grades.slug] }) });
    expect(put.json().project_ids).toEqual([grades.id]);
    expect((await app.inject({ url: `/projects/${pantry.slug}` })).body).not.toContain('Priya Natarajan');
    const session = await signIn(t, app, staff, 'champion password 2030');
    const edit = await app.inject({ url: '/champions/priya-natarajan/edit', headers: { cookie: session.cookie } });
    expect(edit.body).toContain(`name="projects:${grades.slug}" value="on" checked`);
    expect(edit.body).toContain(`name="projects:${pantry.slug}" value="on"/>`);
    const form = (extra: Record<string, string>) => new URLSearchParams({ _csrf: session.csrf, name: 'Priya Natarajan', tier: 'internal', department: 'Public Health', published: 'on', [`projects:${pantry.slug}`]: 'on', [`projects:${grades.slug}`]: 'on', ...extra }).toString();
    const send = (extra: Record<string, string>) => app.inject({ method: 'POST', url: '/champions/priya-natarajan', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(extra) });
    const refused = await send({ tier: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`name="projects:${pantry.slug}" value="on" checked`);
    expect(refused.body).toContain(`name="projects:${grades.slug}" value="on" checked`);
    const ok = await send({});
    expect(ok.statusCode).toBe(303);
    expect((await app.inject({ url: '/api/v1/champions/priya-natarajan' })).json().project_ids).toEqual([pantry.id, grades.id].sort());
  });
});
