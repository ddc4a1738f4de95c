import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LISTED_STATUSES, listJobsFor, MAX_LISTED, retryDeadJob } from '../../../actions/jobs/admin.ts';
import { queueStats } from '../../../actions/jobs/stats.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentQueuedJob } from './present.ts';

const adminsOnly = { 401: { description: 'Not signed in.' }, 403: { description: 'Site administrators only.' } };
const queuedJobSchema = z.object({ id: z.string(), type: z.string(), status: z.string(), phase: z.string(), attempts: z.number(), owner: z.string().nullable(), lease_expires_at: z.string().nullable() }).passthrough();

/** The job queue for site administrators (docs/jobs.md): jobs by status with the queue's figures, and retrying a dead letter. */
export function jobQueueRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'GET', path: '/api/v1/jobs', operationId: 'listJobs', tag: 'Data', access: 'site-admin',
    summary: 'Jobs of one status (queued, running or dead), with the queue\'s figures',
    description: `\`status\` is \`queued\` (waiting, oldest first, including jobs waiting for their next attempt until \`run_after\`), \`running\` (with the worker holding each and until when) or \`dead\` (dead letters: every attempt failed; newest first). At most \`limit\` (default and most ${MAX_LISTED}). \`stats\` counts the whole queue.`,
    query: z.object({ status: z.enum(LISTED_STATUSES).default('dead'), limit: z.coerce.number().int().min(1).max(MAX_LISTED).default(MAX_LISTED) }),
    responses: {
      200: { description: 'The jobs and the queue\'s figures.', schema: z.object({ results: z.array(queuedJobSchema), stats: z.object({ queued: z.number(), running: z.number(), dead: z.number(), oldest_queued_age_seconds: z.number() }) }) },
      ...adminsOnly,
    },
  }, async ({ req, query }) => {
    const jobs = await listJobsFor(deps, await actorOf(deps, req), query.status, query.limit);
    const s = await queueStats(deps);
    return { results: jobs.map(presentQueuedJob), stats: { queued: s.queued, running: s.running, dead: s.dead, oldest_queued_age_seconds: s.oldestQueuedAgeSeconds } };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/jobs/{id}/retry', operationId: 'retryJob', tag: 'Data', access: 'site-admin',
    summary: 'Queue a dead job again, its attempts back at zero',
    description: 'A worker takes it at once. Only a dead job can be retried (409 otherwise).',
    params: z.object({ id: z.string().min(1).max(100) }),
    responses: { 200: { description: 'The job, queued.', schema: queuedJobSchema }, 404: { description: 'No such job.' }, 409: { description: 'The job is not dead.' }, ...adminsOnly },
  }, async ({ req, params }) => presentQueuedJob(await retryDeadJob(deps, await actorOf(deps, req), params.id)));
}
