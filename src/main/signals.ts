import type { Config } from '../config.ts';
import { InProcessSignals } from '../adapters/signals/in-process.ts';
import type { WorkerLog } from '../jobs/worker.ts';
import type { Signals } from '../ports/signals.ts';
import type { RedisLink } from './redis.ts';


const isPostgres = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/**
 * The signals of this process: over Redis pub/sub when PLAZA_REDIS_URL is
 * set (with PostgreSQL too: one way for every signal, and no PostgreSQL
 * connection held per process for it); else over the catalog's PostgreSQL
 * `LISTEN/NOTIFY`; else within the process (one process, or processes that
 * meet only in the catalog, whose kept pages then age out on their own).
 * Each adapter is loaded only when chosen; none waits for its server to
 * start: they connect, and connect again, by themselves.
 */
export async function openSignals(config: Config, log: WorkerLog, redis: RedisLink | null): Promise<Signals> {
  if (redis) {
    const { RedisSignals } = await import('../adapters/signals/redis.ts');
    const signals = new RedisSignals(redis.commands, { channel: redis.channel, log });
    await signals.start();
    return signals;
  }
  if (isPostgres(config.databaseUrl)) {
    const { PostgresSignals } = await import('../adapters/signals/postgres.ts');
    const signals = new PostgresSignals(config.databaseUrl, { log });
    // A first connection that fails is tried again in the background; the catalog's own connection decides whether Plaza starts.
    await signals.start().catch(() => undefined);
    return signals;
  }
  return new InProcessSignals((signal, err) => log.error({ signal, err: (err as Error).message }, 'a signal listener failed'));
}
