import type { FastifyInstance } from 'fastify';
import { homeContent } from '../actions/site/home.ts';
import { siteApiRoutes } from './api/site/routes.ts';
import { actorOf, type HttpContext } from './context.ts';
import { adminSettingsRoutes } from './pages/admin/routes.ts';
import { homePage } from './pages/home.tsx';

/** The portal's own settings and what shows them: the settings API, the home page at `/`, and the settings form at `/admin/settings`. */
export function siteRoutes(app: FastifyInstance, ctx: HttpContext): void {
  siteApiRoutes(app, ctx);
  adminSettingsRoutes(app, ctx);
  app.get('/', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const content = await homeContent(ctx.deps, p);
    return reply.header('Content-Type', 'text/html; charset=utf-8').send(homePage(content, ctx.siteName, p.kind === 'user' ? p : undefined).value);
  });
}
