import type { FastifyInstance } from 'fastify';
import { homeContent } from '../actions/site/home.ts';
import { getSite } from '../actions/site/settings.ts';
import { siteApiRoutes } from './api/site/routes.ts';
import { actorOf, type HttpContext } from './context.ts';
import { adminSettingsRoutes } from './pages/admin/routes.ts';
import { homePage } from './pages/home.tsx';
import { languageRoutes } from './pages/language.ts';
import { offeredLanguages, pageContext } from './pages/page-context.ts';
import { LOGO_PATH, logoBytes } from './pages/site-look.ts';

/**
 * The portal's own settings and what shows them: the settings API, the home
 * page at `/`, the settings form at `/admin/settings`, the language switch at
 * `/language/{code}`, and an uploaded logo at
 * `/site/logo` (sandboxed, so an SVG logo can never run script on the site).
 */
export function siteRoutes(app: FastifyInstance, ctx: HttpContext): void {
  siteApiRoutes(app, ctx);
  adminSettingsRoutes(app, ctx);
  languageRoutes(app, async () => (await offeredLanguages(ctx)).map((l) => l.code));
  app.get('/', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => ({ status: 200, body: homePage(pc, await homeContent(ctx.deps, p)).value }));
  });
  app.get(LOGO_PATH, async (req, reply) => {
    const logo = logoBytes((await getSite(ctx.deps)).logoUrl);
    if (!logo) return reply.status(404).header('Content-Type', 'text/plain; charset=utf-8').send('No logo has been uploaded.');
    const versioned = typeof (req.query as Record<string, unknown>).v === 'string';
    return reply
      .header('Content-Type', logo.type)
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(logo.bytes);
  });
}
