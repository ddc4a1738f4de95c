import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listActivity } from '../../../actions/activity/list-activity.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { activityPageSchema, presentActivityPage } from './present.ts';

const pageQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const idParams = z.object({ id: z.string().min(1).max(200) });

const pageResponses = { 200: { description: 'The newest entries first.', schema: activityPageSchema } };

/** The activity stream: the site's, one dataset's, one organization's; each as the caller may see it. */
export function activityRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const description = 'Entries about datasets the caller cannot see (drafts, private datasets) are left out.';

  route(
    app,
    registry,
    { method: 'GET', path: '/api/v1/activity', operationId: 'listActivity', tag: 'Activity', summary: 'Recent changes across the site', description, access: 'public', query: pageQuery, responses: pageResponses },
    async ({ query, req }) => presentActivityPage(await listActivity(deps, await actorOf(deps, req), { before: query.before, limit: query.limit })),
  );

  route(
    app,
    registry,
    {
      method: 'GET',
      path: '/api/v1/datasets/{id}/activity',
      operationId: 'listDatasetActivity',
      tag: 'Activity',
      summary: "A dataset's changes",
      description: 'Not found for a dataset the caller may not see.',
      access: 'public',
      params: idParams,
      query: pageQuery,
      responses: { ...pageResponses, 404: { description: 'No such dataset, or not one the caller may see.' } },
    },
    async ({ params, query, req }) => presentActivityPage(await listActivity(deps, await actorOf(deps, req), { dataset: params.id, before: query.before, limit: query.limit })),
  );

  route(
    app,
    registry,
    {
      method: 'GET',
      path: '/api/v1/organizations/{id}/activity',
      operationId: 'listOrganizationActivity',
      tag: 'Activity',
      summary: "An organization's changes",
      description,
      access: 'public',
      params: idParams,
      query: pageQuery,
      responses: { ...pageResponses, 404: { description: 'No such organization.' } },
    },
    async ({ params, query, req }) => presentActivityPage(await listActivity(deps, await actorOf(deps, req), { organization: params.id, before: query.before, limit: query.limit })),
  );
}
