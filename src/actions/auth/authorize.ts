import type { Principal, UserPrincipal } from '../../domain/accounts/principal.ts';
import { AppError } from '../../domain/errors.ts';

/** 401 for nobody, so clients know to sign in or send a token. */
export function requireUser(p: Principal, doing = 'This'): asserts p is UserPrincipal {
  if (p.kind !== 'user') throw new AppError('unauthorized', `${doing} needs you to sign in, or to send an API token as "Authorization: Bearer <token>".`);
}

/** 401 when nobody is signed in, 403 when someone is but may not. */
export function deny(p: Principal, message: string): never {
  requireUser(p, 'This');
  throw new AppError('forbidden', message);
}
