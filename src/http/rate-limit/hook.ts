import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.ts';
import type { RateLimiter, RateLimitResult } from '../../ports/rate-limiter.ts';

/** Who is asking and how many requests per window they get; null means the request is not limited. */
export type RateLimitKeyOf = (req: FastifyRequest) => Promise<{ key: string; limit: number } | null>;

/**
 * A Fastify `onRequest` hook that spends one request from the caller's budget.
 * Allowed requests carry `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds until the full budget is back). Refused ones are
 * answered here with 429, the same headers, `Retry-After` in seconds and a
 * `rate_limited` error body; the route never runs.
 */
export function rateLimitHook(limiter: RateLimiter, keyOf: RateLimitKeyOf, windowMs: number) {
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}.`);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const who = await keyOf(req);
    if (who === null || who.limit <= 0) return undefined;

    const result = await limiter.take(who.key, who.limit, windowMs);
    setHeaders(reply, result);
    if (result.allowed) return undefined;

    const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    const message = `Too many requests: the limit is ${result.limit} ${perWindow(windowMs)}. Try again in ${plural(retryAfterSeconds, 'second')}.`;
    void reply
      .code(429)
      .header('Retry-After', String(retryAfterSeconds))
      .send(errorBody('rate_limited', message, { limit: result.limit, retry_after_seconds: retryAfterSeconds }));
    return reply;
  };
}

function setHeaders(reply: FastifyReply, result: RateLimitResult): void {
  reply.header('RateLimit-Limit', String(result.limit));
  reply.header('RateLimit-Remaining', String(result.remaining));
  reply.header('RateLimit-Reset', String(Math.ceil(result.resetMs / 1000)));
}

const UNITS: [ms: number, name: string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/** Phrases a window in words: "per minute", "per 15 minutes", "per 1500 milliseconds". */
export function perWindow(windowMs: number): string {
  for (const [ms, name] of UNITS) {
    if (windowMs % ms !== 0) continue;
    const count = windowMs / ms;
    return count === 1 ? `per ${name}` : `per ${count} ${name}s`;
  }
  return `per ${windowMs} milliseconds`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
