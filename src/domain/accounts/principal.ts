import type { Role, TokenScope } from './types.ts';

/** The signed-in person as the rules see them. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  name: string;
  email: string;
  isSiteAdmin: boolean;
  /** Moderates the community areas (see User.isModerator). */
  isModerator: boolean;
  /** The account's email address is confirmed (see User.emailVerifiedAt). */
  emailVerified: boolean;
  /** Role per organization id. */
  roles: Record<string, Role>;
  via: 'session' | 'token';
  /** A session carries every scope; a token carries its own. */
  scopes: TokenScope[];
  tokenId: string | null;
}

/** Who is asking: nobody in particular, or a user through a session or a token. */
export type Principal = { kind: 'anonymous' } | UserPrincipal;

export const anonymous: Principal = { kind: 'anonymous' };

export const isUser = (p: Principal): p is UserPrincipal => p.kind === 'user';
