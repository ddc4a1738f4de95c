import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { actorForToken, createAdminToken } from '../actions/auth/tokens.ts';
import type { Actor, Deps } from '../actions/deps.ts';

export const tokenFile = (dataDir: string): string => join(dataDir, 'admin-token.txt');

/**
 * The first start makes an admin token and keeps it in the data folder
 * (readable by its owner only) so the person who installed Plaza can sign in.
 */
export async function ensureFirstAdmin(deps: Deps, dataDir: string): Promise<{ actor: Actor; token: string; created: boolean }> {
  const file = tokenFile(dataDir);
  if (existsSync(file)) {
    const token = (await readFile(file, 'utf8')).trim();
    const actor = await actorForToken(deps, token);
    if (actor) return { actor, token, created: false };
  }
  const { id, token } = await createAdminToken(deps, 'first admin');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { actor: { kind: 'admin', tokenId: id, name: 'first admin' }, token, created: true };
}
