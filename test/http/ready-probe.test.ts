/**
 * Readiness probes time out only when an engine did not answer: an answer
 * that came back while the process itself was stalled past the time-out
 * still counts, and a probe that never answers still fails.
 */
import { access } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { checkReady } from '../../src/actions/site/ready.ts';
import type { Probe } from '../../src/ports/readiness.ts';
import { startTestPlaza } from '../support/plaza.ts';

const running = { stopping: () => false, beginStopping: () => undefined, onStopping: () => () => undefined };

/** Keeps the event loop busy for `ms`, as a long synchronous task or a starved process would. */
function stall(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: nothing else in this process runs meanwhile
  }
}

describe('readiness probes', () => {
  it('count an answer that came back while the process stalled past the time-out', async () => {
    const disk: Probe = { name: 'blobs', check: () => access(import.meta.dirname) };
    const asked = checkReady({ lifecycle: running, probes: [disk] }, 50);
    stall(200);
    expect(await asked).toEqual({ ready: true, stopping: false, checks: { blobs: 'ok' } });
  });

  it('fail a probe that does not answer within the time-out, and say so', async () => {
    const silent: Probe = { name: 'redis', check: () => new Promise<void>(() => undefined) };
    const disk: Probe = { name: 'blobs', check: () => access(import.meta.dirname) };
    const asked = checkReady({ lifecycle: running, probes: [disk, silent] }, 50);
    stall(200);
    expect(await asked).toEqual({ ready: false, stopping: false, checks: { blobs: 'ok', redis: 'no answer within 0.05 s' } });
  });

  it('wait as long as PLAZA_READY_TIMEOUT_MS says', async () => {
    const t = await startTestPlaza({}, { readyTimeoutMs: 150 });
    const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    try {
      t.deps.probes.push({ name: 'slow', check: () => new Promise<void>(() => undefined) });
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not ready', checks: { catalog: 'ok', blobs: 'ok', duckdb: 'ok', slow: 'no answer within 0.15 s' } });
    } finally {
      await app.close();
      await t.close();
    }
  });
});
