import { AppError } from '../../domain/errors.ts';
import { hashPassword } from '../accounts/password.ts';
import type { Deps } from '../deps.ts';
import { randomSecret } from './secrets.ts';
import { SITE_ADMIN_EMAIL } from './tokens.ts';

/** A random password and its hash, made ahead of need. */
export interface NewPassword {
  password: string;
  passwordHash: string;
}

/**
 * A new random password, hashed. Hashing is slow on purpose; a command that
 * will make the first administrator starts it while the catalog opens.
 */
export async function newPassword(): Promise<NewPassword> {
  const password = randomSecret().slice(0, 20);
  return { password, passwordHash: await hashPassword(password) };
}

/**
 * Gives the site administrator account a random password when it has none,
 * so the person who installed Plaza can sign in on the web. Returns the
 * password once; undefined when the account already had one. `made` is a
 * password begun earlier (see `newPassword`).
 */
export async function ensureAdminPassword(deps: Deps, made?: Promise<NewPassword>): Promise<{ email: string; password: string } | undefined> {
  const user = await deps.catalog.accounts.findUserByEmail(SITE_ADMIN_EMAIL);
  if (!user || user.passwordHash) return undefined;
  const { password, passwordHash } = await (made ?? newPassword());
  await deps.catalog.accounts.updateUser(user.id, { passwordHash });
  return { email: user.email, password };
}

/**
 * For the command line: gives an account (by default the site
 * administrator) a new random password, unlocks it and signs it out
 * everywhere. Returns the password once.
 */
export async function resetPasswordFromConsole(deps: Deps, email = SITE_ADMIN_EMAIL): Promise<{ email: string; password: string }> {
  const user = await deps.catalog.accounts.findUserByEmail(email);
  if (!user) throw new AppError('not_found', `There is no account with the email ${email}.`, { email });
  const password = randomSecret().slice(0, 20);
  await deps.catalog.accounts.updateUser(user.id, { passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null });
  await deps.catalog.accounts.deleteUserSessions(user.id);
  return { email: user.email, password };
}
