import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { deleteSubscription, listSubscriptions } from '../../../actions/notify/subscriptions.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { subscriptionsPage } from './subscriptions.tsx';

/** The page where people manage what they follow. */
export function subscriptionRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

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
