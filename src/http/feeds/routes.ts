import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { datasetActivityFeed, itemActivityFeed, organizationActivityFeed, searchFeed, siteActivityFeed } from '../../actions/notify/feeds.ts';
import { renderAtomFeed, type AtomFeed } from '../../domain/notify/atom.ts';
import type { HttpContext } from '../context.ts';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const idParams = z.object({ id: z.string().min(1).max(200) });

/** The query string as sent, without the leading `?`. */
const rawQuery = (req: FastifyRequest): string => {
  const at = req.url.indexOf('?');
  return at < 0 ? '' : req.url.slice(at + 1);
};

/**
 * Atom feeds of the activity stream and of catalog searches. Feed readers
 * send no cookies, so the feeds show what anyone may see and ignore who asks.
 */
export function feedRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, baseUrl } = ctx;
  const send = (reply: FastifyReply, feed: AtomFeed) => reply.header('Content-Type', ATOM_TYPE).header('Cache-Control', 'public, max-age=300').send(renderAtomFeed(feed));

  app.get('/feeds/activity.atom', async (_req, reply) => send(reply, await siteActivityFeed(deps, baseUrl)));

  app.get('/feeds/datasets/:slug.atom', async (req, reply) => send(reply, await datasetActivityFeed(deps, baseUrl, slugParams.parse(req.params).slug)));

  app.get('/feeds/organizations/:slug.atom', async (req, reply) => send(reply, await organizationActivityFeed(deps, baseUrl, slugParams.parse(req.params).slug)));

  app.get('/feeds/problems/:id.atom', async (req, reply) => send(reply, await itemActivityFeed(deps, baseUrl, 'problem', idParams.parse(req.params).id)));
  app.get('/feeds/requests/:id.atom', async (req, reply) => send(reply, await itemActivityFeed(deps, baseUrl, 'request', idParams.parse(req.params).id)));
  app.get('/feeds/projects/:id.atom', async (req, reply) => send(reply, await itemActivityFeed(deps, baseUrl, 'project', idParams.parse(req.params).id)));

  app.get('/feeds/search.atom', async (req, reply) => send(reply, await searchFeed(deps, baseUrl, rawQuery(req))));
}
