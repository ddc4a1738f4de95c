import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readsData } from '../../../actions/catalog/access.ts';
import { getDataset, noteUse } from '../../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import { datasetPage, PREVIEW_ROWS } from './about.tsx';

/** A dataset's about tab at `/datasets/{slug}`: its description, versions and a first page of rows, kept for visitors. */
export function aboutTabRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  app.get('/datasets/:slug', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const q = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).catch({ page: 1 }).parse(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      let detail;
      try {
        detail = await getDataset(deps, p, slug);
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') return { status: 404, body: errorPage(pc, pc.t.t('error.datasetNotFound'), pc.t.t('error.datasetNotFoundText', { slug })).value };
        throw e;
      }
      const dataset = detail.dataset;
      const seen = () => noteUse(deps, dataset);
      seen();
      const preview = detail.live && readsData(p, dataset) ? await queryRecords(deps, p, slug, { limit: PREVIEW_ROWS, offset: (q.page - 1) * PREVIEW_ROWS }, undefined, q.page <= 4) : undefined;
      return { status: 200, body: datasetPage(pc, detail, preview, q.page).value, onHit: seen };
    });
  });
}
