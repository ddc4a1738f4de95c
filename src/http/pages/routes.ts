import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getDataset, listDatasets } from '../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../actions/records/query-records.ts';
import { AppError } from '../../domain/errors.ts';
import type { HttpContext } from '../context.ts';
import { datasetPage, datasetsPage, errorPage } from './views.ts';

const PAGE = 24;

export function pageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, siteName } = ctx;
  const send = (reply: FastifyReply, body: { value: string }, status = 200) =>
    reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  // The home page is the catalog until the portal's own home arrives.
  const catalog = async (req: FastifyRequest, reply: FastifyReply) => {
    const q = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }).catch({ page: 1 }).parse(req.query);
    const list = await listDatasets(deps, { limit: PAGE, offset: (q.page - 1) * PAGE });
    return send(reply, datasetsPage(siteName, list, q.page, PAGE));
  };
  app.get('/', catalog);
  app.get('/datasets', catalog);

  app.get('/datasets/:slug', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const q = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).catch({ page: 1 }).parse(req.query);
    let detail;
    try {
      detail = await getDataset(deps, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(siteName, 'Dataset not found', `There is no dataset called “${slug}”.`), 404);
      throw e;
    }
    const preview = detail.live ? await queryRecords(deps, slug, { limit: 25, offset: (q.page - 1) * 25 }) : undefined;
    return send(reply, datasetPage(siteName, detail, preview, q.page));
  });
}
