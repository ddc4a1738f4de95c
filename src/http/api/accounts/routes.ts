import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changePassword, getAccount, passwordChangeFields, accountPatchFields, updateAccount } from '../../../actions/accounts/account.ts';
import { lookupEmailField } from '../../../actions/accounts/fields.ts';
import { confirmPasswordReset, confirmResetFields, requestPasswordReset, RESET_MINUTES } from '../../../actions/accounts/password-reset.ts';
import { register, registerFields } from '../../../actions/accounts/register.ts';
import { signIn, signInFields, signOut } from '../../../actions/accounts/sign-in.ts';
import { principalFor } from '../../../actions/auth/principal.ts';
import { sha256 } from '../../../actions/auth/secrets.ts';
import { TOKEN_SCOPES } from '../../../domain/accounts/types.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../../session-cookie.ts';
import { accountOut, messageOut, presentAccount, presentSession, presentUser, sessionOut, userOut } from './present.ts';
import { THROTTLES, throttleHook } from './throttle.ts';
import { tokenAndUserRoutes } from './admin-routes.ts';
import { verificationRoutes } from './verification-routes.ts';

const TAG = 'Accounts';

/** Sessions (sign in and out), the caller's own account, password resets, API tokens and account administration. */
export function accountRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const secure = (ctx.baseUrl || deps.site.baseUrl).startsWith('https://');
  const signInLimit = throttleHook(deps, 'signIn');
  const resetLimit = throttleHook(deps, 'passwordReset');
  const registerLimit = throttleHook(deps, 'register');

  route(app, registry, {
    method: 'GET', path: '/api/v1/session', operationId: 'getSession', tag: TAG, access: 'public',
    summary: 'Who is signed in',
    description: 'The account behind the session cookie or the bearer token, its role per organization slug, and the session\'s CSRF token. Nobody signed in: `{ "user": null }`.',
    responses: { 200: { description: 'The signed-in person, or `{ "user": null }`.', schema: sessionOut } },
  }, async ({ req, reply }) => {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user') return presentSession(null, undefined);
    const cookie = readCookie(req, SESSION_COOKIE);
    // Each use extends the session; the cookie follows.
    if (session && cookie) setSessionCookie(reply, cookie, (Date.parse(session.expiresAt) - deps.clock.now().getTime()) / 1000, secure);
    return presentSession(await getAccount(deps, principal), session);
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/session', operationId: 'signIn', tag: TAG, access: 'public',
    summary: 'Sign in',
    description: `Checks an email and password, sent as JSON (a form post is refused, so another site cannot sign a visitor in), and sets the session cookie (HttpOnly, SameSite=Lax). Five failures in a row lock the account for 15 minutes (423). Limited to ${THROTTLES.signIn.limit} attempts per minute per address (429).`,
    body: signInFields,
    responses: {
      200: { description: 'Signed in: the same answer as GET /api/v1/session.', schema: sessionOut },
      401: { description: 'bad_credentials: the email or the password is not right.' },
      423: { description: 'account_locked: too many failures; `details.locked_until` says until when.' },
      429: { description: 'rate_limited: too many attempts from this address.' },
    },
  }, async ({ body, req, reply }) => {
    // A form on another site could sign a visitor in as someone else (the answer sets the cookie); it cannot send JSON without a preflight this API never allows.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new AppError('bad_request', 'Send the email and password as JSON (Content-Type: application/json). People sign in with the form at /sign-in.');
    }
    if (await signInLimit(req, reply)) return reply;
    const signed = await signIn(deps, body);
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await signOut(deps, sha256(previous));
    setSessionCookie(reply, signed.sessionSecret, deps.site.sessionDays * 24 * 60 * 60, secure);
    const principal = await principalFor(deps, signed.user, 'session', [...TOKEN_SCOPES], null);
    return presentSession(await getAccount(deps, principal), signed.session);
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/session', operationId: 'signOut', tag: TAG, access: 'public',
    summary: 'Sign out',
    description: 'Ends the session of the cookie and clears it. Needs the session\'s CSRF token (X-CSRF-Token). Without a session it does nothing.',
    responses: { 204: { description: 'Signed out.' }, 403: { description: 'csrf_failed: the CSRF token is missing or wrong.' } },
  }, async ({ req, reply }) => {
    await actorOf(deps, req);
    const { session } = await identityOf(deps, req);
    if (session) await signOut(deps, session.id);
    clearSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/account', operationId: 'register', tag: TAG, access: 'public',
    summary: 'Create an account',
    description: 'Self-service sign-up for residents: `{ "email", "name", "password" }`. The account has no role in any organization. Passwords: 10 to 200 characters, not one character repeated, not the email address.',
    body: registerFields,
    responses: { 201: { description: 'The new account.', schema: userOut }, 409: { description: 'conflict: an account with this email exists.' } },
  }, async ({ body, req, reply }) => {
    if (await registerLimit(req, reply)) return reply;
    const user = await register(deps, body);
    return reply.status(201).send(presentUser(user));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/account', operationId: 'getAccount', tag: TAG, access: 'signed-in',
    summary: 'Your account', description: 'The caller\'s account and memberships.',
    responses: { 200: { description: 'The account.', schema: accountOut } },
  }, async ({ req }) => presentAccount(await getAccount(deps, await actorOf(deps, req))));

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/account', operationId: 'updateAccount', tag: TAG, access: 'signed-in',
    summary: 'Change your account', description: 'Changes the caller\'s name: `{ "name" }`. Tokens need the write scope.',
    body: accountPatchFields,
    responses: { 200: { description: 'The account.', schema: accountOut } },
  }, async ({ body, req }) => presentAccount(await updateAccount(deps, await actorOf(deps, req), body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/account/password', operationId: 'changePassword', tag: TAG, access: 'signed-in',
    summary: 'Change your password',
    description: '`{ "current_password", "new_password" }`. Every other session of the account ends; this one stays. Tokens need the admin scope.',
    body: passwordChangeFields,
    responses: { 204: { description: 'Changed.' }, 401: { description: 'bad_credentials: the current password is not right.' } },
  }, async ({ body, req, reply }) => {
    const actor = await actorOf(deps, req);
    const { session } = await identityOf(deps, req);
    await changePassword(deps, actor, body, session?.id);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/password-reset', operationId: 'requestPasswordReset', tag: TAG, access: 'public',
    summary: 'Ask for a password reset link',
    description: `\`{ "email" }\`. Answers 202 whether or not an account uses the address; when one does, it is emailed a link that works once, for ${RESET_MINUTES} minutes. At most 3 links per account per hour, and 5 requests per hour per address.`,
    body: z.object({ email: lookupEmailField }),
    responses: { 202: { description: 'Accepted.', schema: messageOut }, 429: { description: 'rate_limited: too many requests from this address.' } },
  }, async ({ body, req, reply }) => {
    if (await resetLimit(req, reply)) return reply;
    await requestPasswordReset(deps, body.email);
    return reply.status(202).send({ message: `If an account uses ${body.email}, a link to choose a new password is on its way. It works once, for ${RESET_MINUTES} minutes.` });
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/password-reset/confirm', operationId: 'confirmPasswordReset', tag: TAG, access: 'public',
    summary: 'Choose a new password with a reset link',
    description: '`{ "token", "password" }`, the token from the emailed link. The account is signed out everywhere and unlocked.',
    body: confirmResetFields,
    responses: { 204: { description: 'The password was changed.' }, 400: { description: 'The link is unknown, used or expired (`details.reason`), or the password does not follow the rules.' } },
  }, async ({ body, reply }) => {
    await confirmPasswordReset(deps, body);
    return reply.status(204).send();
  });

  tokenAndUserRoutes(app, ctx);
  verificationRoutes(app, ctx);
}
