import type { FastifyInstance } from 'fastify';
import { sitemapUrls, type SitemapUrl } from '../../actions/notify/feeds.ts';
import { escapeXml } from '../../domain/notify/atom.ts';
import type { HttpContext } from '../context.ts';

/** A sitemap (sitemaps.org protocol 0.9) of the given pages. */
export function renderSitemap(baseUrl: string, urls: SitemapUrl[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${escapeXml(`${baseUrl}${u.path}`)}</loc>${u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ];
  return lines.join('\n');
}

/** `/sitemap.xml` of every public dataset and organization page, and `/robots.txt` pointing at it. */
export function sitemapRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, baseUrl } = ctx;

  app.get('/sitemap.xml', async (_req, reply) =>
    reply
      .header('Content-Type', 'application/xml; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(renderSitemap(baseUrl, await sitemapUrls(deps))),
  );

  app.get('/robots.txt', async (_req, reply) =>
    reply
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send(['User-agent: *', 'Disallow: /api/', '', `Sitemap: ${baseUrl}/sitemap.xml`, ''].join('\n')),
  );
}
