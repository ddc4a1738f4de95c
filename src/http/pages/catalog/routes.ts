import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { searchDatasets, type SearchPage } from '../../../actions/catalog/read-datasets.ts';
import { showcaseCounts } from '../../../actions/showcases/read-showcases.ts';
import { harvestedFrom } from '../../../actions/harvest/overview.ts';
import { listPeers } from '../../../actions/peers/federated-search.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet } from '../../../domain/catalog/search.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { catalogPage, type CatalogState } from './catalog.tsx';
import { pageContext } from '../components/page-context.ts';

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

/** The catalog at `/datasets`: search, facets and pages of results, kept for visitors. */
function catalogRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  const catalog = async (req: FastifyRequest, reply: FastifyReply) => {
    const state = catalogState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result: SearchPage = await searchDatasets(deps, p, {
        ...(state.q ? { q: state.q } : {}),
        filters: state.filters,
        ...(state.sort ? { sort: state.sort } : {}),
        limit: PAGE,
        offset: (state.page - 1) * PAGE,
        facetLimit: 8,
      });
      const ids = result.results.map((r) => r.dataset.id);
      return { status: 200, body: catalogPage(pc, state, result, PAGE, [await ctx.assets.url('enhance')], await showcaseCounts(deps, ids), await harvestedFrom(deps, ids), (await listPeers(deps)).length > 0).value };
    });
  };
  // '/' is the home page (pages/home/).
  app.get('/datasets', catalog);
}

export const catalogArea: PageArea = { name: 'catalog', routes: catalogRoutes };
