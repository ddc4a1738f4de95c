import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getJob } from '../../../actions/jobs/get-job.ts';
import type { HttpContext } from '../../context.ts';
import { presentJob } from '../datasets/present.ts';

export function jobRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/jobs/:id', async (req) => {
    const { id } = z.object({ id: z.string().min(1).max(100) }).parse(req.params);
    return presentJob(await getJob(ctx.deps, id));
  });
}
