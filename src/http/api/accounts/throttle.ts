import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../actions/deps.ts';
import { rateLimitHook } from '../../rate-limit/hook.ts';
import { RateLimiter, type RateLimitResult } from '../../rate-limit/limiter.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Per-address budgets for the requests that guess or send mail, shared by the API and the pages. */
export const THROTTLES = {
  signIn: { name: 'sign-in', limit: 10, windowMs: MINUTE },
  passwordReset: { name: 'password-reset', limit: 5, windowMs: HOUR },
  register: { name: 'register', limit: 20, windowMs: HOUR },
} as const;

export type ThrottleKind = keyof typeof THROTTLES;

const limiters = new WeakMap<Deps, RateLimiter>();

/** One limiter per running portal, on the portal's clock. */
function limiterFor(deps: Deps): RateLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new RateLimiter({ now: () => deps.clock.now().getTime() });
    limiters.set(deps, limiter);
  }
  return limiter;
}

const keyOf = (kind: ThrottleKind, req: FastifyRequest): string => `${THROTTLES[kind].name}:${req.ip}`;

/** A hook that answers 429 with Retry-After once the caller's address has spent its budget; call it first in a handler. */
export function throttleHook(deps: Deps, kind: ThrottleKind) {
  const t = THROTTLES[kind];
  return rateLimitHook(limiterFor(deps), async (req) => ({ key: keyOf(kind, req), limit: t.limit }), t.windowMs);
}

/** Spends one request of the caller's budget; for pages, which answer in HTML. */
export function takeThrottle(deps: Deps, kind: ThrottleKind, req: FastifyRequest): RateLimitResult {
  const t = THROTTLES[kind];
  return limiterFor(deps).take(keyOf(kind, req), t.limit, t.windowMs);
}
