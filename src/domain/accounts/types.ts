/** A role someone holds in one organization; a higher role includes the lower ones. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an API token may do on its owner's behalf; a session may do everything its owner may. */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface User {
  id: string;
  /** Lowercased; unique. */
  email: string;
  name: string;
  /** scrypt hash (see actions/accounts/password.ts); null for accounts that cannot sign in with a password. */
  passwordHash: string | null;
  isSiteAdmin: boolean;
  /** Moderates the community areas (the problem inventory): triages, hides, merges. Site administrators do too. */
  isModerator: boolean;
  /** Failed sign-ins since the last success; reset on success. */
  failedSignIns: number;
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  /**
   * When the email address was confirmed; null while an account made by
   * signing up has not confirmed it. Left out when an account is created,
   * it counts as confirmed from its creation: administrators, the command
   * line and the demo make accounts for addresses they vouch for (ADR 34).
   */
  emailVerifiedAt?: string | null;
}

/** Whether the account's email address is confirmed (see User.emailVerifiedAt). */
export const emailVerified = (u: Pick<User, 'emailVerifiedAt'>): boolean => u.emailVerifiedAt !== null;

export interface Membership {
  organizationId: string;
  userId: string;
  role: Role;
  createdAt: string;
}

export interface Session {
  /** SHA-256 of the cookie value; the cookie itself is never stored. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordReset {
  /** SHA-256 of the token sent by email. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A link sent to confirm an account's email address. */
export interface EmailVerification {
  /** SHA-256 of the token sent by email. */
  tokenHash: string;
  userId: string;
  /** The address the link confirms; a link for an address the account no longer has confirms nothing. */
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export const roleRank = (r: Role): number => ROLES.indexOf(r);
export const roleAtLeast = (r: Role | undefined, min: Role): boolean => r !== undefined && roleRank(r) >= roleRank(min);

/** Each scope includes the ones before it: `admin` can also write and read, `write` can also read. */
export const expandScopes = (scopes: readonly TokenScope[]): TokenScope[] => {
  const top = Math.max(-1, ...scopes.map((s) => TOKEN_SCOPES.indexOf(s)));
  return TOKEN_SCOPES.slice(0, top + 1);
};
