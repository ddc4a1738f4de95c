import type { ApiToken, EmailVerification, Membership, PasswordReset, Session, User } from '../../domain/accounts/types.ts';

export type UserPatch = Partial<Pick<User, 'name' | 'passwordHash' | 'isSiteAdmin' | 'isModerator' | 'failedSignIns' | 'lockedUntil' | 'disabled' | 'lastSignInAt' | 'emailVerifiedAt'>>;

/** People, their roles, sessions, API tokens and password resets. */
export interface AccountStore {
  createUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  /** By email, compared lowercased. */
  findUserByEmail(email: string): Promise<User | undefined>;
  listUsers(query: { limit: number; offset: number }): Promise<{ total: number; results: User[] }>;
  updateUser(id: string, patch: UserPatch): Promise<void>;
  countUsers(): Promise<number>;

  /** Adds or changes a membership. */
  putMembership(m: Membership): Promise<void>;
  removeMembership(organizationId: string, userId: string): Promise<void>;
  listMemberships(userId: string): Promise<Membership[]>;
  listMembers(organizationId: string): Promise<Array<Membership & { user: User }>>;

  createSession(s: Session): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Signs a user out everywhere (after a password change). */
  deleteUserSessions(userId: string): Promise<void>;

  createToken(token: ApiToken): Promise<void>;
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  listTokens(userId: string): Promise<ApiToken[]>;
  getToken(id: string): Promise<ApiToken | undefined>;
  revokeToken(id: string, at: string): Promise<void>;
  touchToken(id: string, at: string): Promise<void>;
  countTokens(): Promise<number>;

  createPasswordReset(r: PasswordReset): Promise<void>;
  findPasswordReset(tokenHash: string): Promise<PasswordReset | undefined>;
  usePasswordReset(tokenHash: string, at: string): Promise<void>;
  /** How many resets were created for a user at or after `since` (to limit how often they are sent). */
  countPasswordResets(userId: string, since: string): Promise<number>;
  createEmailVerification(v: EmailVerification): Promise<void>;
  findEmailVerification(tokenHash: string): Promise<EmailVerification | undefined>;
  /**
   * Marks a link used and the account's address confirmed at `at`, once: false
   * when the link was used already (two uses at once: one wins).
   */
  useEmailVerification(tokenHash: string, at: string): Promise<boolean>;
  /** How many confirmation links were created for a user at or after `since` (to limit how often they are sent). */
  countEmailVerifications(userId: string, since: string): Promise<number>;

  /** Deletes sessions, password-reset and confirmation links that expired before `at`; returns how many. */
  purgeExpired(at: string): Promise<number>;
}
