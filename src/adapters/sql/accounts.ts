import type { ApiToken, EmailVerification, Membership, PasswordReset, Session, User } from '../../domain/accounts/types.ts';
import type { AccountStore, UserPatch } from '../../ports/store/accounts.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';
import { toEmailVerification, toMembership, toPasswordReset, toSession, toToken, toUser } from './rows.ts';

const flag = (b: boolean): number => (b ? 1 : 0);

/** People, memberships, sessions, API tokens and password resets on SQL. */
export class SqlAccounts implements AccountStore {
  static readonly effects: Effects<AccountStore> = {
    createUser: 'writes',
    getUser: 'reads',
    findUserByEmail: 'reads',
    listUsers: 'reads',
    updateUser: 'writes',
    countUsers: 'reads',
    putMembership: 'writes',
    removeMembership: 'writes',
    listMemberships: 'reads',
    listMembers: 'reads',
    createSession: 'writes',
    getSession: 'reads',
    touchSession: 'writes',
    deleteSession: 'writes',
    deleteUserSessions: 'writes',
    createToken: 'writes',
    findTokenByHash: 'reads',
    getToken: 'reads',
    listTokens: 'reads',
    revokeToken: 'writes',
    touchToken: 'writes',
    countTokens: 'reads',
    createPasswordReset: 'writes',
    findPasswordReset: 'reads',
    usePasswordReset: 'writes',
    countPasswordResets: 'reads',
    createEmailVerification: 'writes',
    findEmailVerification: 'reads',
    useEmailVerification: 'writes',
    countEmailVerifications: 'reads',
    purgeExpired: 'writes',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createUser(u: User): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        email: u.email.toLowerCase(),
        name: u.name,
        password_hash: u.passwordHash,
        is_site_admin: flag(u.isSiteAdmin),
        is_moderator: flag(u.isModerator),
        failed_sign_ins: u.failedSignIns,
        locked_until: u.lockedUntil,
        disabled: flag(u.disabled),
        created_at: u.createdAt,
        last_sign_in_at: u.lastSignInAt,
        email_verified_at: u.emailVerifiedAt === undefined ? u.createdAt : u.emailVerifiedAt,
      })
      .execute();
  }

  async getUser(id: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    return r && toUser(r);
  }

  async listUsers(q: { limit: number; offset: number }): Promise<{ total: number; results: User[] }> {
    const total = await this.db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('users').selectAll().orderBy('email').limit(q.limit).offset(q.offset).execute();
    return { total: Number(total.n), results: rows.map(toUser) };
  }

  async updateUser(id: string, p: UserPatch): Promise<void> {
    const values = {
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.passwordHash !== undefined ? { password_hash: p.passwordHash } : {}),
      ...(p.isSiteAdmin !== undefined ? { is_site_admin: flag(p.isSiteAdmin) } : {}),
      ...(p.isModerator !== undefined ? { is_moderator: flag(p.isModerator) } : {}),
      ...(p.failedSignIns !== undefined ? { failed_sign_ins: p.failedSignIns } : {}),
      ...(p.lockedUntil !== undefined ? { locked_until: p.lockedUntil } : {}),
      ...(p.disabled !== undefined ? { disabled: flag(p.disabled) } : {}),
      ...(p.lastSignInAt !== undefined ? { last_sign_in_at: p.lastSignInAt } : {}),
      ...(p.emailVerifiedAt !== undefined ? { email_verified_at: p.emailVerifiedAt } : {}),
    };
    if (Object.keys(values).length) await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  async countUsers(): Promise<number> {
    const r = await this.db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async putMembership(m: Membership): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ organization_id: m.organizationId, user_id: m.userId, role: m.role, created_at: m.createdAt })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ role: m.role }))
      .execute();
  }

  async removeMembership(organizationId: string, userId: string): Promise<void> {
    await this.db.deleteFrom('memberships').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
  }

  async listMemberships(userId: string): Promise<Membership[]> {
    return (await this.db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute()).map(toMembership);
  }

  async listMembers(organizationId: string): Promise<Array<Membership & { user: User }>> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .selectAll('users')
      .select(['memberships.organization_id', 'memberships.user_id', 'memberships.role', 'memberships.created_at as member_since'])
      .where('memberships.organization_id', '=', organizationId)
      .orderBy('users.email')
      .execute();
    return rows.map((r) => ({ ...toMembership({ organization_id: r.organization_id, user_id: r.user_id, role: r.role, created_at: r.member_since }), user: toUser(r) }));
  }

  async createSession(s: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.lastSeenAt })
      .execute();
  }

  async getSession(id: string): Promise<Session | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSession(r);
  }

  async touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async createToken(t: ApiToken): Promise<void> {
    await this.db
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

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && toToken(r);
  }

  async getToken(id: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toToken(r);
  }

  async listTokens(userId: string): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()).map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async countTokens(): Promise<number> {
    const r = await this.db.selectFrom('api_tokens').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createPasswordReset(r: PasswordReset): Promise<void> {
    await this.db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, created_at: r.createdAt, expires_at: r.expiresAt, used_at: r.usedAt }).execute();
  }

  async findPasswordReset(tokenHash: string): Promise<PasswordReset | undefined> {
    const r = await this.db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r && toPasswordReset(r);
  }

  async usePasswordReset(tokenHash: string, at: string): Promise<void> {
    await this.db.updateTable('password_resets').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async countPasswordResets(userId: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom('password_resets')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createEmailVerification(v: EmailVerification): Promise<void> {
    await this.db
      .insertInto('email_verifications')
      .values({ token_hash: v.tokenHash, user_id: v.userId, email: v.email.toLowerCase(), created_at: v.createdAt, expires_at: v.expiresAt, used_at: v.usedAt })
      .execute();
  }

  async findEmailVerification(tokenHash: string): Promise<EmailVerification | undefined> {
    const r = await this.db.selectFrom('email_verifications').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r && toEmailVerification(r);
  }

  async useEmailVerification(tokenHash: string, at: string): Promise<boolean> {
    const used = await this.db.updateTable('email_verifications').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).returning(['user_id', 'email']).executeTakeFirst();
    if (!used) return false;
    await this.db.updateTable('users').set({ email_verified_at: at }).where('id', '=', used.user_id).where('email', '=', used.email).where('email_verified_at', 'is', null).execute();
    return true;
  }

  async countEmailVerifications(userId: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom('email_verifications')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async purgeExpired(at: string): Promise<number> {
    const sessions = await this.db.deleteFrom('sessions').where('expires_at', '<', at).executeTakeFirst();
    const resets = await this.db.deleteFrom('password_resets').where('expires_at', '<', at).executeTakeFirst();
    const verifications = await this.db.deleteFrom('email_verifications').where('expires_at', '<', at).executeTakeFirst();
    return Number(sessions.numDeletedRows) + Number(resets.numDeletedRows) + Number(verifications.numDeletedRows);
  }
}
