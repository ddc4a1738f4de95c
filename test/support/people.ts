import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { createToken } from '../../src/actions/auth/tokens.ts';
import { TOKEN_SCOPES, type Role, type TokenScope, type User } from '../../src/domain/accounts/types.ts';
import type { UserPrincipal } from '../../src/domain/accounts/principal.ts';
import type { TestPlaza } from './plaza.ts';

export interface Person {
  user: User;
  /** A bearer token with the scopes asked for (default: all three). */
  token: string;
  principal: UserPrincipal;
  auth: { authorization: string };
}

let n = 0;

/**
 * An account with roles in organizations (by id) and an API token, made
 * through the store and the token action; its email address is confirmed
 * unless `unverified` is set.
 */
export async function makePerson(t: TestPlaza, opts: { name?: string; roles?: Record<string, Role>; siteAdmin?: boolean; moderator?: boolean; scopes?: TokenScope[]; unverified?: boolean } = {}): Promise<Person> {
  n++;
  const now = t.deps.clock.now().toISOString();
  const user: User = {
    id: t.deps.newId(),
    email: `person${n}-${Date.now()}@example.org`,
    name: opts.name ?? `Person ${n}`,
    passwordHash: null,
    isSiteAdmin: opts.siteAdmin ?? false,
    isModerator: opts.moderator ?? false,
    failedSignIns: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: now,
    lastSignInAt: null,
    emailVerifiedAt: opts.unverified ? null : now,
  };
  await t.deps.catalog.accounts.createUser(user);
  for (const [organizationId, role] of Object.entries(opts.roles ?? {})) await t.deps.catalog.accounts.putMembership({ organizationId, userId: user.id, role, createdAt: now });
  const session = await principalFor(t.deps, user, 'session', [...TOKEN_SCOPES], null);
  const { secret } = await createToken(t.deps, session, { name: 'test', scopes: opts.scopes ?? [...TOKEN_SCOPES] });
  return { user, token: secret, principal: session, auth: { authorization: `Bearer ${secret}` } };
}

/** A browser's session: its cookie (`plaza_session=…`) and the CSRF token its forms carry. */
export interface Session {
  cookie: string;
  csrf: string;
}

/**
 * Gives the person a password and signs them in through the API, as the
 * sign-in form does; `remoteAddress` spreads sign-ins over addresses where a
 * test signs in more often than the per-address throttle allows.
 */
export async function signIn(t: TestPlaza, app: FastifyInstance, who: Person, password: string, remoteAddress?: string): Promise<Session> {
  await t.deps.catalog.accounts.updateUser(who.user.id, { passwordHash: await hashPassword(password) });
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', ...(remoteAddress ? { remoteAddress } : {}), payload: { email: who.user.email, password } });
  if (res.statusCode !== 200) throw new Error(`Signing in ${who.user.email} answered ${res.statusCode}: ${res.body}`);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='));
  if (!set) throw new Error('Signing in set no session cookie.');
  return { cookie: set.split(';')[0]!, csrf: (res.json() as { csrf_token: string }).csrf_token };
}

/** Marks an account's email address confirmed, as its confirmation link does; for tests that sign people up through `register`. */
export async function markEmailConfirmed(t: TestPlaza, user: Pick<User, 'id'>): Promise<void> {
  await t.deps.catalog.accounts.updateUser(user.id, { emailVerifiedAt: t.deps.clock.now().toISOString() });
}
