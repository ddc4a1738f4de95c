import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getDataset } from '../../../actions/catalog/read-datasets.ts';
import { dataPackageOf } from '../../../domain/compat/frictionless/package.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });

/**
 * `GET /datasets/{slug}/datapackage.json`: a dataset as a Frictionless Data
 * Package v2 whose one resource is the CSV download of its live version
 * (docs/standards.md). A dataset the caller may not see is Plaza's ordinary 404.
 */
export function frictionlessRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/datasets/:slug/datapackage.json', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const d = await getDataset(ctx.deps, await actorOf(ctx.deps, req), slug);
    if (!d.live) throw new AppError('not_found', `“${d.dataset.title}” has no data yet, so it has no data package.`);
    const descriptor = dataPackageOf({ dataset: d.dataset, organization: d.organization, live: d.live, resources: d.resources, dictionary: d.dictionary }, ctx.baseUrl);
    return reply.header('Content-Type', 'application/json; charset=utf-8').header('Access-Control-Allow-Origin', '*').send(JSON.stringify(descriptor));
  });
}
