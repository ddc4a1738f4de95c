import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getDataset, noteUse, searchDatasets } from '../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../actions/records/query-records.ts';
import { canReadData } from '../../domain/accounts/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf, type HttpContext } from '../context.ts';
import { datasetPage, datasetsPage, errorPage } from './views.ts';

const PAGE = 24;

export function pageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, siteName } = ctx;
  const send = (reply: FastifyReply, body: { value: string }, status = 200) =>
    reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  // The home page is the catalog until the portal's own home arrives.
  const catalog = async (req: FastifyRequest, reply: FastifyReply) => {
    const q = z.object({ page: z.coerce.number().int().min(1).max(4_000).default(1), q: z.string().max(500).default('') }).catch({ page: 1, q: '' }).parse(req.query);
    const list = await searchDatasets(deps, await actorOf(deps, req), { q: q.q || undefined, limit: PAGE, offset: (q.page - 1) * PAGE, facets: [] });
    return send(reply, datasetsPage(siteName, list, q.page, PAGE, q.q));
  };
  app.get('/', catalog);
  app.get('/datasets', catalog);

  app.get('/datasets/:slug', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const q = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).catch({ page: 1 }).parse(req.query);
    const p = await actorOf(deps, req);
    let detail;
    try {
      detail = await getDataset(deps, p, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(siteName, 'Dataset not found', `There is no dataset called “${slug}”.`), 404);
      throw e;
    }
    noteUse(deps, detail.dataset);
    const preview = detail.live && canReadData(p, detail.dataset) ? await queryRecords(deps, p, slug, { limit: 25, offset: (q.page - 1) * 25 }) : undefined;
    return send(reply, datasetPage(siteName, detail, preview, q.page));
  });
}
