import type { FastifyRequest } from 'fastify';
import { actorForToken } from '../actions/auth/tokens.ts';
import { anonymous, type Actor, type Deps } from '../actions/deps.ts';
import { AppError } from '../domain/errors.ts';

/** Who sent the request: an admin token in `Authorization: Bearer`, or nobody. */
export async function actorOf(deps: Deps, req: FastifyRequest): Promise<Actor> {
  const header = req.headers.authorization;
  if (!header) return anonymous;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>".');
  const actor = await actorForToken(deps, m[1]);
  if (!actor) throw new AppError('unauthorized', 'The API token is not valid. Create one with `plaza admin create`.');
  return actor;
}

/** Everything a route needs, built once in the composition root. */
export interface HttpContext {
  deps: Deps;
  siteName: string;
  baseUrl: string;
}
