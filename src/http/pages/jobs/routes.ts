import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { queueViewFor, retryDeadJob } from '../../../actions/jobs/admin.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { queuePage, type QueueNotice } from './queue.tsx';

const PATH = '/admin/jobs';
const idParams = z.object({ id: z.string().min(1).max(200) });

/** `/admin/jobs`: the job queue for site administrators, and the Retry form of each dead letter (docs/jobs.md). */
function jobPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** Sends strangers to sign in and tells other people the page is not for them. */
  const refused = async (e: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(PATH)}`, 303);
    if (e.code !== 'forbidden') throw e;
    const pc = await pageContext(ctx, req);
    return send(reply, errorPage(pc, pc.t.t('error.notForYou'), ruleText(pc.t, e.message)), 403);
  };

  const show = async (req: FastifyRequest, reply: FastifyReply, notice?: QueueNotice, status = 200) => {
    const { principal, session } = await identityOf(deps, req);
    try {
      const view = await queueViewFor(deps, principal);
      return send(reply, queuePage(await pageContext(ctx, req, principal), view, session?.csrfToken ?? '', notice), status);
    } catch (e) {
      return refused(e, req, reply);
    }
  };

  app.get(PATH, async (req, reply) => {
    const retried = (req.query as Record<string, unknown>).retried;
    if (typeof retried !== 'string') return show(req, reply);
    const pc = await pageContext(ctx, req);
    return show(req, reply, { kind: 'success', text: pc.t.t('jobs.retried') });
  });

  app.post(`${PATH}/:id/retry`, async (req, reply) => {
    const parsed = idParams.safeParse(req.params);
    if (!parsed.success) return reply.callNotFound();
    try {
      await retryDeadJob(deps, await actorOf(deps, req), parsed.data.id);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'csrf_failed' || e.code === 'conflict' || e.code === 'not_found')) {
        const pc = await pageContext(ctx, req);
        const text = e.code === 'csrf_failed' ? pc.t.t('jobs.expired') : e.code === 'not_found' ? pc.t.t('jobs.gone') : e.message;
        return show(req, reply, { kind: 'error', text }, e.code === 'csrf_failed' ? 403 : e.code === 'not_found' ? 404 : 409);
      }
      return refused(e, req, reply);
    }
    return reply.redirect(`${PATH}?retried=1#dead`, 303);
  });
}

export const jobsArea: PageArea = { name: 'jobs', routes: jobPageRoutes };
