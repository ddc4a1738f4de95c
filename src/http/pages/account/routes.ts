import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPasswordReset, confirmPasswordReset, requestPasswordReset, RESET_MINUTES } from '../../../actions/accounts/password-reset.ts';
import { signIn, signOut } from '../../../actions/accounts/sign-in.ts';
import { randomSecret, sameSecret, sha256 } from '../../../actions/auth/secrets.ts';
import { AppError } from '../../../domain/errors.ts';
import { takeThrottle, type ThrottleKind } from '../../api/accounts/throttle.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../../session-cookie.ts';
import type { SafeHtml } from '../html.ts';
import type { PageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import { pageContext } from '../components/page-context.ts';
import { forgotPasswordPage, messagePage, resetPasswordPage, resetSentPage, signedInPage, signInPage, type FieldErrors } from './views.tsx';
import type { PageArea } from '../area.ts';
import { subscriptionRoutes } from './subscription-routes.ts';
import { accountTokenRoutes } from './token-routes.ts';
import { verifyPageRoutes } from './verify-routes.ts';

/** The cookie of the double-submit CSRF check on forms shown before sign-in. */
export const FORM_CSRF_COOKIE = 'plaza_csrf';
const FORM = 'application/x-www-form-urlencoded';

type Body = Record<string, string | undefined>;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Only a path on this site: "/datasets", not "//elsewhere" or "https://…". */
const safeNext = (v: unknown): string => {
  const s = text(v);
  return /^\/(?![/\\])[^\s]*$/.test(s) ? s : '/';
};

/** Field errors from a validation error, by field name. */
function fieldErrors(e: AppError): FieldErrors {
  const fields = (e.details?.fields ?? []) as Array<{ field: string; message: string }>;
  return Object.fromEntries(fields.map((f) => [f.field || 'form', f.message]));
}

/** Sign in, sign out, "forgot your password" and "choose a new password", as HTML forms. */
export function accountPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const secure = (ctx.baseUrl || deps.site.baseUrl).startsWith('https://');

  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }

  const send = (reply: FastifyReply, body: SafeHtml, status = 200) =>
    reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** The form's CSRF token: the value of the `plaza_csrf` cookie, set now when missing. */
  const formToken = (req: FastifyRequest, reply: FastifyReply): string => {
    const existing = readCookie(req, FORM_CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
    const token = randomSecret();
    reply.header('Set-Cookie', `${FORM_CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
    return token;
  };

  /** True when the posted `_csrf` field matches the cookie (double submit). */
  const formTokenOk = (req: FastifyRequest): boolean => {
    const cookie = readCookie(req, FORM_CSRF_COOKIE);
    const sent = text((req.body as Body | undefined)?._csrf);
    return Boolean(cookie && sent && sameSecret(cookie, sent));
  };
  /** The problem of a form whose CSRF check failed, in the reader's language. */
  const expired = (pc: PageContext): string => pc.t.t('account.expired');
  /** The link of a reset link that does not work: ask for a new one. */
  const newLink = (pc: PageContext) => ({ href: '/forgot-password', text: pc.t.t('account.askNewLink') });

  /** Spends the caller's budget; answers 429 with Retry-After when it is spent. */
  const throttled = (kind: ThrottleKind, req: FastifyRequest, reply: FastifyReply, pc: PageContext): boolean => {
    const r = takeThrottle(deps, kind, req);
    if (r.allowed) return false;
    const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
    void send(reply.header('Retry-After', String(seconds)), messagePage(pc, pc.t.t('account.tooMany'), pc.t.t('account.tooManyText', { minutes: Math.ceil(seconds / 60) }), { href: '/', text: pc.t.t('account.home') }), 429);
    return true;
  };

  app.get('/sign-in', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind === 'user' && session) return send(reply, signedInPage(pc, principal, session.csrfToken));
    const next = safeNext((req.query as Body).next);
    return send(reply, signInPage({ pc, csrf: formToken(req, reply), next }));
  });

  app.post('/sign-in', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    const body = (req.body ?? {}) as Body;
    const values = { email: text(body.email) };
    const next = safeNext(body.next);
    const again = (status: number, state: { errors?: FieldErrors; problem?: string }) => send(reply, signInPage({ pc, csrf: formToken(req, reply), next, values, ...state }), status);
    if (!formTokenOk(req)) return again(403, { problem: expired(pc) });
    if (throttled('signIn', req, reply, pc)) return reply;
    try {
      const signed = await signIn(deps, { email: body.email, password: body.password });
      const previous = readCookie(req, SESSION_COOKIE);
      if (previous) await signOut(deps, sha256(previous));
      setSessionCookie(reply, signed.sessionSecret, deps.site.sessionDays * 24 * 60 * 60, secure);
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'validation_failed') return again(400, { errors: fieldErrors(e) });
      return again(e.status, { problem: e.message });
    }
  });

  app.post('/sign-out', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    try {
      await actorOf(deps, req);
    } catch (e) {
      if (e instanceof AppError && e.code === 'csrf_failed') return send(reply, messagePage(pc, pc.t.t('account.notSignedOut'), expired(pc), { href: '/sign-in', text: pc.t.t('account.back') }), 403);
      throw e;
    }
    const { session } = await identityOf(deps, req);
    if (session) await signOut(deps, session.id);
    clearSessionCookie(reply, secure);
    return reply.redirect('/', 303);
  });

  app.get('/forgot-password', async (req, reply) => send(reply, forgotPasswordPage({ pc: await pageContext(ctx, req), csrf: formToken(req, reply) })));

  app.post('/forgot-password', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    const body = (req.body ?? {}) as Body;
    const values = { email: text(body.email) };
    const again = (status: number, state: { errors?: FieldErrors; problem?: string }) => send(reply, forgotPasswordPage({ pc, csrf: formToken(req, reply), values, ...state }), status);
    if (!formTokenOk(req)) return again(403, { problem: expired(pc) });
    if (throttled('passwordReset', req, reply, pc)) return reply;
    try {
      await requestPasswordReset(deps, body.email ?? '');
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation_failed') return again(400, { errors: { email: Object.values(fieldErrors(e))[0] ?? e.message } });
      throw e;
    }
    return send(reply, resetSentPage(pc, values.email.trim(), RESET_MINUTES));
  });

  /** The reset link's page; the token is in the address, so it is never sent on as a referrer. */
  app.get('/reset-password', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    reply.header('Referrer-Policy', 'no-referrer');
    const token = text((req.query as Body).token);
    try {
      await checkPasswordReset(deps, token);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return send(reply, messagePage(pc, pc.t.t('account.linkBroken'), ruleText(pc.t, e.message), newLink(pc)), 400);
      throw e;
    }
    return send(reply, resetPasswordPage({ pc, csrf: formToken(req, reply), token }));
  });

  app.post('/reset-password', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    reply.header('Referrer-Policy', 'no-referrer');
    const body = (req.body ?? {}) as Body;
    const token = text(body.token);
    const again = (status: number, state: { errors?: FieldErrors; problem?: string }) => send(reply, resetPasswordPage({ pc, csrf: formToken(req, reply), token, ...state }), status);
    if (!formTokenOk(req)) return again(403, { problem: expired(pc) });
    if (text(body.password) !== text(body.confirm)) return again(400, { errors: { confirm: pc.t.t('account.passwordsDiffer') } });
    try {
      await confirmPasswordReset(deps, { token, password: text(body.password) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'validation_failed') return again(400, { errors: fieldErrors(e) });
      return send(reply, messagePage(pc, pc.t.t('account.linkBroken'), ruleText(pc.t, e.message), newLink(pc)), e.status);
    }
    return send(reply, messagePage(pc, pc.t.t('account.passwordChanged'), pc.t.t('account.passwordChangedText'), { href: '/sign-in', text: pc.t.t('account.signIn') }));
  });

  verifyPageRoutes(app, ctx, { send, formToken, formTokenOk, throttled, safeNext });
}

/** The account pages: signing in and out, passwords, `/account` with its API tokens, and the subscriptions page. */
export const accountArea: PageArea = {
  name: 'account',
  routes(app, ctx) {
    accountPageRoutes(app, ctx);
    subscriptionRoutes(app, ctx);
    accountTokenRoutes(app, ctx);
  },
};
