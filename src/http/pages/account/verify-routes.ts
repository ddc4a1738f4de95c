import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { confirmEmail, resendVerification, VERIFY_HOURS } from '../../../actions/accounts/email-verification.ts';
import { register } from '../../../actions/accounts/register.ts';
import { signIn, signOut } from '../../../actions/accounts/sign-in.ts';
import { sha256 } from '../../../actions/auth/secrets.ts';
import { AppError } from '../../../domain/errors.ts';
import type { ThrottleKind } from '../../api/accounts/throttle.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { readCookie, SESSION_COOKIE, setSessionCookie } from '../../session-cookie.ts';
import { pageContext, type PageContext } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { signUpPage, verifyMessagePage } from './verify-views.tsx';
import type { FieldErrors } from './views.tsx';

type Body = Record<string, string | undefined>;

/** What the sign-in pages share with these: the double-submit form token, sending a page, and the per-address throttle. */
export interface FormTools {
  send(reply: FastifyReply, body: SafeHtml, status?: number): unknown;
  formToken(req: FastifyRequest, reply: FastifyReply): string;
  formTokenOk(req: FastifyRequest): boolean;
  throttled(kind: ThrottleKind, req: FastifyRequest, reply: FastifyReply, pc: PageContext): boolean;
  safeNext(v: unknown): string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Field errors from a validation error, by field name (`form` for the form as a whole). */
function fieldErrors(e: AppError): FieldErrors {
  const fields = (e.details?.fields ?? []) as Array<{ field: string; message: string }>;
  const out: FieldErrors = {};
  for (const f of fields) out[f.field || 'form'] ??= f.message;
  return out;
}

/** `/sign-up`, `/verify-email` (the emailed link), `/verify-email/sent` and the "send the link again" button. */
export function verifyPageRoutes(app: FastifyInstance, ctx: HttpContext, tools: FormTools): void {
  const { deps } = ctx;
  const { send, formToken, formTokenOk, throttled, safeNext } = tools;
  const secure = (ctx.baseUrl || deps.site.baseUrl).startsWith('https://');

  app.get('/sign-up', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    if (principal.kind === 'user') return reply.redirect('/account', 303);
    return send(reply, signUpPage({ pc: await pageContext(ctx, req), csrf: formToken(req, reply) }));
  });

  app.post('/sign-up', async (req, reply) => {
    const pc = await pageContext(ctx, req);
    const body = (req.body ?? {}) as Body;
    const values = { name: text(body.name), email: text(body.email) };
    const again = (status: number, state: { errors?: FieldErrors; problem?: string }) => send(reply, signUpPage({ pc, csrf: formToken(req, reply), values, ...state }), status);
    if (!formTokenOk(req)) return again(403, { problem: pc.t.t('account.expired') });
    if (throttled('register', req, reply, pc)) return reply;
    const password = text(body.password);
    try {
      await register(deps, { name: values.name, email: values.email, password });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'validation_failed') return again(400, { errors: fieldErrors(e) });
      return again(e.status, { problem: e.message });
    }
    // The new account is signed in at once, so the emailed link, opened in this browser, leads straight on.
    const signed = await signIn(deps, { email: values.email, password });
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await signOut(deps, sha256(previous));
    setSessionCookie(reply, signed.sessionSecret, deps.site.sessionDays * 24 * 60 * 60, secure);
    return reply.redirect('/verify-email/sent', 303);
  });

  /** After sign-up or "send the link again": where the link went. */
  app.get('/verify-email/sent', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    if (principal.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent('/account')}`, 303);
    const pc = await pageContext(ctx, req, principal);
    const q = (req.query ?? {}) as Body;
    const next = safeNext(q.next);
    if (q.again === '1') return send(reply, verifyMessagePage(pc, pc.t.t('verify.sent'), pc.t.t('verify.sentText', { email: principal.email, hours: VERIFY_HOURS }), { href: next, text: pc.t.t('verify.back') }));
    return send(reply, verifyMessagePage(pc, pc.t.t('verify.checkInbox'), pc.t.t('verify.checkInboxText', { email: principal.email, hours: VERIFY_HOURS }), { href: '/account', text: pc.t.t('verify.toAccount') }));
  });

  /** The emailed link: confirms at once. The token is in the address, so it is never sent on as a referrer. */
  app.get('/verify-email', async (req, reply) => {
    reply.header('Referrer-Policy', 'no-referrer');
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    try {
      const user = await confirmEmail(deps, { token: text((req.query as Body).token) });
      return send(reply, verifyMessagePage(pc, pc.t.t('verify.confirmed'), pc.t.t('verify.confirmedText', { email: user.email }), { href: '/problems', text: pc.t.t('verify.toProblems') }));
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const confirmed = e.details?.confirmed === true;
      const signedIn = principal.kind === 'user' && session;
      const resend = signedIn && !principal.emailVerified && !confirmed ? { csrf: session.csrfToken, next: '/account' } : undefined;
      const link = signedIn ? { href: '/account', text: pc.t.t('verify.toAccount') } : { href: `/sign-in?next=${encodeURIComponent('/account')}`, text: pc.t.t('verify.askNew') };
      return send(reply, verifyMessagePage(pc, pc.t.t(confirmed ? 'verify.confirmed' : 'verify.linkBroken'), ruleText(pc.t, e.message), link, resend), 400);
    }
  });

  app.post('/account/verification', async (req, reply) => {
    const next = safeNext(((req.body ?? {}) as Body).next);
    const { principal } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    try {
      if (!(await resendVerification(deps, await actorOf(deps, req)))) return send(reply, verifyMessagePage(pc, pc.t.t('verify.confirmed'), pc.t.t('verify.alreadyConfirmed'), { href: next, text: pc.t.t('verify.back') }));
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
      const message = e.code === 'csrf_failed' ? pc.t.t('account.expired') : ruleText(pc.t, e.message);
      return send(reply, verifyMessagePage(pc, pc.t.t('verify.notSent'), message, { href: next, text: pc.t.t('verify.back') }), e.status);
    }
    return reply.redirect(`/verify-email/sent?again=1&next=${encodeURIComponent(next)}`, 303);
  });
}
