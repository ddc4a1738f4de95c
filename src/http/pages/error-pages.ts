import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import type { HttpContext } from '../context.ts';
import { handleError, logError } from '../errors.ts';
import { errorPage } from './components/ErrorPage.tsx';
import { ruleText } from './components/rule-text.ts';
import { pageContext } from './components/page-context.ts';

/** Addresses that answer programs, never with a page: the API, feeds, the sitemap and browser bundles. */
const MACHINE = /^\/(api\/|feeds\/|assets\/|sitemap\.xml|robots\.txt)/;

/** Downloads: API addresses that pages link to, so a person's browser may follow one and should be told in a page why it failed. */
const DOWNLOAD = /^\/api\/v1\/datasets\/[^/?]+\/export\//;

/** A request from a person's browser for a page: a GET or HEAD (or a form POST) outside the API, or a download, that accepts HTML. */
export function wantsPage(req: FastifyRequest): boolean {
  if (MACHINE.test(req.url) && !DOWNLOAD.test(req.url)) return false;
  return String(req.headers.accept ?? '').includes('text/html');
}

async function sendPage(ctx: HttpContext, req: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string): Promise<void> {
  const pc = await pageContext(ctx, req);
  await reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(errorPage(pc, pc.t.t(title), pc.t.t(message)).value);
}

/**
 * Failures answered as pages for people and as the API's JSON for programs:
 * a person who follows a broken link or sends an expired form sees a page
 * in their language that explains it, with a way back; nothing they did is
 * lost by the explanation itself (forms that can be re-shown do so in
 * their own routes).
 */
export function pageErrorHandlers(ctx: HttpContext) {
  const answerError = async (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!wantsPage(req)) return handleError(err, req, reply);
    try {
      if (err instanceof AppError && err.expected) {
        logError(req.log, err);
        const pc = await pageContext(ctx, req);
        const title = pc.t.has(`error.title.${err.code}`) ? pc.t.t(`error.title.${err.code}`) : pc.t.t('error.title.bad_request');
        await reply.status(err.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(errorPage(pc, title, ruleText(pc.t, err.message)).value);
        return;
      }
      if (!(err instanceof AppError) && (err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) return handleError(err, req, reply);
      logError(req.log, err, 'unexpected error on a page');
      await sendPage(ctx, req, reply, 500, 'error.internal', 'error.internalText');
    } catch {
      // The error page itself failed (the catalog database is down): the plain answer still goes out.
      handleError(err, req, reply);
    }
  };
  const answerNotFound = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!wantsPage(req)) return handleError(new AppError('not_found', `Nothing is at ${req.method} ${req.url.split('?')[0]}.`), req, reply);
    await sendPage(ctx, req, reply, 404, 'error.pageNotFound', 'error.pageNotFoundText');
  };
  // Handlers return the reply: its sending may still be under way in the onSend hooks (compression), and
  // a handler that resolves with nothing before the reply is sent makes Fastify try to send it again.
  const onError = async (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    await answerError(err, req, reply);
    return reply;
  };
  const onNotFound = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    await answerNotFound(req, reply);
    return reply;
  };
  return { onError, onNotFound };
}
