import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { settingsToEdit, updateSite } from '../../../actions/site/settings.ts';
import { AppError } from '../../../domain/errors.ts';
import { parseSynonymsText, synonymsText } from '../../../domain/site/synonyms.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { synonymsPage } from './synonyms.tsx';

const PATH = '/admin/synonyms';

/** `/admin/synonyms`: the synonyms catalog search uses, as a form for site administrators; the actions decide who may see and change them. */
export function adminSynonymsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) =>
    reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** Sends strangers to sign in and tells other people the page is not for them. */
  const refused = async (e: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(PATH)}`, 303);
    if (e.code !== 'forbidden') throw e;
    const pc = await pageContext(ctx, req);
    return send(reply, errorPage(pc, pc.t.t('error.notForYou'), ruleText(pc.t, e.message)), 403);
  };

  app.get(PATH, async (req, reply) => {
    const { principal, session } = await identityOf(deps, req);
    try {
      const current = await settingsToEdit(deps, principal);
      const saved = (req.query as Record<string, unknown>).saved;
      return send(reply, synonymsPage(await pageContext(ctx, req, principal), {
        text: synonymsText(current.synonyms),
        errors: [],
        saved: saved === 'saved' || saved === 'restored' ? saved : undefined,
        csrf: session?.csrfToken ?? '',
      }));
    } catch (e) {
      return refused(e, req, reply);
    }
  });

  app.post(PATH, async (req, reply) => {
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const text = typeof fields.synonyms === 'string' ? fields.synonyms : '';
    const restore = fields.restore === '1';
    const { principal, session } = await identityOf(deps, req);
    try {
      await settingsToEdit(deps, principal);
    } catch (e) {
      return refused(e, req, reply);
    }
    const pc = await pageContext(ctx, req, principal);
    const again = (status: number, errors: string[], problem?: string) => send(reply, synonymsPage(pc, { text, errors, problem, csrf: session?.csrfToken ?? '' }), status);
    let actor;
    try {
      actor = await actorOf(deps, req);
    } catch (e) {
      if (e instanceof AppError && e.code === 'csrf_failed') return again(403, [], pc.t.t('admin.expired'));
      throw e;
    }
    try {
      await updateSite(deps, actor, { synonyms: restore ? null : parseSynonymsText(text) });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'validation_failed') return refused(e, req, reply);
      // Each message names its group by position ("synonyms.3.1"): the line it came from.
      const fields = (e.details?.fields ?? []) as Array<{ field: string; message: string }>;
      const errors = fields.map((f) => {
        const line = /^synonyms\.(\d+)/.exec(f.field)?.[1];
        const message = ruleText(pc.t, f.message);
        return line === undefined ? message : pc.t.t('admin.synonymsLine', { line: Number(line) + 1, message });
      });
      return again(400, [...new Set(errors)]);
    }
    return reply.redirect(`${PATH}?saved=${restore ? 'restored' : 'saved'}`, 303);
  });
}
