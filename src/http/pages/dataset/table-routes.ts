import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getDataset, type DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import type { Principal } from '../../../actions/deps.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageContext } from '../components/page-context.ts';
import { pageContext } from '../components/page-context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { apiTabPage } from './api-tab.tsx';
import { columnsOf, pageRequest, readView, withEngineProblem } from './query-state.ts';
import { tablePage } from './table.tsx';

/** Errors of a records query that the reader can fix in the form. */
const FIXABLE = new Set(['query_syntax', 'unknown_column', 'query_invalid', 'validation_failed', 'query_timeout']);

/** The table explorer and the API tab of a dataset: both read the same view state from the URL. */
export function tableTabRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: { value: string }, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  /** The dataset the URL names, or undefined when a "not found" page has been sent. */
  async function load(req: FastifyRequest, reply: FastifyReply): Promise<{ d: DatasetDetail; p: Principal; pc: PageContext } | undefined> {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    try {
      return { d: await getDataset(deps, p, slug), p, pc };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'not_found')) throw e;
      await send(reply, errorPage(pc, pc.t.t('error.datasetNotFound'), pc.t.t('error.datasetNotFoundText', { slug })), 404);
      return undefined;
    }
  }

  app.get('/datasets/:slug/table', async (req, reply) => {
    const found = await load(req, reply);
    if (!found) return reply;
    const { d, p, pc } = found;
    const columns = columnsOf(d);
    let view = readView(req.url, columns, pc.t);
    let status = view.problems.any ? 400 : 200;
    let page;
    let problem: string | undefined;
    if (d.live && d.dataAccess && !view.problems.any) {
      try {
        page = await queryRecords(deps, p, d.dataset.slug, pageRequest(view));
      } catch (e) {
        if (!(e instanceof AppError && FIXABLE.has(e.code))) throw e;
        const placed = withEngineProblem(view, columns, e.message, e.details);
        view = placed.view;
        problem = placed.general && pc.t.t('table.cannotShow', { problem: placed.general });
        status = e.status;
      }
    }
    const scripts = d.live && d.dataAccess ? [await ctx.assets.url('table')] : [];
    return send(reply, tablePage({ pc, d, view, page, problem, scripts }), status);
  });

  app.get('/datasets/:slug/api', async (req, reply) => {
    const found = await load(req, reply);
    if (!found) return reply;
    const { d, pc } = found;
    const view = readView(req.url, columnsOf(d), pc.t);
    return send(reply, apiTabPage({ pc, baseUrl: ctx.baseUrl, d, view }));
  });
}
