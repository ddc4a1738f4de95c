import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessSignals } from '../../src/adapters/signals/in-process.ts';
import { PostgresSignals } from '../../src/adapters/signals/postgres.ts';
import { RedisSignals } from '../../src/adapters/signals/redis.ts';
import type { Signal, Signals } from '../../src/ports/signals.ts';
import { ready, REDIS_TEST_URL, redisProblem, testRedis, uniquePrefix } from '../support/redis.ts';
import { postgresAvailable, POSTGRES_TEST_URL } from '../support/stores.ts';

/** Two processes' signals: `a` and `b` (the same object for signals within one process). */
interface Pair {
  a: Signals;
  b: Signals;
  /** Ends `a`'s connection from the server's side; undefined for signals without one. */
  kill?: () => Promise<void>;
  close(): Promise<void>;
}

interface Kind {
  name: string;
  shared: boolean;
  problem: () => Promise<string | null>;
  pair(): Promise<Pair>;
}

const channel = () => `plaza_test_${randomBytes(5).toString('hex')}`;

const KINDS: Kind[] = [
  {
    name: 'in-process',
    shared: false,
    problem: async () => null,
    async pair() {
      const s = new InProcessSignals();
      return { a: s, b: s, close: () => s.close() };
    },
  },
  {
    name: 'postgres',
    shared: true,
    problem: async () => ((await postgresAvailable()) ? null : `PostgreSQL at ${POSTGRES_TEST_URL} does not answer`),
    async pair() {
      const ch = channel();
      const a = new PostgresSignals(POSTGRES_TEST_URL, { channel: ch, retryMs: 50, maxRetryMs: 200 });
      const b = new PostgresSignals(POSTGRES_TEST_URL, { channel: ch, retryMs: 50, maxRetryMs: 200 });
      await Promise.all([a.start(), b.start()]);
      return {
        a,
        b,
        async kill() {
          const pid = await a.backendPid();
          const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
          await admin.connect();
          try {
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          } finally {
            await admin.end();
          }
        },
        close: async () => void (await Promise.all([a.close(), b.close()])),
      };
    },
  },
  {
    name: 'redis',
    shared: true,
    problem: redisProblem,
    async pair() {
      const ch = `${uniquePrefix()}signals`;
      const ra = testRedis();
      const rb = testRedis();
      await Promise.all([ready(ra), ready(rb)]);
      const a = new RedisSignals(ra, { channel: ch });
      const b = new RedisSignals(rb, { channel: ch });
      await Promise.all([a.start(), b.start()]);
      return {
        a,
        b,
        async kill() {
          const list = await rb.client('LIST');
          const line = String(list).split('\n').find((l) => l.includes(`name=${a.connectionName}`));
          const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
          if (!id) throw new Error('the subscriber connection was not found');
          await rb.client('KILL', 'ID', id);
        },
        async close() {
          await Promise.all([a.close(), b.close()]);
          ra.disconnect();
          rb.disconnect();
        },
      };
    },
  },
];

/** Waits until `check` holds, up to `ms`. */
async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const heardBy = (s: Signals, signal: Signal) => {
  const heard: number[] = [];
  s.listen(signal, () => heard.push(Date.now()));
  return heard;
};

for (const kind of KINDS) {
  describe(`signals: ${kind.name}`, () => {
    let skip = false;
    beforeAll(async () => {
      const problem = await kind.problem();
      if (problem && process.env.PLAZA_REQUIRE_SERVICES !== '1') {
        skip = true;
        console.warn(`Skipping the ${kind.name} signals tests: ${problem}. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
      } else if (problem) throw new Error(`${kind.name} is required (PLAZA_REQUIRE_SERVICES=1): ${problem}`);
    });

    it('reach the listeners of the sender at once, and of the other process once, and no other signal', async (t) => {
      if (skip) return t.skip();
      const p = await kind.pair();
      try {
        expect(p.a.shared).toBe(kind.shared);
        const onA = heardBy(p.a, 'pages-changed');
        const onB = heardBy(p.b, 'pages-changed');
        const progressOnB = heardBy(p.b, 'job-progress');
        const sent = Date.now();
        p.a.send('pages-changed');
        expect(onA.length, 'the sender hears it at once').toBe(1);
        await until(() => onB.length >= (kind.shared ? 1 : 1));
        // Long enough for an echo of its own message to have come back, had it been heard.
        await new Promise((r) => setTimeout(r, 150));
        expect(onA.length, 'the sender does not hear its own message twice').toBe(1);
        expect(onB.length).toBe(1);
        expect(onB[0]! - sent).toBeLessThan(1_000);
        expect(progressOnB).toEqual([]);
      } finally {
        await p.close();
      }
    });

    it('stop reaching a listener that stopped', async (t) => {
      if (skip) return t.skip();
      const p = await kind.pair();
      try {
        let n = 0;
        const stop = p.b.listen('job-queued', () => void n++);
        const other = heardBy(p.b, 'job-queued');
        stop();
        p.a.send('job-queued');
        await until(() => other.length === 1);
        expect(n).toBe(0);
      } finally {
        await p.close();
      }
    });

    it('close quickly, twice, and reach no one after', async (t) => {
      if (skip) return t.skip();
      const p = await kind.pair();
      const onB = heardBy(p.b, 'job-progress');
      const started = Date.now();
      await p.close();
      await p.close();
      expect(Date.now() - started).toBeLessThan(3_000);
      p.a.send('job-progress');
      p.b.send('job-progress');
      await new Promise((r) => setTimeout(r, 100));
      expect(onB).toEqual([]);
    });

    it.runIf(kind.shared)('connect again after the server ends the connection, tell every signal once, and hear the others again', async (t) => {
      if (skip) return t.skip();
      const p = await kind.pair();
      try {
        const pages = heardBy(p.a, 'pages-changed');
        const queued = heardBy(p.a, 'job-queued');
        const progress = heardBy(p.a, 'job-progress');
        await p.kill!();
        // Back: each signal once, as some may have been missed.
        await until(() => pages.length >= 1 && queued.length >= 1 && progress.length >= 1, 10_000);
        expect([pages.length, queued.length, progress.length]).toEqual([1, 1, 1]);
        p.b.send('job-queued');
        await until(() => queued.length === 2);
      } finally {
        await p.close();
      }
    });
  });
}

describe('shared signals without their server', () => {
  let closed: number;
  beforeAll(async () => {
    // A port nothing listens on.
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closed = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
  });
  afterAll(() => undefined);

  it('PostgreSQL: fails to start, keeps trying, still reaches its own listeners, and closes at once', async () => {
    const s = new PostgresSignals(`postgres://postgres@127.0.0.1:${closed}/postgres`, { retryMs: 20, maxRetryMs: 50 });
    await expect(s.start()).rejects.toThrow();
    const heard = heardBy(s, 'pages-changed');
    s.send('pages-changed');
    expect(heard.length).toBe(1);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('Redis: starts without waiting forever, reaches its own listeners, and closes at once', async () => {
    const redis = testRedis(REDIS_TEST_URL.replace(/:\d+\//, `:${closed}/`));
    const s = new RedisSignals(redis, { channel: 'plaza:test:nowhere' });
    const started = Date.now();
    await s.start();
    expect(Date.now() - started).toBeLessThan(3_000);
    const heard = heardBy(s, 'job-queued');
    s.send('job-queued');
    expect(heard.length).toBe(1);
    const closing = Date.now();
    await s.close();
    redis.disconnect();
    expect(Date.now() - closing).toBeLessThan(1_000);
  });
});
