import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import { emailVerified, expandScopes, TOKEN_SCOPES, type Role, type Session, type TokenScope, type User } from '../../domain/accounts/types.ts';
import { AppError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { sha256 } from './secrets.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The rights a user holds (their memberships), as a principal with the given scopes. */
export async function principalFor(deps: Deps, user: User, via: UserPrincipal['via'], scopes: TokenScope[], tokenId: string | null): Promise<UserPrincipal> {
  const memberships = await deps.catalog.accounts.listMemberships(user.id);
  const roles: Record<string, Role> = Object.fromEntries(memberships.map((m) => [m.organizationId, m.role]));
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, isSiteAdmin: user.isSiteAdmin, isModerator: user.isModerator, emailVerified: emailVerified(user), roles, via, scopes: expandScopes(scopes), tokenId };
}

/** The person behind an API token; a clear 401 for unknown, revoked or expired tokens and disabled accounts. */
export async function principalForToken(deps: Deps, token: string): Promise<UserPrincipal> {
  const found = await deps.catalog.accounts.findTokenByHash(sha256(token));
  const now = deps.clock.now();
  if (!found) throw new AppError('unauthorized', 'The API token is not valid. Create one on your account page or with `plaza admin create`.');
  if (found.revokedAt) throw new AppError('unauthorized', 'The API token was revoked.', { token_id: found.id });
  if (found.expiresAt && Date.parse(found.expiresAt) <= now.getTime()) throw new AppError('unauthorized', `The API token expired on ${found.expiresAt.slice(0, 10)}.`, { token_id: found.id });
  const user = await deps.catalog.accounts.getUser(found.userId);
  if (!user || user.disabled) throw new AppError('unauthorized', 'The account that owns this API token is disabled.');
  // Recording each use would write on every request; once a minute is enough to show "last used".
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > 60_000) await deps.catalog.accounts.touchToken(found.id, now.toISOString());
  return principalFor(deps, user, 'token', found.scopes, found.id);
}

/** The person behind a session cookie, or undefined when the cookie is unknown or expired (the caller then treats the request as anonymous). */
export async function principalForSession(deps: Deps, cookie: string): Promise<{ principal: UserPrincipal; session: Session } | undefined> {
  const session = await deps.catalog.accounts.getSession(sha256(cookie));
  const now = deps.clock.now();
  if (!session || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  const user = await deps.catalog.accounts.getUser(session.userId);
  if (!user || user.disabled) return undefined;
  // Sliding expiry, written at most once an hour.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60 * 60 * 1000) {
    await deps.catalog.accounts.touchSession(session.id, now.toISOString(), new Date(now.getTime() + deps.site.sessionDays * DAY_MS).toISOString());
  }
  return { principal: await principalFor(deps, user, 'session', [...TOKEN_SCOPES], null), session };
}
