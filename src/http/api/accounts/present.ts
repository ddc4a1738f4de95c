import { z } from 'zod';
import type { AccountView } from '../../../actions/accounts/account.ts';
import type { ApiToken, Session, User } from '../../../domain/accounts/types.ts';
import { ROLES, TOKEN_SCOPES } from '../../../domain/accounts/types.ts';

/**
 * How accounts, sessions and tokens leave the API. Password hashes, token
 * hashes and CSRF tokens never do, except the caller's own CSRF token in the
 * session answer.
 */

export const userOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  is_site_admin: z.boolean(),
  is_moderator: z.boolean().describe('Moderates the community areas: triages, assigns, merges and sees hidden problems'),
  disabled: z.boolean(),
  has_password: z.boolean(),
  locked_until: z.string().nullable(),
  created_at: z.string(),
  last_sign_in_at: z.string().nullable(),
  email_verified_at: z.string().nullable().describe('When the email address was confirmed; null until the account confirms it (see POST /api/v1/account/verification)'),
});

export function presentUser(u: User): z.infer<typeof userOut> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    is_site_admin: u.isSiteAdmin,
    is_moderator: u.isModerator,
    disabled: u.disabled,
    has_password: u.passwordHash !== null,
    locked_until: u.lockedUntil,
    created_at: u.createdAt,
    last_sign_in_at: u.lastSignInAt,
    email_verified_at: u.emailVerifiedAt === undefined ? u.createdAt : u.emailVerifiedAt,
  };
}

export const userListOut = z.object({ total: z.number(), results: z.array(userOut) });

/** A page of accounts, with how many there are in all. */
export function presentUserList(list: { total: number; results: User[] }): z.infer<typeof userListOut> {
  return { total: list.total, results: list.results.map(presentUser) };
}

export const newUserOut = userOut.extend({ password_email_sent: z.boolean() });

/** A new account, and whether its owner was emailed a link to choose a password. */
export function presentNewUser(created: { user: User; emailed: boolean }): z.infer<typeof newUserOut> {
  return { ...presentUser(created.user), password_email_sent: created.emailed };
}

const membershipOut = z.object({ organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }), role: z.enum(ROLES) });

export const accountOut = z.object({ user: userOut, memberships: z.array(membershipOut) });

export function presentAccount(a: AccountView): z.infer<typeof accountOut> {
  return {
    user: presentUser(a.user),
    memberships: a.memberships.map((m) => ({ organization: { id: m.organization.id, slug: m.organization.slug, name: m.organization.name }, role: m.role })),
  };
}

export const sessionOut = z.object({
  user: userOut.nullable(),
  roles: z.record(z.string(), z.enum(ROLES)).optional().describe('Role per organization slug.'),
  via: z.enum(['session', 'token']).optional(),
  csrf_token: z.string().nullable().optional().describe('Send it as X-CSRF-Token (or a _csrf form field) with every change made through the session cookie.'),
  expires_at: z.string().nullable().optional(),
});

/** Who is signed in, their roles by organization slug, and their session's CSRF token. */
export function presentSession(a: AccountView | null, session: Session | undefined): z.infer<typeof sessionOut> {
  if (!a) return { user: null };
  return {
    user: presentUser(a.user),
    roles: Object.fromEntries(a.memberships.map((m) => [m.organization.slug, m.role])),
    via: session ? 'session' : 'token',
    csrf_token: session?.csrfToken ?? null,
    expires_at: session?.expiresAt ?? null,
  };
}

export const tokenOut = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export function presentToken(t: ApiToken): z.infer<typeof tokenOut> {
  return { id: t.id, name: t.name, scopes: t.scopes, created_at: t.createdAt, expires_at: t.expiresAt, last_used_at: t.lastUsedAt, revoked_at: t.revokedAt };
}

export const newTokenOut = tokenOut.extend({ token: z.string().describe('The secret, shown this once: send it as "Authorization: Bearer <token>".') });

/** A new token with its secret: the only answer that shows it. */
export function presentNewToken(created: { token: ApiToken; secret: string }): z.infer<typeof newTokenOut> {
  return { ...presentToken(created.token), token: created.secret };
}

export const messageOut = z.object({ message: z.string() });
