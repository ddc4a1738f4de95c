import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { harvestOverview } from '../../../actions/harvest/overview.ts';
import { getRun, listRuns } from '../../../actions/harvest/sources.ts';
import type { HarvestSource } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { AppError } from '../../../domain/errors.ts';
import { identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { harvestListPage, type ListNotice } from './list.tsx';
import type { HarvestPages } from './pages.ts';
import { harvestPostRoutes } from './post-routes.ts';
import { runPage } from './run.tsx';
import { editSourcePage, removeSourcePage, sourcePage } from './source.tsx';
import { NEW_SOURCE } from './source-form.tsx';

const idParams = z.object({ id: z.string().min(1).max(200) });

/** A source's form values from what it is now. */
export const valuesOf = (s: HarvestSource): Record<string, string> => ({
  // The password in an address is never shown; the form keeps it when the masked address comes back.
  url: maskUrl(s.url),
  name: s.name,
  ...(s.harvest ? { harvest: 'on' } : {}),
  ...(s.peer ? { peer: 'on' } : {}),
  schedule: s.scheduleHours === null ? 'demand' : 'every',
  hours: s.scheduleHours === null ? '24' : String(s.scheduleHours),
});


/** `/admin/harvest`: the site administrators' harvest sources and peers, each source's runs and each run's report. */
function harvestRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  const pages: HarvestPages = {
    send,
    async refused(e, req, reply) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(req.method === 'GET' ? req.url : '/admin/harvest')}`, 303);
      const pc = await pageContext(ctx, req);
      if (e.code === 'forbidden') return send(reply, errorPage(pc, pc.t.t('error.notForYou'), ruleText(pc.t, e.message)), 403);
      if (e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('harvest.notFound'), pc.t.t('harvest.notFoundText')), 404);
      throw e;
    },
    async showList(req, reply, form, notice, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      try {
        const sources = await harvestOverview(deps, principal);
        const pc = await pageContext(ctx, req, principal);
        return send(reply, harvestListPage(pc, sources, { csrf: session?.csrfToken ?? '', values: form?.values ?? NEW_SOURCE, errors: form?.errors ?? {} }, notice), status);
      } catch (e) {
        return pages.refused(e, req, reply);
      }
    },
    async showEdit(req, reply, id, form, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      try {
        const { source } = await listRuns(deps, principal, id, 1);
        const pc = await pageContext(ctx, req, principal);
        return send(reply, editSourcePage(pc, source, { csrf: session?.csrfToken ?? '', values: form?.values ?? valuesOf(source), errors: form?.errors ?? {} }), status);
      } catch (e) {
        return pages.refused(e, req, reply);
      }
    },
  };

  /** A notice named in the address after a form worked. */
  const noticeOf = async (req: FastifyRequest): Promise<ListNotice | undefined> => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const { t } = await pageContext(ctx, req);
    const name = typeof q.name === 'string' ? q.name.slice(0, 200) : '';
    if (q.added === '1') return { kind: 'success', text: t.t('harvest.added', { name }) };
    if (q.removed === '1') return { kind: 'success', text: t.t('harvest.removed', { name }) };
    if (typeof q.loading === 'string' && /^\d{1,6}$/.test(q.loading)) return { kind: 'success', text: t.t('harvest.loading', { name, count: Number(q.loading) }) };
    return undefined;
  };

  app.get('/admin/harvest', async (req, reply) => pages.showList(req, reply, undefined, await noticeOf(req)));

  app.get('/admin/harvest/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { principal, session } = await identityOf(deps, req);
    try {
      const { source, runs } = await listRuns(deps, principal, id, 50);
      const pc = await pageContext(ctx, req, principal);
      const saved = (req.query as Record<string, unknown>).saved === '1';
      return send(reply, sourcePage(pc, source, runs, session?.csrfToken ?? '', saved ? pc.t.t('harvest.saved') : undefined));
    } catch (e) {
      return pages.refused(e, req, reply);
    }
  });

  app.get('/admin/harvest/:id/edit', (req, reply) => pages.showEdit(req, reply, idParams.parse(req.params).id));

  app.get('/admin/harvest/:id/remove', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { principal, session } = await identityOf(deps, req);
    try {
      const { source } = await listRuns(deps, principal, id, 1);
      return send(reply, removeSourcePage(await pageContext(ctx, req, principal), source, session?.csrfToken ?? ''));
    } catch (e) {
      return pages.refused(e, req, reply);
    }
  });

  app.get('/admin/harvest/runs/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { principal } = await identityOf(deps, req);
    try {
      const { source, run } = await getRun(deps, principal, id);
      return send(reply, runPage(await pageContext(ctx, req, principal), source, run));
    } catch (e) {
      return pages.refused(e, req, reply);
    }
  });

  harvestPostRoutes(app, ctx, pages);
}

export const harvestArea: PageArea = { name: 'harvest', routes: harvestRoutes };
