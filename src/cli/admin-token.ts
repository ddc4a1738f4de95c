import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { principalForToken } from '../actions/auth/principal.ts';
import { ensureAdminPassword, newPassword, type NewPassword } from '../actions/auth/first-password.ts';
import { createAdminToken, SITE_ADMIN_EMAIL } from '../actions/auth/tokens.ts';
import type { Deps, Principal } from '../actions/deps.ts';
import { AppError } from '../domain/errors.ts';

export const tokenFile = (dataDir: string): string => join(dataDir, 'admin-token.txt');
export const passwordFile = (dataDir: string): string => join(dataDir, 'admin-password.txt');

/**
 * The first start makes a site administrator's token and password and keeps
 * them in the data folder (readable by its owner only) so the person who
 * installed Plaza can use the API, sign in, and create accounts. `password`
 * is one begun by `firstPasswordAhead` while the catalog opened.
 */
/**
 * On a data folder without the first administrator's token, begins making
 * its password at once: hashing is slow on purpose, and runs on another
 * thread while the catalog opens. Undefined when the folder has the token.
 */
export function firstPasswordAhead(dataDir: string): Promise<NewPassword> | undefined {
  if (existsSync(tokenFile(dataDir))) return undefined;
  const made = newPassword();
  // Awaited by ensureFirstAdmin; a failure surfaces there, not as an unhandled rejection.
  made.catch(() => undefined);
  return made;
}

export async function ensureFirstAdmin(deps: Deps, dataDir: string, password?: Promise<NewPassword>): Promise<{ principal: Principal; token: string; created: boolean; email: string }> {
  const file = tokenFile(dataDir);
  if (existsSync(file)) {
    const token = (await readFile(file, 'utf8')).trim();
    try {
      return { principal: await principalForToken(deps, token), token, created: false, email: SITE_ADMIN_EMAIL };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // A revoked or expired first token: make a new one.
    }
  }
  const { token } = await createAdminToken(deps, 'first admin');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  const made = await ensureAdminPassword(deps, password);
  if (made) await writeFile(passwordFile(dataDir), `${made.password}\n`, { mode: 0o600 });
  return { principal: await principalForToken(deps, token), token, created: true, email: SITE_ADMIN_EMAIL };
}
