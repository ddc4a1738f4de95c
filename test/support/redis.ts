import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis server the tests use; each test takes keys and channels of its own under a random prefix. */
export const REDIS_TEST_URL = process.env.PLAZA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** A prefix no other test uses, for keys and channels. */
export const uniquePrefix = (): string => `plaza-test:${randomBytes(6).toString('hex')}:`;

/** A command connection shaped like Plaza's own (no offline queue, short command time-out). */
export function testRedis(url = REDIS_TEST_URL): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2_000, retryStrategy: (n) => Math.min(1_000, 50 * 2 ** n) });
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves once the connection is ready (or rejects after `ms`). */
export function ready(redis: Redis, ms = 3_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis at ${REDIS_TEST_URL} did not answer within ${ms} ms`)), ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Why the test Redis cannot be used, or null when it answers. */
export async function redisProblem(): Promise<string | null> {
  const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    redis.disconnect();
  }
}

/**
 * Whether tests needing Redis are skipped: when it does not answer they are,
 * with a warning, unless PLAZA_REQUIRE_SERVICES=1 (then they run and fail).
 */
export async function skipWithoutRedis(what: string): Promise<boolean> {
  const problem = await redisProblem();
  if (problem === null) return false;
  if (process.env.PLAZA_REQUIRE_SERVICES === '1') return false;
  console.warn(`Skipping ${what}: Redis at ${REDIS_TEST_URL} does not answer (${problem}). Start it or set PLAZA_TEST_REDIS_URL; PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
  return true;
}
