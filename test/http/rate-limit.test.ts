import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import { perWindow, rateLimitHook } from '../../src/http/rate-limit/hook.ts';
import { RateLimiter } from '../../src/http/rate-limit/limiter.ts';

const MINUTE = 60_000;

function fakeClock(start = 1_000_000) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => void (clock.t += ms) };
  return clock;
}

describe('RateLimiter', () => {
  test('allows the budget, counting down, then refuses', () => {
    const limiter = new RateLimiter(fakeClock());
    const results = Array.from({ length: 5 }, () => limiter.take('a', 5, MINUTE));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(results.every((r) => r.retryAfterMs === 0 && r.limit === 5)).toBe(true);
    expect(results[0]!.resetMs).toBe(12_000);
    expect(results[4]!.resetMs).toBe(MINUTE);

    const refused = limiter.take('a', 5, MINUTE);
    expect(refused).toEqual({ allowed: false, limit: 5, remaining: 0, resetMs: MINUTE, retryAfterMs: 12_000 });
  });

  test('retry-after counts down with the clock, and the request is allowed exactly then', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 3; i++) limiter.take('a', 3, 30_000);
    clock.advance(4_000);
    const refused = limiter.take('a', 3, 30_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(6_000);
    expect(refused.resetMs).toBe(26_000);

    clock.advance(5_999);
    expect(limiter.take('a', 3, 30_000).allowed).toBe(false);
    clock.advance(1);
    const allowed = limiter.take('a', 3, 30_000);
    expect(allowed).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 30_000, retryAfterMs: 0 });
  });

  test('refills continuously, up to the full budget and no further', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 6; i++) limiter.take('a', 6, MINUTE);
    expect(limiter.take('a', 6, MINUTE).allowed).toBe(false);

    clock.advance(20_000); // two intervals of 10 s
    expect(limiter.take('a', 6, MINUTE)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take('a', 6, MINUTE)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('a', 6, MINUTE).allowed).toBe(false);

    clock.advance(10 * MINUTE); // idle far longer than a window: the bucket holds only the limit
    const burst = Array.from({ length: 7 }, () => limiter.take('a', 6, MINUTE).allowed);
    expect(burst).toEqual([true, true, true, true, true, true, false]);
  });

  test('limits that do not divide the window evenly still give exactly the limit', () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter(clock);
    const first = Array.from({ length: 8 }, () => limiter.take('a', 7, MINUTE));
    expect(first.map((r) => r.remaining)).toEqual([6, 5, 4, 3, 2, 1, 0, 0]);
    expect(first[7]!.allowed).toBe(false);
    clock.advance(MINUTE);
    expect(Array.from({ length: 8 }, () => limiter.take('a', 7, MINUTE).allowed).filter(Boolean)).toHaveLength(7);
  });

  test('keys are independent', () => {
    const limiter = new RateLimiter(fakeClock());
    limiter.take('a', 1, MINUTE);
    expect(limiter.take('a', 1, MINUTE).allowed).toBe(false);
    expect(limiter.take('b', 1, MINUTE)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('b', 1, MINUTE).allowed).toBe(false);
  });

  test('a limit of 0 or less is unlimited and keeps nothing in memory', () => {
    const limiter = new RateLimiter(fakeClock());
    for (let i = 0; i < 1_000; i++) {
      expect(limiter.take('a', 0, MINUTE)).toMatchObject({ allowed: true, retryAfterMs: 0 });
      expect(limiter.take('b', -1, MINUTE).allowed).toBe(true);
    }
    expect(limiter.size).toBe(0);
  });

  test('a window of zero is a programming error', () => {
    expect(() => new RateLimiter(fakeClock()).take('a', 5, 0)).toThrow(RangeError);
  });

  test('the lazy sweep drops keys whose bucket is full again', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now, sweepEvery: 10 });
    for (let i = 0; i < 9; i++) limiter.take(`idle-${i}`, 5, MINUTE);
    expect(limiter.size).toBe(9);
    clock.advance(MINUTE / 5); // one request's worth: every idle bucket is full again
    limiter.take('busy', 5, MINUTE); // the 10th take sweeps first
    expect(limiter.size).toBe(1);
  });

  test('the map never holds more than maxKeys; the least recently used key goes first', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now, maxKeys: 100, sweepEvery: 1_000_000 });
    limiter.take('hammering', 1, MINUTE);
    for (let i = 0; i < 1_000; i++) {
      limiter.take(`k${i}`, 1, MINUTE);
      expect(limiter.take('hammering', 1, MINUTE).allowed).toBe(false); // refusals keep the key recent
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    expect(limiter.size).toBe(100);
    // The recent keys are still limited; the oldest were dropped and start over.
    expect(limiter.take('hammering', 1, MINUTE).allowed).toBe(false);
    expect(limiter.take('k999', 1, MINUTE).allowed).toBe(false);
    expect(limiter.take('k0', 1, MINUTE).allowed).toBe(true);
  });

  test('at the cap, full buckets are swept before any live key is dropped', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now, maxKeys: 3, sweepEvery: 1_000_000 });
    limiter.take('live', 1, 10 * MINUTE);
    limiter.take('short-1', 1, 1_000);
    limiter.take('short-2', 1, 1_000);
    clock.advance(1_000);
    limiter.take('new', 1, MINUTE);
    expect(limiter.size).toBe(2);
    expect(limiter.take('live', 1, 10 * MINUTE).allowed).toBe(false);
  });
});

describe('rateLimitHook', () => {
  async function appWith(limit = 3, windowMs = MINUTE) {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    const app = Fastify();
    app.addHook(
      'onRequest',
      rateLimitHook(limiter, async (req) => {
        const key = req.headers['x-key'];
        return typeof key === 'string' ? { key, limit: key === 'vip' ? 0 : limit } : null;
      }, windowMs),
    );
    app.get('/ping', async () => ({ ok: true }));
    await app.ready();
    const get = (key?: string) => app.inject({ method: 'GET', url: '/ping', headers: key ? { 'x-key': key } : {} });
    return { app, clock, get };
  }

  test('allows the budget with RateLimit headers, then answers 429 with the error shape', async () => {
    const { app, get } = await appWith(3);
    for (const remaining of [2, 1, 0]) {
      const res = await get('alice');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(String(remaining));
      expect(res.headers['ratelimit-reset']).toBe(String(20 * (3 - remaining)));
      expect(res.headers['retry-after']).toBeUndefined();
    }

    const refused = await get('alice');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.headers['ratelimit-limit']).toBe('3');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-reset']).toBe('60');
    expect(refused.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many requests: the limit is 3 per minute. Try again in 20 seconds.',
        details: { limit: 3, retry_after_seconds: 20 },
      },
    });

    const other = await get('bob');
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
    await app.close();
  });

  test('Retry-After rounds up to whole seconds, at least 1, and the budget comes back', async () => {
    const { app, clock, get } = await appWith(2, 1_000);
    await get('alice');
    await get('alice');
    clock.advance(499.5);
    const refused = await get('alice');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error.message).toBe('Too many requests: the limit is 2 per second. Try again in 1 second.');
    clock.advance(0.5);
    expect((await get('alice')).statusCode).toBe(200);
    await app.close();
  });

  test('requests the key function does not limit pass with no headers', async () => {
    const { app, get } = await appWith(1);
    for (let i = 0; i < 5; i++) {
      for (const res of [await get(), await get('vip')]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
    }
    await app.close();
  });

  test('phrases the window in words', () => {
    expect(perWindow(60_000)).toBe('per minute');
    expect(perWindow(900_000)).toBe('per 15 minutes');
    expect(perWindow(3_600_000)).toBe('per hour');
    expect(perWindow(86_400_000)).toBe('per day');
    expect(perWindow(30_000)).toBe('per 30 seconds');
    expect(perWindow(1_500)).toBe('per 1500 milliseconds');
  });
});
