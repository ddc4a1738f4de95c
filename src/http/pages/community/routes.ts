import type { FastifyInstance } from 'fastify';
import { communityOverview } from '../../../actions/community/overview.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { pageContext } from '../components/page-context.ts';
import { communityPage } from './hub.tsx';

/** The community page at `/community`, the header's "Community" entry; kept for visitors like the home page. */
function communityRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/community', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => ({ status: 200, body: communityPage(pc, await communityOverview(ctx.deps, p)).value }));
  });
}

export const communityArea: PageArea = { name: 'community', routes: communityRoutes };
