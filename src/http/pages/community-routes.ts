import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { getOrganization } from '../../actions/accounts/organizations.ts';
import { searchDatasets } from '../../actions/catalog/read-datasets.ts';
import { deleteSubscription, listSubscriptions } from '../../actions/notify/subscriptions.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../context.ts';
import type { SafeHtml } from './html.ts';
import { organizationPage, subscriptionsPage } from './community.tsx';
import { errorPage } from './components/ErrorPage.tsx';
import { pageContext } from './page-context.ts';

/** Organization pages, and the page where people manage what they follow. */
export function communityPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  app.get('/organizations/:slug', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    let org;
    try {
      org = await getOrganization(deps, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('error.organizationNotFound'), pc.t.t('error.organizationNotFoundText', { slug })), 404);
      throw e;
    }
    const list = await searchDatasets(deps, p, { organization: org.slug, limit: 100, facets: [] });
    return send(reply, organizationPage(pc, org, list));
  });

  /** The subscriptions page; `noticeKey` names the message of a notice above the list. */
  const subscriptions = async (req: Parameters<typeof identityOf>[1], reply: FastifyReply, noticeKey = '') => {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent('/account/subscriptions')}`, 303);
    const pc = await pageContext(ctx, req, principal);
    return send(reply.header('Cache-Control', 'no-store'), subscriptionsPage(pc, await listSubscriptions(deps, principal), session.csrfToken, noticeKey ? pc.t.t(noticeKey) : ''));
  };

  app.get('/account/subscriptions', async (req, reply) => subscriptions(req, reply));

  app.post('/account/subscriptions/:id/delete', async (req, reply) => {
    const { id } = z.object({ id: z.string().min(1).max(100) }).parse(req.params);
    // actorOf checks the form's CSRF token against the session.
    await deleteSubscription(deps, await actorOf(deps, req), id);
    return subscriptions(req, reply, 'community.stopped');
  });
}
