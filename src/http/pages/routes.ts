import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readsData } from '../../actions/catalog/access.ts';
import { getDataset, noteUse, searchDatasets, type SearchPage } from '../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../actions/records/query-records.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet } from '../../domain/catalog/search.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf, type HttpContext } from '../context.ts';
import { catalogPage, type CatalogState } from './catalog.tsx';
import { errorPage } from './components/ErrorPage.tsx';
import { datasetPage, PREVIEW_ROWS } from './dataset/about.tsx';
import { pageContext } from './page-context.ts';

const PAGE = 24;

const values = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 200).slice(0, 20);

/** The catalog's state from its URL; anything unreadable falls back to the default rather than failing the page. */
function catalogState(query: unknown): CatalogState {
  const raw = (query ?? {}) as Record<string, unknown>;
  const filters: Partial<Record<SearchFacet, string[]>> = {};
  for (const f of SEARCH_FACETS) if (values(raw[f]).length) filters[f] = values(raw[f]);
  const sort = z.enum(SEARCH_SORTS).optional().catch(undefined).parse(raw.sort);
  const page = z.coerce.number().int().min(1).max(4_000).catch(1).parse(raw.page ?? 1);
  const q = typeof raw.q === 'string' ? raw.q.slice(0, 500) : '';
  return { q, filters, sort, page };
}

export function pageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  const catalog = async (req: FastifyRequest, reply: FastifyReply) => {
    const state = catalogState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result: SearchPage = await searchDatasets(deps, p, {
        ...(state.q ? { q: state.q } : {}),
        ...state.filters,
        ...(state.sort ? { sort: state.sort } : {}),
        limit: PAGE,
        offset: (state.page - 1) * PAGE,
        facet_limit: 8,
      });
      return { status: 200, body: catalogPage(pc, state, result, PAGE, [await ctx.assets.url('enhance')]).value };
    });
  };
  // '/' is the home page (src/http/site-routes.ts).
  app.get('/datasets', catalog);

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
