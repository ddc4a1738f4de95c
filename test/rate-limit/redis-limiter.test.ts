import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter.ts';
import { RateLimiter } from '../../src/http/rate-limit/limiter.ts';
import { ready, REDIS_TEST_URL, skipWithoutRedis, testRedis, uniquePrefix } from '../support/redis.ts';

const quiet = { info: () => undefined, error: () => undefined };
const memory = () => new RateLimiter({ now: () => Date.now() });

describe('rate limits counted in Redis', () => {
  let skip = false;
  beforeAll(async () => {
    skip = await skipWithoutRedis('the Redis rate limit tests');
  });

  it('are one budget for two limiters on two connections (two web nodes), refilled as GCRA', async (t) => {
    if (skip) return t.skip();
    const prefix = uniquePrefix();
    const [ra, rb] = [testRedis(), testRedis()];
    await Promise.all([ready(ra), ready(rb)]);
    try {
      const a = new RedisRateLimiter(ra, { name: 'api', prefix, fallback: memory(), log: quiet });
      const b = new RedisRateLimiter(rb, { name: 'api', prefix, fallback: memory(), log: quiet });
      const r1 = await a.take('ip:1', 3, 60_000);
      expect(r1).toMatchObject({ allowed: true, limit: 3, remaining: 2, retryAfterMs: 0 });
      expect((await b.take('ip:1', 3, 60_000)).remaining).toBe(1);
      expect((await a.take('ip:1', 3, 60_000)).remaining).toBe(0);
      const refused = await b.take('ip:1', 3, 60_000);
      expect(refused.allowed).toBe(false);
      // One request comes back every 20 s.
      expect(refused.retryAfterMs).toBeGreaterThan(19_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(20_000);
      expect(refused.resetMs).toBeGreaterThan(59_000);
      // Another key and another limit's name have budgets of their own.
      expect((await b.take('ip:2', 3, 60_000)).allowed).toBe(true);
      const community = new RedisRateLimiter(rb, { name: 'community', prefix, fallback: memory(), log: quiet });
      expect((await community.take('ip:1', 3, 60_000)).allowed).toBe(true);
      // The key lives no longer than the window.
      const ttl = await ra.pttl(`${prefix}api:ip:1`);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // A short window refills: 2 per 200 ms.
      expect((await a.take('short', 2, 200)).allowed).toBe(true);
      expect((await b.take('short', 2, 200)).allowed).toBe(true);
      expect((await a.take('short', 2, 200)).allowed).toBe(false);
      await new Promise((r) => setTimeout(r, 120));
      expect((await b.take('short', 2, 200)).allowed).toBe(true);
      expect(a.degraded).toBe(false);
    } finally {
      const keys = await ra.keys(`${prefix}*`);
      if (keys.length) await ra.del(...keys);
      ra.disconnect();
      rb.disconnect();
    }
  });

  it('fall back to the process\'s own limiter when Redis does not answer, log it once, and never fail the request', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const redis = testRedis(REDIS_TEST_URL.replace(/:\d+\//, `:${port}/`));
    const errors: string[] = [];
    const limiter = new RedisRateLimiter(redis, { name: 'api', fallback: memory(), log: { info: () => undefined, error: (_f, m) => errors.push(m) } });
    try {
      const started = Date.now();
      const results = [await limiter.take('ip:9', 2, 60_000), await limiter.take('ip:9', 2, 60_000), await limiter.take('ip:9', 2, 60_000)];
      expect(Date.now() - started, 'no request waits on a Redis that is not there').toBeLessThan(2_000);
      expect(results.map((r) => r.allowed), 'the fallback still counts').toEqual([true, true, false]);
      expect(limiter.degraded).toBe(true);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Redis does not answer/);
    } finally {
      redis.disconnect();
    }
  });
});
