import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import { canTakePart } from '../../domain/community/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Principal } from '../deps.ts';

/** The answer to an account whose email address is not confirmed, when it tries to post, vote or comment. */
export const CONFIRM_EMAIL_FIRST = 'Confirm your email address first: open the link we emailed you when you signed up, or ask for a new one on your account page.';

/**
 * Lets through those who may post, vote and comment (see canTakePart), and
 * tells the others why not: sign in (401), a token without the write scope,
 * or an address not yet confirmed (403, with `details.reason` "email_unverified").
 */
export function requireTakingPart(p: Principal, doing: string): asserts p is UserPrincipal {
  requireUser(p, doing);
  if (!p.scopes.includes('write')) deny(p, `${doing} needs a token with the write scope.`);
  if (!p.emailVerified) throw new AppError('forbidden', CONFIRM_EMAIL_FIRST, { reason: 'email_unverified' });
  if (!canTakePart(p)) deny(p, `${doing} is not open to this account.`);
}
