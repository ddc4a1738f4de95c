import type { FastifyInstance } from 'fastify';
import { getSite } from '../../actions/site/settings.ts';
import type { HttpContext } from '../context.ts';
import type { PageArea } from './area.ts';
import { offeredLanguages } from './components/page-context.ts';
import { languageRoutes } from './language.ts';
import { siteIcon } from './site-icon.ts';
import { ICON_PATH, LOGO_PATH, logoBytes } from './site-look.ts';

/** An uploaded image never runs script here, even an SVG opened on its own. */
const SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * What every page shares: the language switch at `/language/{code}`, and an
 * uploaded logo at `/site/logo` (sandboxed, so an SVG logo can never run
 * script on the site), and the page icon at `/favicon.svg` and `/favicon.ico`:
 * the logo when there is one, else the site's first letter on its colour.
 */
function siteRoutes(app: FastifyInstance, ctx: HttpContext): void {
  languageRoutes(app, async () => (await offeredLanguages(ctx)).map((l) => l.code));
  app.get(LOGO_PATH, async (req, reply) => {
    const logo = logoBytes((await getSite(ctx.deps)).logoUrl);
    if (!logo) return reply.status(404).header('Content-Type', 'text/plain; charset=utf-8').send('No logo has been uploaded.');
    const versioned = typeof (req.query as Record<string, unknown>).v === 'string';
    return reply
      .header('Content-Type', logo.type)
      .header('Content-Security-Policy', SANDBOX)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(logo.bytes);
  });
  for (const path of [ICON_PATH, '/favicon.ico']) {
    app.get(path, async (req, reply) => {
      const icon = siteIcon(await getSite(ctx.deps));
      if (icon.kind === 'elsewhere') return reply.redirect(icon.url, 302);
      // Pages link to the icon with a version of what it is made of; `/favicon.ico` is asked for by browsers on their own.
      const versioned = typeof (req.query as Record<string, unknown>).v === 'string';
      return reply
        .header('Content-Type', icon.type)
        .header('Content-Security-Policy', SANDBOX)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
        .send(icon.bytes);
    });
  }
}

export const siteArea: PageArea = { name: 'site', routes: siteRoutes };
