import type { Redis } from 'ioredis';
import type { RateLimiter, RateLimitResult } from '../../ports/rate-limiter.ts';

/**
 * GCRA in one atomic script, the same arithmetic as the in-memory limiter
 * (src/http/rate-limit/limiter.ts): the key holds the time its bucket is full
 * again, on Redis's own clock so that every node agrees; it expires once the
 * bucket is full (never later than a window from now).
 * Returns {allowed, remaining, resetMs, retryAfterMs} as whole numbers.
 */
export const GCRA_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local eps = 0.000001
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = window / limit
local stored = tonumber(redis.call('GET', KEYS[1]))
local fullAt = now
if stored and stored > now then fullAt = stored end
local nextAt = fullAt + interval
if nextAt - now > window + eps then
  return {0, 0, math.ceil(fullAt - now), math.max(1, math.ceil(nextAt - window - now))}
end
local ttl = math.max(1, math.ceil(nextAt - now))
redis.call('SET', KEYS[1], string.format('%.3f', nextAt), 'PX', ttl)
local remaining = math.floor((window - (nextAt - now)) / interval + eps)
if remaining < 0 then remaining = 0 end
return {1, remaining, math.ceil(nextAt - now), 0}
`;

export interface RedisRateLimiterOptions {
  /** What the budgets count, the start of every key (`plaza:rl:<name>:<key>`), like `api` or `community`. */
  name: string;
  /** Prefix of every key (default `plaza:rl:`). */
  prefix?: string;
  /** Answers while Redis does not: this process's own limiter. */
  fallback: RateLimiter;
  /** Told once when Redis stops answering, and once when it answers again. */
  log: { info(fields: object, message: string): void; error(fields: object, message: string): void };
}

type GcraRedis = Redis & { plazaGcra(key: string, limit: number, windowMs: number): Promise<[number, number, number, number]> };

/**
 * Budgets counted in Redis, so that every web node spends from the same
 * one. A request is never refused or failed because Redis is down: while
 * Redis does not answer, the fallback (this process's in-memory limiter)
 * counts instead, and the log says so once.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: GcraRedis;
  private readonly prefix: string;
  private failing = false;

  constructor(redis: Redis, private readonly opts: RedisRateLimiterOptions) {
    if (!('plazaGcra' in redis)) redis.defineCommand('plazaGcra', { numberOfKeys: 1, lua: GCRA_SCRIPT });
    this.redis = redis as GcraRedis;
    this.prefix = `${opts.prefix ?? 'plaza:rl:'}${opts.name}:`;
  }

  /** Whether the last take was answered by the fallback. */
  get degraded(): boolean {
    return this.failing;
  }

  async take(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    if (limit <= 0) return { allowed: true, limit, remaining: Number.POSITIVE_INFINITY, resetMs: 0, retryAfterMs: 0 };
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}.`);
    try {
      const [allowed, remaining, resetMs, retryAfterMs] = await this.redis.plazaGcra(this.prefix + key, limit, windowMs);
      if (this.failing) {
        this.failing = false;
        this.opts.log.info({ limiter: this.opts.name }, 'Redis answers again: rate limits are shared by every node');
      }
      return { allowed: allowed === 1, limit, remaining, resetMs, retryAfterMs };
    } catch (err) {
      if (!this.failing) {
        this.failing = true;
        this.opts.log.error({ limiter: this.opts.name, err: (err as Error).message }, 'Redis does not answer: rate limits are counted by each node until it does');
      }
      return this.opts.fallback.take(key, limit, windowMs);
    }
  }
}
