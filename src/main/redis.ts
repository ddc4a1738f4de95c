import { Redis } from 'ioredis';
import { RedisRateLimiter } from '../adapters/redis/rate-limiter.ts';
import type { Config } from '../config.ts';
import { RateLimiter as MemoryRateLimiter } from '../http/rate-limit/limiter.ts';
import type { WorkerLog } from '../jobs/worker.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';

/** The Redis a node shares with the others, when PLAZA_REDIS_URL names one. */
export interface RedisLink {
  /** The command connection: rate limits, publishing signals, readiness. */
  commands: Redis;
  /** The pub/sub channel of this site's signals (`plaza:signals:<db>`: channels are shared by every database number). */
  channel: string;
  close(): Promise<void>;
}

/**
 * Connects to Redis (without waiting for it: ioredis connects and
 * reconnects by itself). Commands fail at once while it is not connected,
 * and after 500 ms without an answer, so that no request waits on Redis.
 */
export function connectRedis(config: Config, log: WorkerLog): RedisLink | null {
  if (!config.redisUrl) return null;
  const url = config.redisUrl;
  const db = Number(new URL(url).pathname.replace(/^\//, '') || 0) || 0;
  let lastError = '';
  const commands = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(5_000, 100 * 2 ** Math.min(attempt, 10)),
  });
  commands.on('error', (err: Error) => {
    // ioredis reports each failed reconnection; the log says it once per kind of failure.
    if (err.message === lastError) return;
    lastError = err.message;
    log.error({ err: err.message }, 'Redis does not answer; connecting again');
  });
  commands.on('ready', () => {
    lastError = '';
  });
  return {
    commands,
    channel: `plaza:signals:${db}`,
    async close() {
      commands.disconnect();
    },
  };
}

/**
 * The rate limiter of each kind of budget (`api`, `community`): counted in
 * Redis when there is one, shared by every node, falling back to this
 * process's memory while Redis does not answer; else in memory.
 */
export function rateLimiters(redis: RedisLink | null, log: WorkerLog): (name: string) => RateLimiter {
  return (name) => {
    const memory = new MemoryRateLimiter({ now: () => Date.now() });
    return redis ? new RedisRateLimiter(redis.commands, { name, fallback: memory, log }) : memory;
  };
}
