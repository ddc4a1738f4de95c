import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../deps.ts';

/** Publishing needs an admin token; everyone may read published data. */
export function requireAdmin(actor: Actor): asserts actor is Extract<Actor, { kind: 'admin' }> {
  if (actor.kind === 'anonymous') {
    throw new AppError('unauthorized', 'This needs an admin API token: send it as "Authorization: Bearer <token>". Create one with `plaza admin create`.');
  }
}
