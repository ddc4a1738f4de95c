import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listOrganizations } from '../../../actions/accounts/organizations.ts';
import { problemMap, type ProblemMap } from '../../../actions/community/problem-map.ts';
import { getSite } from '../../../actions/site/settings.ts';
import { readsAsModerator } from '../../../domain/community/policy.ts';
import { PROBLEM_STATUSES } from '../../../domain/community/problems.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { pageContext } from '../components/page-context.ts';
import { KeptMaps } from '../dataset/map-cache.ts';
import { siteTiles } from './extras.ts';
import { problemMapPage, type ProblemMapState } from './map.tsx';

/** How many drawn maps are kept (filters, views, and hidden problems shown or not). */
const KEPT_MAPS = 16;

const text = (max: number) => z.string().trim().max(max).optional().catch(undefined).transform((s) => s || undefined);

/** The map's state from its URL; anything unreadable is left out rather than failing the page. */
export function mapState(query: unknown): ProblemMapState {
  const raw = (query ?? {}) as Record<string, unknown>;
  return {
    // Any category: one the site no longer offers still finds the problems filed under it.
    category: text(40).parse(raw.category),
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined).parse(raw.status || undefined),
    area: text(100).parse(raw.area),
    organization: text(200).parse(raw.organization),
    view: text(200).parse(raw.view),
  };
}

/** `/problems/map`: the problems the list shows, on the city's map; kept for visitors like the list. */
function problemMapRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  /**
   * Maps drawn, kept while nothing pages show has changed (the catalog's
   * change version is in the key), so signed-in readers, whose pages are not
   * kept, get them without reading every problem again.
   */
  const kept = new KeptMaps<ProblemMap>(KEPT_MAPS);
  app.get('/problems/map', async (req, reply) => {
    const s = mapState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const key = KeptMaps.key(String(deps.changes.version()), { ...s, hidden: readsAsModerator(p) ? 'shown' : 'left out' });
      const [map, tiles, organizations] = await Promise.all([
        kept.get(key, () =>
          problemMap(deps, p, {
            ...(s.category ? { categories: [s.category] } : {}),
            ...(s.status ? { statuses: [s.status] } : {}),
            ...(s.area ? { areas: [s.area] } : {}),
            ...(s.organization ? { organization: s.organization } : {}),
          }, s.view),
        ),
        siteTiles(deps),
        listOrganizations(deps),
      ]);
      return { status: 200, body: problemMapPage(pc, { s, map, tiles, categories: (await getSite(deps)).problemCategories, organizations: organizations.map((o) => ({ slug: o.slug, name: o.name })) }).value };
    });
  });
}

export const problemMapArea: PageArea = { name: 'problem-map', routes: problemMapRoutes };
