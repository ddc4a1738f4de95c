import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { principalForToken } from '../actions/auth/principal.ts';
import { createAdminToken } from '../actions/auth/tokens.ts';
import type { Deps, Principal } from '../actions/deps.ts';
import { AppError } from '../domain/errors.ts';

export const tokenFile = (dataDir: string): string => join(dataDir, 'admin-token.txt');

/**
 * The first start makes a site administrator's token and keeps it in the data
 * folder (readable by its owner only) so the person who installed Plaza can
 * use the API and create accounts.
 */
export async function ensureFirstAdmin(deps: Deps, dataDir: string): Promise<{ principal: Principal; token: string; created: boolean }> {
  const file = tokenFile(dataDir);
  if (existsSync(file)) {
    const token = (await readFile(file, 'utf8')).trim();
    try {
      return { principal: await principalForToken(deps, token), token, created: false };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // A revoked or expired first token: make a new one.
    }
  }
  const { token } = await createAdminToken(deps, 'first admin');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { principal: await principalForToken(deps, token), token, created: true };
}
