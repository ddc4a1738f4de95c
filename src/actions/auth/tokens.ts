import { z } from 'zod';
import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import { TOKEN_SCOPES, type ApiToken, type User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Deps, Principal } from '../deps.ts';
import { requireUser } from './authorize.ts';
import { randomSecret, sha256 } from './secrets.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const newTokenFields = z.object({
  name: z.string().trim().min(1, 'Name the token after the program that will use it.').max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES, { message: `is not a scope; use read, write or admin` })).min(1, 'Give the token at least one scope.').default(['read']),
  expires_in_days: z.number().int().min(1).max(3650).nullable().default(90),
});

async function issue(deps: Deps, user: User, name: string, scopes: ApiToken['scopes'], expiresInDays: number | null): Promise<{ token: ApiToken; secret: string }> {
  const secret = randomSecret('plz_');
  const now = deps.clock.now();
  const token: ApiToken = {
    id: deps.newId(),
    userId: user.id,
    name,
    tokenHash: sha256(secret),
    scopes: [...new Set(scopes)],
    createdAt: now.toISOString(),
    expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.catalog.accounts.createToken(token);
  return { token, secret };
}

/** Creates an API token for the signed-in person; the secret is returned once and only its hash is kept. */
export async function createToken(deps: Deps, p: Principal, input: unknown): Promise<{ token: ApiToken; secret: string }> {
  requireUser(p, 'Creating an API token');
  if (p.via === 'token' && !p.scopes.includes('admin')) throw new AppError('forbidden', 'Only a session or a token with the admin scope may create tokens.');
  const parsed = newTokenFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The token is', parsed.error);
  const wider = parsed.data.scopes.filter((s) => !p.scopes.includes(s));
  if (wider.length) throw new AppError('forbidden', `A token cannot grant scopes its creator lacks: ${wider.join(', ')}.`);
  const user = await deps.catalog.accounts.getUser(p.userId);
  if (!user) throw notFound('Account', p.userId);
  return issue(deps, user, parsed.data.name, parsed.data.scopes, parsed.data.expires_in_days);
}

export async function listTokens(deps: Deps, p: Principal): Promise<ApiToken[]> {
  requireUser(p, 'Listing API tokens');
  return deps.catalog.accounts.listTokens(p.userId);
}

/** Revokes one of the caller's tokens (site admins may revoke anyone's). */
export async function revokeToken(deps: Deps, p: Principal, id: string): Promise<void> {
  requireUser(p, 'Revoking an API token');
  if (p.via === 'token' && !p.scopes.includes('admin')) throw new AppError('forbidden', 'Only a session or a token with the admin scope may revoke tokens.');
  const token = await deps.catalog.accounts.getToken(id);
  if (!token || (token.userId !== p.userId && !(p as UserPrincipal).isSiteAdmin)) throw notFound('API token', id);
  await deps.catalog.accounts.revokeToken(id, deps.clock.now().toISOString());
}

export const SITE_ADMIN_EMAIL = 'admin@localhost';

/**
 * For the command line and the first start: a token with every scope for the
 * site administrator account, which is created (without a password) when missing.
 */
export async function createAdminToken(deps: Deps, name: string): Promise<{ id: string; token: string; userId: string }> {
  let user = await deps.catalog.accounts.findUserByEmail(SITE_ADMIN_EMAIL);
  if (!user) {
    user = { id: deps.newId(), email: SITE_ADMIN_EMAIL, name: 'Site administrator', passwordHash: null, isSiteAdmin: true, isModerator: false, failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: deps.clock.now().toISOString(), lastSignInAt: null };
    await deps.catalog.accounts.createUser(user);
  }
  const { token, secret } = await issue(deps, user, name, [...TOKEN_SCOPES], null);
  return { id: token.id, token: secret, userId: user.id };
}
