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

/** An account with roles in organizations (by id) and an API token, made through the store and the token action. */
export async function makePerson(t: TestPlaza, opts: { name?: string; roles?: Record<string, Role>; siteAdmin?: boolean; scopes?: TokenScope[] } = {}): Promise<Person> {
  n++;
  const now = t.deps.clock.now().toISOString();
  const user: User = {
    id: t.deps.newId(),
    email: `person${n}-${Date.now()}@example.org`,
    name: opts.name ?? `Person ${n}`,
    passwordHash: null,
    isSiteAdmin: opts.siteAdmin ?? false,
    failedSignIns: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: now,
    lastSignInAt: null,
  };
  await t.deps.catalog.createUser(user);
  for (const [organizationId, role] of Object.entries(opts.roles ?? {})) await t.deps.catalog.putMembership({ organizationId, userId: user.id, role, createdAt: now });
  const session = await principalFor(t.deps, user, 'session', [...TOKEN_SCOPES], null);
  const { secret } = await createToken(t.deps, session, { name: 'test', scopes: opts.scopes ?? [...TOKEN_SCOPES] });
  return { user, token: secret, principal: session, auth: { authorization: `Bearer ${secret}` } };
}
