import { randomBytes } from 'node:crypto';
import type { Case } from './table.ts';
import type { CoreActor } from './world.ts';

/**
 * Forged credentials (ADR 8). A change made on the strength of a session
 * cookie must carry that session's CSRF token: a token of the right shape
 * that no session holds, or another person's, is refused (403 csrf_failed).
 * A session cookie of the right shape that names no session is nobody
 * signed in: every read answers it as it answers an anonymous caller.
 */

/** Secrets as Plaza makes them (24 random bytes, base64url), held by no session. */
export const forgedSecret = (): string => randomBytes(24).toString('base64url');

/**
 * Routes that change something without acting for the session of the
 * cookie: they act on what the body carries, so a CSRF token has nothing to
 * protect. Any other route that changes something is tried with forged tokens.
 */
export const ACTS_ON_THE_BODY: Record<string, string> = {
  'POST /api/v1/session': 'signs in with the email and password sent (and ends the session of the cookie it replaces)',
  'POST /api/v1/account': 'creates an account from the email, name and password sent',
  'POST /api/v1/password-reset': 'emails a link to the address sent',
  'POST /api/v1/password-reset/confirm': 'sets a password with the secret of an emailed link',
  'POST /api/v1/account/verification/confirm': 'confirms an email address with the secret of an emailed link',
};

/** The people of the matrix who sign in with a password and a cookie, the first to try first. */
const SIGNED_IN: CoreActor[] = ['editor', 'orgAdmin', 'viewer', 'otherEditor', 'siteAdmin'];

/** The first case of a route in which someone signed in with a cookie gets a 2xx, and who that is. */
export function caseForSession(cases: Case[]): { c: Case; who: CoreActor } | undefined {
  for (const c of cases) {
    const who = SIGNED_IN.find((a) => c.expect[a] >= 200 && c.expect[a] < 300);
    if (who) return { c, who };
  }
  return undefined;
}

/** The error code of an API answer, or '' when it has none. */
export function codeOf(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}
