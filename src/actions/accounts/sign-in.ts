import { z } from 'zod';
import type { Session, User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { randomSecret, sha256 } from '../auth/secrets.ts';
import type { Deps } from '../deps.ts';
import { dummyHash, verifyPassword } from './password.ts';

/** Failed sign-ins in a row that lock an account. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a locked account stays locked. */
export const LOCK_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const signInFields = z.object({
  email: z.string({ message: 'Enter your email address.' }).trim().toLowerCase().min(1, 'Enter your email address.').max(254),
  password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(1000),
});

export interface SignedIn {
  /** The cookie value; only its SHA-256 is stored (as the session id). */
  sessionSecret: string;
  session: Session;
  user: User;
}

const badCredentials = (): AppError => new AppError('bad_credentials', 'The email address or the password is not right.');

/** A readable UTC time: "2025-03-01 14:05 UTC". */
export const utcMinute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const locked = (until: string): AppError =>
  new AppError(
    'account_locked',
    `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins in a row, until ${utcMinute(until)}. Try again then, or reset your password.`,
    { locked_until: until },
  );

/**
 * Signs a person in with their email and password and opens a session.
 *
 * An unknown email and a wrong password get the same answer and take the same
 * time (the password is checked against a dummy hash when there is no account).
 * Five failures in a row lock the account for 15 minutes; while it is locked
 * even the right password is refused. A success clears the count.
 */
export async function signIn(deps: Deps, input: unknown): Promise<SignedIn> {
  const parsed = signInFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The sign-in is', parsed.error);
  const { email, password } = parsed.data;

  const user = await deps.catalog.accounts.findUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user) throw badCredentials();

  const now = deps.clock.now();
  const lockActive = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now.getTime();
  if (lockActive) throw locked(user.lockedUntil as string);

  if (!ok || user.passwordHash === null) {
    // A lock that has run out starts the count again.
    const failures = (user.lockedUntil ? 0 : user.failedSignIns) + 1;
    if (failures >= MAX_FAILED_SIGN_INS) {
      const until = new Date(now.getTime() + LOCK_MS).toISOString();
      await deps.catalog.accounts.updateUser(user.id, { failedSignIns: failures, lockedUntil: until });
      throw locked(until);
    }
    await deps.catalog.accounts.updateUser(user.id, { failedSignIns: failures, lockedUntil: null });
    throw badCredentials();
  }
  if (user.disabled) throw new AppError('forbidden', 'This account is disabled. Ask a site administrator to enable it again.');

  const at = now.toISOString();
  const sessionSecret = randomSecret();
  const session: Session = {
    id: sha256(sessionSecret),
    userId: user.id,
    csrfToken: randomSecret(),
    createdAt: at,
    expiresAt: new Date(now.getTime() + deps.site.sessionDays * DAY_MS).toISOString(),
    lastSeenAt: at,
  };
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.createSession(session);
    await tx.accounts.updateUser(user.id, { failedSignIns: 0, lockedUntil: null, lastSignInAt: at });
  });
  return { sessionSecret, session, user: { ...user, failedSignIns: 0, lockedUntil: null, lastSignInAt: at } };
}

/** Ends one session (by its stored id, the SHA-256 of the cookie). */
export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await deps.catalog.accounts.deleteSession(sessionId);
}
