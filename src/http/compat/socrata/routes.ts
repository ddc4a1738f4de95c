import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getDataset } from '../../../actions/catalog/read-datasets.ts';
import { SodaError } from '../../../domain/compat/soql/errors.ts';
import { viewOf } from '../../../domain/compat/soql/view.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { toSodaError } from './errors.ts';
import { resourceHandler } from './resource.ts';

/** `GET /api/views/{id}.json`: Socrata's metadata of one dataset. */
async function viewHandler(ctx: HttpContext, req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  void reply.header('Access-Control-Allow-Origin', '*');
  try {
    const file = req.params.file;
    if (!file.endsWith('.json') && file.includes('.')) throw new SodaError(400, 'query.soql.invalid-parameter', 'View metadata is served as .json only.');
    const id = file.replace(/\.json$/, '');
    const detail = await getDataset(ctx.deps, await actorOf(ctx.deps, req), id);
    const view = viewOf(detail.dataset, detail.organization, detail.live, detail.dictionary, ctx.siteName);
    return reply.type('application/json; charset=utf-8').send(view);
  } catch (e) {
    const err = toSodaError(e, false);
    if (err.code === 'internal_error') req.log.error({ err: e }, 'Socrata view failed');
    return reply.code(err.status).type('application/json; charset=utf-8').send(err.body);
  }
}

/**
 * Socrata's SODA 2 (docs/socrata.md): `/resource/{id}.json|.csv|.geojson`
 * with SoQL, and `/api/views/{id}.json`. `{id}` is a dataset's four-by-four,
 * slug or id.
 */
export function socrataRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get<{ Params: { file: string } }>('/resource/:file', (req, reply) => resourceHandler(ctx, req, reply));
  app.get<{ Params: { file: string } }>('/api/views/:file', (req, reply) => viewHandler(ctx, req, reply));
}
