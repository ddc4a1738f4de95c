import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Deps } from '../deps.ts';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Creates an admin API token; the plain token is returned once and only its hash is kept. */
export async function createAdminToken(deps: Deps, name: string): Promise<{ id: string; token: string }> {
  const token = `plz_${randomBytes(24).toString('base64url')}`;
  const id = deps.newId();
  await deps.catalog.createToken({ id, name, tokenHash: hash(token), scope: 'admin', createdAt: deps.clock.now().toISOString() });
  return { id, token };
}

/** Resolves a bearer token to an actor; unknown tokens are anonymous. */
export async function actorForToken(deps: Deps, token: string | undefined): Promise<Actor | undefined> {
  if (!token) return undefined;
  const found = await deps.catalog.findTokenByHash(hash(token));
  return found ? { kind: 'admin', tokenId: found.id, name: found.name } : undefined;
}
