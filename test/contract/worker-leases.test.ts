import { expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import type { JobHandler } from '../../src/actions/jobs/handler.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { JobWorker } from '../../src/jobs/worker.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { job } from './factories.ts';
import { describeStores } from './harness.ts';

const quiet = { info: () => undefined, error: () => undefined };

/** What the worker needs of the actions' dependencies, on a clock the test moves. */
function depsOn(catalog: CatalogStore, clock: { offsetMs: number }): Deps {
  const now = () => new Date(Date.now() + clock.offsetMs);
  return { catalog, clock: { now }, scratch: { sweep: async () => ({ removed: 0, bytes: 0 }) }, trace: { requestId: () => undefined } } as unknown as Deps; // a partial Deps: the worker reads only these
}

const worker = (deps: Deps, handlers: Record<string, JobHandler>, maxAttempts = 3) => new JobWorker(() => deps, handlers, quiet, { owner: 'here:1:test', leaseMs: 30_000, maxAttempts, pollMs: 30 });

describeStores('the job worker', (store) => {
  it('tries a job that failed unexpectedly again after its wait, then it succeeds', async () => {
    const clock = { offsetMs: 0 };
    const deps = depsOn(store(), clock);
    let calls = 0;
    const w = worker(deps, {
      ingest: async () => {
        if (++calls === 1) throw new Error('the database blinked');
        return 'ok';
      },
    });
    await store().jobs.createJob(job({ id: 'flaky' }));
    const before = Date.now();
    await w.start();
    try {
      await expect.poll(async () => { const j = await store().jobs.getJob('flaky'); return `${j?.status} ${j?.attempts}`; }, { timeout: 10_000 }).toBe('queued 1');
      const waiting = await store().jobs.getJob('flaky');
      expect(waiting).toMatchObject({ attempts: 1, owner: null });
      expect(waiting?.errors).toEqual([{ row: null, column: null, message: 'Attempt 1 of 3 failed: the database blinked' }]);
      const wait = Date.parse(waiting?.runAfter ?? '') - before;
      expect(wait).toBeGreaterThanOrEqual(8_000 - 50);
      expect(wait).toBeLessThanOrEqual(12_000 + 2_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(calls, 'not before its time').toBe(1);
      clock.offsetMs = 60_000;
      w.wake();
      const done = await waitForJob(deps, 'flaky', undefined, 10_000);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(calls).toBe(2);
    } finally {
      await w.stop();
    }
  });

  it('sets a job aside as dead after its last attempt, keeping each error', async () => {
    const clock = { offsetMs: 0 };
    const deps = depsOn(store(), clock);
    const w = worker(deps, { ingest: async () => Promise.reject(new Error('always broken')) }, 2);
    await store().jobs.createJob(job({ id: 'doomed' }));
    await w.start();
    try {
      await expect.poll(async () => { const j = await store().jobs.getJob('doomed'); return `${j?.status} ${j?.attempts}`; }, { timeout: 10_000 }).toBe('queued 1');
      clock.offsetMs = 3_600_000;
      w.wake();
      const dead = await waitForJob(deps, 'doomed', undefined, 10_000);
      expect(dead).toMatchObject({ status: 'dead', phase: 'dead', attempts: 2 });
      expect(dead.errors.map((e) => e.message)).toEqual(['Attempt 1 of 2 failed: always broken', 'Attempt 2 of 2 failed: always broken']);
    } finally {
      await w.stop();
    }
  });

  it('hands a job still running at the end of the grace back to the queue, its handler told', async () => {
    const deps = depsOn(store(), { offsetMs: 0 });
    let signal: AbortSignal | undefined;
    const w = worker(deps, {
      ingest: (_deps, _job, run) => {
        signal = run.signal;
        return new Promise(() => undefined);
      },
    });
    await store().jobs.createJob(job({ id: 'long' }));
    await w.start();
    await expect.poll(async () => (await store().jobs.getJob('long'))?.status, { timeout: 10_000 }).toBe('running');
    const started = Date.now();
    await w.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(signal?.aborted).toBe(true);
    expect(await store().jobs.getJob('long')).toMatchObject({ status: 'queued', owner: null, attempts: 0, leaseExpiresAt: null });
  });
});
