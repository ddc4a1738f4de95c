import type { FastifyRequest } from 'fastify';
import { principalForSession, principalForToken } from '../actions/auth/principal.ts';
import { sameSecret } from '../actions/auth/secrets.ts';
import { anonymous, type Deps, type Principal } from '../actions/deps.ts';
import type { Session } from '../domain/accounts/types.ts';
import { AppError } from '../domain/errors.ts';
import type { Assets } from './assets/bundles.ts';
import type { RecordsCache } from './api/records/answer-cache.ts';
import type { PageCache } from './pages/page-cache.ts';
import type { ApiRegistry } from './route.ts';
import { CSRF_FIELD, CSRF_HEADER, readCookie, SESSION_COOKIE } from './session-cookie.ts';

/** Everything a route needs, built once in the composition root. */
export interface HttpContext {
  deps: Deps;
  siteName: string;
  baseUrl: string;
  registry: ApiRegistry;
  /** The browser bundles pages load. */
  assets: Assets;
  /** Pages kept for visitors who are not signed in. */
  pages: PageCache;
  /** Records answers kept per version and query (made by `buildApp` when not given). */
  records?: RecordsCache;
}

export interface RequestIdentity {
  principal: Principal;
  /** Present when the request came with a valid session cookie. */
  session: Session | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const resolved = new WeakMap<FastifyRequest, Promise<RequestIdentity>>();

async function resolve(deps: Deps, req: FastifyRequest): Promise<RequestIdentity> {
  const header = req.headers.authorization;
  if (header) {
    // "Bearer <token>", or the bare token as CKAN's clients send it.
    const m = /^(?:Bearer\s+)?(\S+)$/i.exec(header.trim());
    if (!m?.[1] || /^bearer$/i.test(m[1])) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>" (or the token alone, as CKAN clients send it).');
    return { principal: await principalForToken(deps, m[1]), session: undefined };
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie) return { principal: anonymous, session: undefined };
  const found = await principalForSession(deps, cookie);
  return found ? { principal: found.principal, session: found.session } : { principal: anonymous, session: undefined };
}

/** Who sent the request (bearer token first, then the session cookie), resolved once per request. */
export function identityOf(deps: Deps, req: FastifyRequest): Promise<RequestIdentity> {
  let p = resolved.get(req);
  if (!p) {
    p = resolve(deps, req);
    resolved.set(req, p);
  }
  return p;
}

/**
 * The request's principal. A request that changes something on the strength
 * of a session cookie must carry the session's CSRF token, in the
 * `X-CSRF-Token` header or a `_csrf` form field; token requests need none.
 */
export async function actorOf(deps: Deps, req: FastifyRequest): Promise<Principal> {
  const { principal, session } = await identityOf(deps, req);
  if (session && !SAFE_METHODS.has(req.method)) {
    const body = req.body as Record<string, unknown> | undefined;
    const sent = (req.headers[CSRF_HEADER] as string | undefined) ?? (typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined);
    if (!sent || !sameSecret(sent, session.csrfToken)) {
      throw new AppError('csrf_failed', 'This form or request is missing its security token (CSRF). Reload the page and try again; API clients send the token from GET /api/v1/session in the X-CSRF-Token header.');
    }
  }
  return principal;
}
