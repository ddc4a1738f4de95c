import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter.ts';
import { RedisSignals } from '../../src/adapters/signals/redis.ts';
import { InProcessSignals } from '../../src/adapters/signals/in-process.ts';
import { loadConfig } from '../../src/config.ts';
import { RateLimiter } from '../../src/http/rate-limit/limiter.ts';
import { createPlaza } from '../../src/main/container.ts';
import { REDIS_TEST_URL, skipWithoutRedis } from '../support/redis.ts';

const configIn = (dir: string, redisUrl: string | undefined) => loadConfig({}, { dataDir: dir, redisUrl, demo: false, logLevel: 'silent', duckdbThreads: 1, duckdbMemory: '256MB' });

describe('the composition of signals and rate limits', () => {
  it('keeps both in the process without Redis or PostgreSQL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plaza-open-'));
    const plaza = await createPlaza(configIn(dir, undefined));
    try {
      expect(plaza.deps.signals).toBeInstanceOf(InProcessSignals);
      expect(plaza.rateLimiter('api')).toBeInstanceOf(RateLimiter);
      expect(plaza.deps.probes.map((p) => p.name)).not.toContain('redis');
    } finally {
      await plaza.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses Redis for both when PLAZA_REDIS_URL is set, checks it for readiness, and closes at once', async (t) => {
    if (await skipWithoutRedis('the Redis composition test')) return t.skip();
    const dir = await mkdtemp(join(tmpdir(), 'plaza-open-'));
    const plaza = await createPlaza(configIn(dir, REDIS_TEST_URL));
    try {
      expect(plaza.deps.signals).toBeInstanceOf(RedisSignals);
      expect(plaza.rateLimiter('api')).toBeInstanceOf(RedisRateLimiter);
      const probe = plaza.deps.probes.find((p) => p.name === 'redis');
      await expect(probe?.check()).resolves.toBeUndefined();
    } finally {
      const started = Date.now();
      await plaza.close();
      expect(Date.now() - started).toBeLessThan(5_000);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
