import type { FastifyInstance } from 'fastify';
import { getSite } from '../../actions/site/settings.ts';
import type { HttpContext } from '../context.ts';
import type { PageArea } from './area.ts';
import { offeredLanguages } from './components/page-context.ts';
import { languageRoutes } from './language.ts';
import { LOGO_PATH, logoBytes } from './site-look.ts';

/**
 * What every page shares: the language switch at `/language/{code}`, and an
 * uploaded logo at `/site/logo` (sandboxed, so an SVG logo can never run
 * script on the site).
 */
function siteRoutes(app: FastifyInstance, ctx: HttpContext): void {
  languageRoutes(app, async () => (await offeredLanguages(ctx)).map((l) => l.code));
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

export const siteArea: PageArea = { name: 'site', routes: siteRoutes };
