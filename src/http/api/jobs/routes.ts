import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getJobFor } from '../../../actions/jobs/get-job.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentJob } from './present.ts';

export function jobRoutes(app: FastifyInstance, ctx: HttpContext): void {
  route(app, ctx.registry, {
    method: 'GET', path: '/api/v1/jobs/{id}', operationId: 'getJob', tag: 'Data', access: 'editor',
    summary: 'An ingest job: status, phase, rows read and rejected, problems, result',
    params: z.object({ id: z.string().min(1).max(100) }),
    responses: { 200: { description: 'The job' } },
  }, async ({ req, params }) => presentJob(await getJobFor(ctx.deps, await actorOf(ctx.deps, req), params.id)));
}
