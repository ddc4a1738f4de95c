import type { ApiToken, Membership, PasswordReset, Session, User } from '../../domain/accounts/types.ts';
import type { UserPatch } from '../../ports/store/accounts.ts';
import type { Db } from './dialect.ts';
import { toMembership, toPasswordReset, toSession, toToken, toUser } from './rows.ts';

const flag = (b: boolean): number => (b ? 1 : 0);

export async function createUser(db: Db, u: User): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email.toLowerCase(),
      name: u.name,
      password_hash: u.passwordHash,
      is_site_admin: flag(u.isSiteAdmin),
      failed_sign_ins: u.failedSignIns,
      locked_until: u.lockedUntil,
      disabled: flag(u.disabled),
      created_at: u.createdAt,
      last_sign_in_at: u.lastSignInAt,
    })
    .execute();
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return r && toUser(r);
}

export async function listUsers(db: Db, q: { limit: number; offset: number }): Promise<{ total: number; results: User[] }> {
  const total = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('users').selectAll().orderBy('email').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), results: rows.map(toUser) };
}

export async function updateUser(db: Db, id: string, p: UserPatch): Promise<void> {
  const values = {
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.passwordHash !== undefined ? { password_hash: p.passwordHash } : {}),
    ...(p.isSiteAdmin !== undefined ? { is_site_admin: flag(p.isSiteAdmin) } : {}),
    ...(p.failedSignIns !== undefined ? { failed_sign_ins: p.failedSignIns } : {}),
    ...(p.lockedUntil !== undefined ? { locked_until: p.lockedUntil } : {}),
    ...(p.disabled !== undefined ? { disabled: flag(p.disabled) } : {}),
    ...(p.lastSignInAt !== undefined ? { last_sign_in_at: p.lastSignInAt } : {}),
  };
  if (Object.keys(values).length) await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function putMembership(db: Db, m: Membership): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ organization_id: m.organizationId, user_id: m.userId, role: m.role, created_at: m.createdAt })
    .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ role: m.role }))
    .execute();
}

export async function removeMembership(db: Db, organizationId: string, userId: string): Promise<void> {
  await db.deleteFrom('memberships').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
}

export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  return (await db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute()).map(toMembership);
}

export async function listMembers(db: Db, organizationId: string): Promise<Array<Membership & { user: User }>> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('users')
    .select(['memberships.organization_id', 'memberships.user_id', 'memberships.role', 'memberships.created_at as member_since'])
    .where('memberships.organization_id', '=', organizationId)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ ...toMembership({ organization_id: r.organization_id, user_id: r.user_id, role: r.role, created_at: r.member_since }), user: toUser(r) }));
}

export async function createSession(db: Db, s: Session): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.lastSeenAt })
    .execute();
}

export async function getSession(db: Db, id: string): Promise<Session | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSession(r);
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function createToken(db: Db, t: ApiToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      scopes: JSON.stringify(t.scopes),
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      last_used_at: t.lastUsedAt,
      revoked_at: t.revokedAt,
    })
    .execute();
}

export async function findTokenByHash(db: Db, hash: string): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  return r && toToken(r);
}

export async function getToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toToken(r);
}

export async function listTokens(db: Db, userId: string): Promise<ApiToken[]> {
  return (await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()).map(toToken);
}

export async function revokeToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function countTokens(db: Db): Promise<number> {
  const r = await db.selectFrom('api_tokens').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function createPasswordReset(db: Db, r: PasswordReset): Promise<void> {
  await db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, created_at: r.createdAt, expires_at: r.expiresAt, used_at: r.usedAt }).execute();
}

export async function findPasswordReset(db: Db, tokenHash: string): Promise<PasswordReset | undefined> {
  const r = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toPasswordReset(r);
}

export async function usePasswordReset(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function countPasswordResets(db: Db, userId: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('password_resets')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function purgeExpired(db: Db, at: string): Promise<number> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', at).executeTakeFirst();
  const resets = await db.deleteFrom('password_resets').where('expires_at', '<', at).executeTakeFirst();
  return Number(sessions.numDeletedRows) + Number(resets.numDeletedRows);
}
