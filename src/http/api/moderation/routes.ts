import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { REPORTABLE_KIND_NAMES } from '../../../actions/community/moderation/kinds.ts';
import { dismissReports, moderateItem } from '../../../actions/community/moderation/moderate-item.ts';
import { moderationQueue } from '../../../actions/community/moderation/queue.ts';
import { reportItem } from '../../../actions/community/moderation/report-item.ts';
import { dismissFields, moderationFields, reportFields } from '../../../domain/community/moderation-input.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { dismissedSchema, itemSchema, presentItem, presentQueue, presentReport, queueSchema, reportSchema } from './present.ts';

const itemParams = z.object({
  kind: z.enum(REPORTABLE_KIND_NAMES as [string, ...string[]]).describe('The kind of item'),
  id: z.string().min(1).max(200).describe('The item\'s id'),
});
const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) });
const notFound = { description: 'No such item, or one the caller may not see.' };

/** Reports of community items, and what moderators do with them. */
export function moderationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Moderation';

  route(app, registry, {
    method: 'POST', path: '/api/v1/reports', operationId: 'reportItem', tag, access: 'signed-in',
    summary: 'Report an item to the moderators',
    description: `\`{ "kind", "item", "reason", "note" }\`: kind is one of ${REPORTABLE_KIND_NAMES.join(', ')}; reason is spam, abuse, personal_information, off_topic or other (which needs a note). One open report per person and item: reporting again answers 409, as does reporting a hidden item.`,
    body: reportFields(REPORTABLE_KIND_NAMES),
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The report.', schema: reportSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' }, 404: notFound, 409: { description: 'Reported already by the caller, or hidden already.' } },
  }, async ({ req, reply }) => {
    const report = await reportItem(deps, await actorOf(deps, req), req.body);
    reply.status(201);
    return presentReport(report);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/moderation/queue', operationId: 'moderationQueue', tag, access: 'signed-in',
    summary: 'Items with open reports',
    description: 'The most reported first, each with its reports counted by reason and their notes. Moderators.',
    query: queueQuery,
    responses: { 200: { description: 'A page of reported items and the total.', schema: queueSchema }, 403: { description: 'Only moderators see the reports.' } },
  }, async ({ req, query }) => presentQueue(await moderationQueue(deps, await actorOf(deps, req), query)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/moderation/{kind}/{id}/visibility', operationId: 'moderateItem', tag, access: 'signed-in',
    summary: 'Hide an item from the public, or show it again',
    description: '`{ "hidden", "reason" }`: the reason is required either way; the author is told by email and the change is in the activity stream. Hiding resolves the item\'s open reports. Moderators.',
    params: itemParams,
    body: moderationFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The item after the change.', schema: itemSchema }, 400: { description: 'No reason.' }, 403: { description: 'Only moderators hide and show items.' }, 404: notFound },
  }, async ({ req, params }) => presentItem(await moderateItem(deps, await actorOf(deps, req), params.kind, params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/moderation/{kind}/{id}/dismiss', operationId: 'dismissReports', tag, access: 'signed-in',
    summary: 'Dismiss an item\'s reports',
    description: '`{ "reason" }`: the item stays as it is and its open reports are resolved; kept in the activity stream. Moderators.',
    params: itemParams,
    body: dismissFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'How many reports were dismissed.', schema: dismissedSchema }, 400: { description: 'No reason.' }, 403: { description: 'Only moderators dismiss reports.' }, 404: notFound, 409: { description: 'The item has no open reports.' } },
  }, async ({ req, params }) => ({ dismissed: await dismissReports(deps, await actorOf(deps, req), params.kind, params.id, req.body) }));
}
