import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSubscription, followsItem } from '../../../actions/notify/subscriptions.ts';
import type { Principal } from '../../../domain/accounts/principal.ts';
import type { FollowableKind } from '../../../domain/activity/types.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { itemPage, type FollowState } from '../components/follow.tsx';

const idParams = z.object({ id: z.string().min(1).max(200) });


/** Whether the reader may follow the item from its page (a person with a session) and already does. */
export async function itemFollowState(ctx: HttpContext, req: FastifyRequest, p: Principal, kind: FollowableKind, id: string): Promise<FollowState> {
  if (p.kind !== 'user') return { kind: 'visitor' };
  const { session } = await identityOf(ctx.deps, req);
  if (!session) return { kind: 'program' };
  return { kind: 'person', csrf: session.csrfToken, following: await followsItem(ctx.deps, p, kind, id) };
}

/**
 * `POST /{kind}s/:id/follow`: the item page's follow form, which subscribes
 * the signed-in person to an email digest of the item's changes and comments.
 * Following twice is following; a visitor is sent to sign in first.
 */
export function followRoute(app: FastifyInstance, ctx: HttpContext, kind: FollowableKind): void {
  app.post(`/${kind}s/:id/follow`, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const p = await actorOf(ctx.deps, req);
    if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(itemPage(kind, id))}`, 303);
    try {
      await createSubscription(ctx.deps, p, { [kind]: id, email: true });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict' && e.details?.id)) throw e;
    }
    return reply.redirect(`${itemPage(kind, id)}?followed=1#follow`, 303);
  });
}
