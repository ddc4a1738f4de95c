import { createProject } from '../../src/actions/projects/create-project.ts';
import { addMilestone, saveChecklist } from '../../src/actions/projects/change-project.ts';
import { createTemplate } from '../../src/actions/projects/templates.ts';
import { CHECKLIST_ITEMS } from '../../src/domain/program/projects.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Co-design projects. Anyone reads projects and templates; program staff
 * (site administrators, moderators, editors of any organization, with the
 * write or admin scope) change projects; only site administrators keep templates.
 */

const made = new WeakMap<World, { statement: string; partners: string[] }>();

/** A statement and three partners, made once per world. */
async function inputsOf(w: World): Promise<{ statement: string; partners: string[] }> {
  const known = made.get(w);
  if (known) return known;
  const c = w.t.deps.catalog;
  const statement = (await insertStatement(c, { title: 'Matrix statement' })).id;
  const partners = [(await insertActor(c, { kind: 'agency' })).id, (await insertActor(c, { kind: 'community_organization' })).id, (await insertActor(c, { kind: 'tech_partner' })).id];
  made.set(w, { statement, partners });
  return { statement, partners };
}

const body = async (w: World) => {
  const i = await inputsOf(w);
  return { title: `Matrix project ${fresh()}`, summary: 'A project the matrix starts.', statement: i.statement, partners: i.partners, startDate: '2026-09-01' };
};

/** A new project started by the site's first administrator, its checklist all fine when asked. */
async function project(w: World, opts: { assessed?: boolean } = {}): Promise<string> {
  const p = await createProject(w.t.deps, w.t.admin, await body(w));
  if (opts.assessed) await saveChecklist(w.t.deps, w.t.admin, p.id, { items: CHECKLIST_ITEMS.map((item) => ({ item, status: 'fine' })) });
  return p.slug;
}

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };
const staff = (ok: number) => ({ anonymous: 401, viewer: 403, editor: ok, orgAdmin: ok, otherEditor: ok, siteAdmin: ok, tokenRead: 403, tokenWrite: ok, tokenAdmin: ok, resident: 403, moderator: ok });
const admins = (ok: number) => ({ anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: ok, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 403 });
const phases = { name: `Matrix template`, phases: [{ name: 'Build', weeks: 2 }, { name: 'Launch', weeks: 1 }] };

export const projectTable: Table = {
  'GET /api/v1/projects': [{ name: 'the list', request: () => ({ url: '/api/v1/projects' }), expect: everyone }],
  'POST /api/v1/projects': [{ name: 'a new project', request: async (w) => ({ url: '/api/v1/projects', json: await body(w) }), expect: staff(201) }],
  'GET /api/v1/projects/{id}': [{ name: 'a project', request: async (w) => ({ url: `/api/v1/projects/${await project(w)}` }), expect: everyone }],
  'POST /api/v1/projects/{id}/phase': [{ name: 'to the build phase', request: async (w) => ({ url: `/api/v1/projects/${await project(w)}/phase`, json: { phase: 'build' } }), expect: staff(200) }],
  'PUT /api/v1/projects/{id}/checklist': [
    { name: 'one item', request: async (w) => ({ url: `/api/v1/projects/${await project(w)}/checklist`, json: { items: [{ item: 'privacy', status: 'fine', notes: 'No personal data', owner: 'Legal' }] } }), expect: staff(200) },
  ],
  'POST /api/v1/projects/{id}/milestones': [
    { name: 'a milestone', request: async (w) => ({ url: `/api/v1/projects/${await project(w)}/milestones`, json: { title: 'Interviews', dueDate: '2026-09-15', phase: 'research' } }), expect: staff(201) },
  ],
  'PUT /api/v1/projects/{id}/milestones/{milestone}': [
    {
      name: 'a milestone done',
      request: async (w) => {
        const slug = await project(w);
        const m = await addMilestone(w.t.deps, w.t.admin, slug, { title: 'Interviews', dueDate: '2026-09-15', phase: 'research' });
        return { url: `/api/v1/projects/${slug}/milestones/${m.id}`, json: { title: 'Interviews', dueDate: '2026-09-15', phase: 'research', status: 'done' } };
      },
      expect: staff(200),
    },
  ],
  'POST /api/v1/projects/{id}/updates': [{ name: 'an update', request: async (w) => ({ url: `/api/v1/projects/${await project(w)}/updates`, json: { body: 'Kickoff held.' } }), expect: staff(201) }],
  'POST /api/v1/projects/{id}/launch': [
    { name: 'an assessed project', request: async (w) => ({ url: `/api/v1/projects/${await project(w, { assessed: true })}/launch`, json: { what: 'An app', maintainer: 'The agency', link: 'https://example.org/app' } }), expect: staff(200) },
  ],
  'GET /api/v1/project-templates': [{ name: 'the templates', request: () => ({ url: '/api/v1/project-templates' }), expect: everyone }],
  'POST /api/v1/project-templates': [{ name: 'a new template', request: () => ({ url: '/api/v1/project-templates', json: phases }), expect: admins(201) }],
  'PUT /api/v1/project-templates/{id}': [
    { name: 'a template', request: async (w) => ({ url: `/api/v1/project-templates/${(await createTemplate(w.t.deps, w.t.admin, phases)).id}`, json: phases }), expect: admins(200) },
  ],
};
