import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dismissReports, moderateItem } from '../../../actions/community/moderation/moderate-item.ts';
import { moderationQueue } from '../../../actions/community/moderation/queue.ts';
import { changeProblemStatus } from '../../../actions/community/triage-problem.ts';
import { AppError } from '../../../domain/errors.ts';
import { identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import type { ModerationStep } from './moderate-form.tsx';
import { moderationPage, type QueuePageState } from './queue.tsx';

const PATH = '/moderation';
const idParams = z.object({ id: z.string().min(1).max(200) });
const itemParams = z.object({ kind: z.string().min(1).max(100), id: z.string().min(1).max(200) });
const DONE = { hidden: 'moderation.hiddenDone', shown: 'moderation.shownDone', dismissed: 'moderation.dismissedDone', approved: 'moderation.approvedDone', declined: 'moderation.declinedDone' } as const;
const DONE_AFTER: Record<ModerationStep, keyof typeof DONE> = { hide: 'hidden', show: 'shown', dismiss: 'dismissed', approve: 'approved', decline: 'declined' };

/** The moderators' queue at `/moderation`, with forms that work without JavaScript. */
function moderationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** The queue page, with a notice or a refused form; strangers are sent to sign in, other people told it is not for them. */
  async function show(req: FastifyRequest, reply: FastifyReply, more: Partial<QueuePageState> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    try {
      const queue = await moderationQueue(deps, principal, { limit: 100 });
      const done = (req.query as Record<string, unknown>).done;
      const notice = typeof done === 'string' && done in DONE ? pc.t.t(DONE[done as keyof typeof DONE]) : undefined;
      return send(reply, moderationPage(pc, queue, { csrf: session?.csrfToken ?? '', notice, ...more }), status);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(PATH)}`, 303);
      if (e.code !== 'forbidden') throw e;
      return send(reply, errorPage(pc, pc.t.t('error.notForYou'), ruleText(pc.t, e.message)), 403);
    }
  }

  app.get(PATH, (req, reply) => show(req, reply));

  /** Runs a moderator's form; a refusal the moderator can fix shows the queue again with the reason as typed. */
  async function act(req: FastifyRequest, reply: FastifyReply, does: ModerationStep) {
    const held = does === 'approve' || does === 'decline';
    const { kind, id } = held ? { kind: 'held', id: idParams.parse(req.params).id } : itemParams.parse(req.params);
    const f = (req.body ?? {}) as Record<string, string | undefined>;
    const reason = f.reason ?? '';
    const { principal } = await identityOf(deps, req);
    try {
      if (does === 'dismiss') await dismissReports(deps, principal, kind, id, { reason });
      else if (does === 'approve') await moderateItem(deps, principal, 'problem', id, { hidden: false, reason });
      else if (does === 'decline') await changeProblemStatus(deps, principal, id, { status: 'declined', reason: reason.trim() ? reason : undefined });
      else await moderateItem(deps, principal, kind, id, { hidden: does === 'hide', reason });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.code === 'unauthorized' || e.code === 'forbidden' || e.code === 'not_found') throw e;
      const field = ((e.details?.fields ?? []) as Array<{ field: string; message: string }>).find((x) => x.field === 'reason');
      return show(req, reply, { refused: { key: `${kind}:${id}`, does, reason, error: field?.message ?? e.message } }, e.status);
    }
    return reply.redirect(`${PATH}?done=${DONE_AFTER[does]}`, 303);
  }

  app.post('/moderation/:kind/:id/visibility', (req, reply) => act(req, reply, ((req.body ?? {}) as Record<string, unknown>).hidden === 'false' ? 'show' : 'hide'));
  app.post('/moderation/:kind/:id/dismiss', (req, reply) => act(req, reply, 'dismiss'));
  app.post('/moderation/held/:id/approve', (req, reply) => act(req, reply, 'approve'));
  app.post('/moderation/held/:id/decline', (req, reply) => act(req, reply, 'decline'));
}

export const moderationArea: PageArea = { name: 'moderation', routes: moderationRoutes };
