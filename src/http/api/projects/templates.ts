import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTemplate, listTemplates, updateTemplate } from '../../../actions/projects/templates.ts';
import { templateFields } from '../../../domain/program/projects.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentTemplate, templateSchema } from './present.ts';

/** Templates of project phases: anybody reads them, site administrators keep them. */
export function projectTemplateRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Projects';
  const refused = { 400: { description: 'validation_failed.' }, 401: { description: 'Not signed in.' }, 403: { description: 'Site administrators only.' } };

  route(app, registry, {
    method: 'GET', path: '/api/v1/project-templates', operationId: 'listProjectTemplates', tag, access: 'public',
    summary: 'Templates of project phases, the default first',
    responses: { 200: { description: 'The templates.', schema: z.object({ results: z.array(templateSchema) }) } },
  }, async () => ({ results: (await listTemplates(deps)).map(presentTemplate) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/project-templates', operationId: 'createProjectTemplate', tag, access: 'site-admin',
    summary: 'Create a template (site administrators)',
    description: '`phases` lists `{name, weeks}` in order; the last phase is the launch phase.',
    body: templateFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The template.', schema: templateSchema }, ...refused },
  }, async ({ req, reply }) => {
    const t = await createTemplate(deps, await actorOf(deps, req), req.body);
    reply.status(201);
    return presentTemplate(t);
  });

  route(app, registry, {
    method: 'PUT', path: '/api/v1/project-templates/{id}', operationId: 'updateProjectTemplate', tag, access: 'site-admin',
    summary: 'Edit a template (site administrators)',
    description: 'Projects already started keep the phases they copied.',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: templateFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The template.', schema: templateSchema }, 404: { description: 'No such template.' }, ...refused },
  }, async ({ req, params }) => presentTemplate(await updateTemplate(deps, await actorOf(deps, req), params.id, req.body)));
}
