import type { FastifyInstance } from 'fastify';
import { homeContent } from '../../../actions/site/home.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { pageContext } from '../components/page-context.ts';
import { homePage } from './home.tsx';

/** The home page at `/`, kept for visitors like the catalog. */
function homeRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => ({ status: 200, body: homePage(pc, await homeContent(ctx.deps, p)).value }));
  });
}

export const homeArea: PageArea = { name: 'home', routes: homeRoutes };
