import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addMilestone, editMilestone, movePhase, postUpdate, saveChecklist } from '../../../actions/projects/change-project.ts';
import { createProject } from '../../../actions/projects/create-project.ts';
import { launchProject } from '../../../actions/projects/launch-project.ts';
import { getProjectDetail, listProjects, projectBlueprint } from '../../../actions/projects/read-projects.ts';
import { checklistFields, launchFields, milestoneFields, phaseMoveFields, projectFields, updateFields } from '../../../domain/program/projects.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { blueprintSchema, presentBlueprint, presentMilestone, presentProject, presentProjectDetail, presentUpdate, projectDetailSchema, projectSchema, projectUrl, milestoneSchema, updateSchema } from './present.ts';
import { projectTemplateRoutes } from './templates.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const notFound = { description: 'No such project.' };
const refused = { 401: { description: 'Not signed in.' }, 403: { description: 'Program staff only.' } };

/** Co-design projects: a statement, partners, phases, the adoption checklist, milestones, updates and the launch. */
export function projectRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Projects';

  route(app, registry, {
    method: 'GET', path: '/api/v1/projects', operationId: 'listProjects', tag, access: 'public',
    summary: 'Co-design projects, newest first',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
    responses: { 200: { description: 'A page of projects and the total.', schema: z.object({ total: z.number(), results: z.array(projectSchema) }) } },
  }, async ({ query }) => {
    const page = await listProjects(deps, query);
    return { total: page.total, results: page.results.map(presentProject) };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/projects', operationId: 'createProject', tag, access: 'signed-in',
    summary: 'Start a project from a problem statement (program staff)',
    description: '`partners` lists ecosystem actor ids: at least one agency, one community_organization and one tech_partner. `datasets` lists dataset slugs. Phases are copied from `template` (default: the Co-design sprint). Every problem of the statement moves to in_project.',
    body: projectFields,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The project.', schema: projectSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' }, ...refused },
  }, async ({ req, reply }) => {
    const project = await createProject(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', projectUrl(project.slug));
    return presentProject(project);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/projects/{id}', operationId: 'getProject', tag, access: 'public',
    summary: 'One project, by id or slug, with its partners, milestones and updates',
    params: idParams,
    responses: { 200: { description: 'The project.', schema: projectDetailSchema }, 404: notFound },
  }, async ({ params }) => presentProjectDetail(await getProjectDetail(deps, params.id)));

  route(app, registry, {
    method: 'GET', path: '/api/v1/projects/{id}/blueprint', operationId: 'getProjectBlueprint', tag, access: 'public',
    summary: 'A project\'s adoption blueprint as data (the same as `/projects/{id}/blueprint.md`)',
    description: 'What another city needs to adopt the tool: the problem statement, the partners, the decision and notes on every adoption constraint, the datasets, the phases and milestones, and what launched. Peers read it to copy a project here as a starting point.',
    params: idParams,
    responses: { 200: { description: 'The blueprint.', schema: blueprintSchema }, 404: notFound },
  }, async ({ params }) => presentBlueprint(await projectBlueprint(deps, params.id, ctx.baseUrl || deps.site.baseUrl)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/projects/{id}/phase', operationId: 'moveProjectPhase', tag, access: 'signed-in',
    summary: 'Move a project to another phase (program staff)',
    description: 'Moving to the launch phase (the last) is refused (409) while any checklist item is not assessed or a blocker.',
    params: idParams, body: phaseMoveFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The project.', schema: projectSchema }, 400: { description: 'No such phase.' }, 404: notFound, 409: { description: 'The checklist holds the launch back.' }, ...refused },
  }, async ({ req, params }) => presentProject(await movePhase(deps, await actorOf(deps, req), params.id, req.body)));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/projects/{id}/checklist', operationId: 'saveProjectChecklist', tag, access: 'signed-in',
    summary: 'Save the adoption constraints checklist (program staff)',
    description: '`items` lists `{item, status, notes, owner}`; each replaces its entry.',
    params: idParams, body: checklistFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The project.', schema: projectSchema }, 400: { description: 'validation_failed.' }, 404: notFound, ...refused },
  }, async ({ req, params }) => presentProject(await saveChecklist(deps, await actorOf(deps, req), params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/projects/{id}/milestones', operationId: 'addProjectMilestone', tag, access: 'signed-in',
    summary: 'Add a milestone (program staff)',
    params: idParams, body: milestoneFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The milestone.', schema: milestoneSchema }, 400: { description: 'validation_failed.' }, 404: notFound, ...refused },
  }, async ({ req, reply, params }) => {
    const m = await addMilestone(deps, await actorOf(deps, req), params.id, req.body);
    reply.status(201);
    return presentMilestone(m);
  });

  route(app, registry, {
    method: 'PUT', path: '/api/v1/projects/{id}/milestones/{milestone}', operationId: 'editProjectMilestone', tag, access: 'signed-in',
    summary: 'Edit a milestone (program staff)',
    params: z.object({ id: z.string().min(1).max(200), milestone: z.string().min(1).max(200) }), body: milestoneFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The milestone.', schema: milestoneSchema }, 400: { description: 'validation_failed.' }, 404: notFound, ...refused },
  }, async ({ req, params }) => presentMilestone(await editMilestone(deps, await actorOf(deps, req), params.id, params.milestone, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/projects/{id}/updates', operationId: 'postProjectUpdate', tag, access: 'signed-in',
    summary: 'Post an update (program staff)',
    params: idParams, body: updateFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The update.', schema: updateSchema }, 400: { description: 'validation_failed.' }, 404: notFound, ...refused },
  }, async ({ req, reply, params }) => {
    const u = await postUpdate(deps, await actorOf(deps, req), params.id, req.body);
    reply.status(201);
    return presentUpdate(u);
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/projects/{id}/launch', operationId: 'launchProject', tag, access: 'signed-in',
    summary: 'Mark a project launched (program staff)',
    description: 'What launched, who maintains it, the link and an approved showcase id (optional). Refused (409) while any checklist item is not assessed or a blocker, or when launched already.',
    params: idParams, body: launchFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The project.', schema: projectSchema }, 400: { description: 'validation_failed.' }, 404: notFound, 409: { description: 'The checklist holds the launch back, or it is launched already.' }, ...refused },
  }, async ({ req, params }) => presentProject(await launchProject(deps, await actorOf(deps, req), params.id, req.body)));

  projectTemplateRoutes(app, ctx);
}
