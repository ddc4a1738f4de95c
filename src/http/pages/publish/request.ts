import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../../../actions/auth/secrets.ts';
import type { UserPrincipal } from '../../../domain/accounts/principal.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageContext } from '../components/page-context.ts';
import { pageContext } from '../components/page-context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import type { FieldErrors } from './parts.tsx';

/** A signed-in person on a publisher page, with the CSRF token their forms carry. */
export interface Editor {
  p: UserPrincipal;
  csrf: string;
  /** The page context of the request: the reader's language, the site's look. */
  pc: PageContext;
}

export type Form = Record<string, string | undefined>;

/** Sends a page; publisher pages are personal, so never cached. */
export const sendPage = (reply: FastifyReply, body: SafeHtml, status = 200) =>
  reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

/** Sends a visitor without a session to sign in, coming back here afterwards. */
const toSignIn = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`, 303);

/**
 * The signed-in person for a page: on a GET just the session; on a POST the
 * form's `_csrf` must match it too. Undefined when a reply (a sign-in
 * redirect) has already been sent.
 */
export async function editorOf(ctx: HttpContext, req: FastifyRequest, reply: FastifyReply): Promise<Editor | undefined> {
  const { session } = await identityOf(ctx.deps, req);
  const p = await actorOf(ctx.deps, req);
  if (p.kind !== 'user' || !session) {
    await toSignIn(req, reply);
    return undefined;
  }
  return { p, csrf: session.csrfToken, pc: await pageContext(ctx, req, p) };
}

/** Checks a CSRF token read from a multipart form (whose fields the usual check cannot see). */
export async function checkFormToken(ctx: HttpContext, req: FastifyRequest, sent: string | undefined): Promise<void> {
  const { session } = await identityOf(ctx.deps, req);
  if (session && (!sent || !sameSecret(sent, session.csrfToken))) {
    throw new AppError('csrf_failed', 'This form expired or came from another site. Reload the page and try again.');
  }
}

/** Field problems from a validation error, by the field names the API uses. */
export function fieldErrorsOf(e: AppError): FieldErrors {
  const fields = (e.details?.fields ?? []) as Array<{ field: string; message: string }>;
  const out: FieldErrors = {};
  for (const f of fields) out[f.field || 'form'] ??= f.message;
  return out;
}

/** The errors a publisher page explains as a page, each titled by its message `publish.error.<code>`. */
const TITLED: ReadonlySet<AppError['code']> = new Set(['forbidden', 'csrf_failed', 'not_found', 'conflict', 'validation_failed', 'bad_file', 'payload_too_large']);

/**
 * Runs a publisher page's work and answers what goes wrong as a page, not
 * the API's JSON: a person who is not signed in goes to sign in, anything
 * else the actions refuse is explained with a way back.
 */
export async function asPage(ctx: HttpContext, req: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'unauthorized') return toSignIn(req, reply);
    if (!TITLED.has(e.code)) throw e;
    const pc = await pageContext(ctx, req);
    return sendPage(reply, errorPage(pc, pc.t.t(`publish.error.${e.code}`), ruleText(pc.t, e.message)), e.status);
  }
}
