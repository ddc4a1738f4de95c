/**
 * What an operator sees of a running Plaza: readiness that asks every probe
 * (and fails, saying why, when one does not answer), Prometheus metrics
 * after requests and an ingest, the metrics token, request ids echoed,
 * generated and written on the log lines of their request, secrets hidden
 * from the logs, and event streams ended when the process begins to stop.
 */
import { Readable, Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessLifecycle } from '../../src/adapters/lifecycle/process.ts';
import { jsonLogger } from '../../src/adapters/log/pino.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

let t: TestPlaza;
let app: FastifyInstance;
const logs: LogLine[] = [];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'info', logStream: { write: (line) => void logs.push(JSON.parse(line) as LogLine) } });
  // A route that fails, logs what it was sent and says which request it belongs to.
  app.get('/test/boom', async (req) => {
    req.log.info({ headers: req.headers }, 'what the request carried');
    throw new Error(`broken while serving ${t.deps.trace.requestId()}`);
  });
  app.get('/test/trace', async () => ({ requestId: t.deps.trace.requestId() }));
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('readiness', () => {
  it('answers ready with each engine checked', async () => {
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { catalog: 'ok', blobs: 'ok', duckdb: 'ok' } });
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the probe that failed and why, without its credentials, and times out one that hangs', async () => {
    t.deps.probes.push(
      { name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED for redis://plaza:hunter2@127.0.0.1:6399')) },
      { name: 'slow', check: () => new Promise(() => undefined) },
    );
    try {
      const started = Date.now();
      const res = await app.inject({ url: '/readyz' });
      // Asked at once, each within 2 s: not 2 s per probe.
      expect(Date.now() - started).toBeLessThan(3_500);
      expect(res.statusCode).toBe(503);
      const body = res.json() as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('not ready');
      expect(body.checks).toMatchObject({ catalog: 'ok', blobs: 'ok', duckdb: 'ok', slow: 'no answer within 2 s' });
      expect(body.checks.redis).toBe('connect ECONNREFUSED for redis://plaza:***@127.0.0.1:6399');
      expect(res.body).not.toContain('hunter2');
      // Liveness does not depend on the engines.
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      t.deps.probes.splice(-2);
    }
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 at once while the process stops, asking no probe', async () => {
    const lifecycle = new ProcessLifecycle();
    let asked = 0;
    const probes = [{ name: 'catalog', check: async () => void asked++ }];
    const stopping = await buildApp({ deps: { ...t.deps, lifecycle, probes }, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
    try {
      expect((await stopping.inject({ url: '/readyz' })).statusCode).toBe(200);
      lifecycle.beginStopping();
      const res = await stopping.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'stopping', checks: {} });
      expect(asked).toBe(1);
      expect((await stopping.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await stopping.close();
    }
  });
});

/** The value of one series line of an exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('exports request latency by route pattern, ingests, jobs, the queue, DuckDB memory and process metrics', async () => {
    const { slug, job } = await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { slug: 'covid-metrics' });
    expect(job.status).toBe('succeeded');
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: `/api/v1/datasets/${slug}/records?limit=2&offset=${i}` })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/datasets/no-such-dataset/records' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/no/such/page/at/all' })).statusCode).toBe(404);

    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    // The route's pattern, never the address asked for.
    expect(sample(text, 'plaza_http_request_duration_seconds_count{route="/api/v1/datasets/:id/records",method="GET",status_class="2xx"}')).toBe(3);
    expect(sample(text, 'plaza_http_request_duration_seconds_count{route="/api/v1/datasets/:id/records",method="GET",status_class="4xx"}')).toBe(1);
    expect(sample(text, 'plaza_http_request_duration_seconds_count{route="unmatched",method="GET",status_class="4xx"}')).toBe(1);
    expect(text).not.toContain('offset=');
    expect(text).not.toContain('no-such-dataset');
    // The ingest: one, successful, 177 rows; and the job that ran it.
    expect(sample(text, 'plaza_ingest_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(text, 'plaza_ingest_rows_total')).toBe(177);
    expect(sample(text, 'plaza_job_duration_seconds_count{type="ingest",outcome="ok"}')).toBe(1);
    expect(sample(text, 'plaza_jobs_queued')).toBe(0);
    expect(sample(text, 'plaza_jobs_running')).toBe(0);
    expect(sample(text, 'plaza_jobs_oldest_queued_age_seconds')).toBe(0);
    expect(sample(text, 'plaza_jobs_dead')).toBe(0);
    expect(sample(text, 'plaza_duckdb_memory_bytes')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'plaza_duckdb_temporary_storage_bytes')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds ');
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts a queued job and its age while no worker takes it', async () => {
    await t.plaza.worker.stop();
    try {
      const now = t.deps.clock.now();
      await t.deps.catalog.jobs.createJob({ id: 'waiting-job', type: 'no-such-kind', status: 'queued', phase: 'queued', rowsRead: 0, rowsRejected: 0, errors: [], payload: {}, result: null, createdAt: new Date(now.getTime() - 90_000).toISOString(), startedAt: null, finishedAt: null });
      const text = (await app.inject({ url: '/metrics' })).body;
      expect(sample(text, 'plaza_jobs_queued')).toBe(1);
      expect(sample(text, 'plaza_jobs_oldest_queued_age_seconds')).toBeGreaterThanOrEqual(90);
      expect(sample(text, 'plaza_jobs_oldest_queued_age_seconds')).toBeLessThan(120);
    } finally {
      await t.deps.catalog.jobs.updateJob('waiting-job', { status: 'failed' });
      await t.plaza.worker.start();
    }
  });

  it('reads a cache\'s hits and misses, and its hit ratio', async () => {
    let counts = { hits: 3, misses: 1 };
    t.plaza.metrics.watchCache('test', () => counts);
    let text = (await app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'plaza_cache_hits{cache="test"}')).toBe(3);
    expect(sample(text, 'plaza_cache_misses{cache="test"}')).toBe(1);
    expect(sample(text, 'plaza_cache_hit_ratio{cache="test"}')).toBe(0.75);
    counts = { hits: 0, misses: 0 };
    text = (await app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'plaza_cache_hit_ratio{cache="test"}')).toBe(0);
  });

  it('asks for the token when PLAZA_METRICS_TOKEN is set', async () => {
    const guarded = await buildApp({ deps: { ...t.deps, site: { ...t.deps.site, metricsToken: 'scrape-secret' } }, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
    try {
      const none = await guarded.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(none.body).not.toContain('scrape-secret');
      expect((await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer not-it' } })).statusCode).toBe(401);
      // An API token of the site is not the metrics token.
      expect((await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${t.token}` } })).statusCode).toBe(401);
      const ok = await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('plaza_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
    // Unset, anyone reads them.
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and carries it through the request', async () => {
    const res = await app.inject({ url: '/test/trace', headers: { 'x-request-id': 'lb-7f3a.42_x' } });
    expect(res.headers['x-request-id']).toBe('lb-7f3a.42_x');
    expect(res.json()).toEqual({ requestId: 'lb-7f3a.42_x' });
  });

  it('makes a UUID when there is none or the one given is not well formed', async () => {
    for (const given of [undefined, 'a'.repeat(129), 'has spaces', 'semi;colon', '']) {
      const res = await app.inject({ url: '/healthz', headers: given === undefined ? {} : { 'x-request-id': given } });
      expect(res.headers['x-request-id'], String(given)).toMatch(UUID);
    }
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'a'.repeat(128) } })).headers['x-request-id']).toBe('a'.repeat(128));
    // Errors carry it too.
    expect((await app.inject({ url: '/no/such/thing', headers: { 'x-request-id': 'missing-1' } })).headers['x-request-id']).toBe('missing-1');
  });

  it('writes the id on the log lines of its request, and hides credentials', async () => {
    const from = logs.length;
    const res = await app.inject({ url: '/test/boom', headers: { 'x-request-id': 'boom-1', authorization: 'Bearer very-secret-token', cookie: 'plaza_session=also-secret' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('boom-1');
    const lines = logs.slice(from);
    const error = lines.find((l) => l.level === 50);
    expect(error?.requestId).toBe('boom-1');
    expect(JSON.stringify(error)).toContain('broken while serving boom-1');
    const carried = lines.find((l) => l.msg === 'what the request carried');
    expect(carried?.requestId).toBe('boom-1');
    expect((carried?.headers as Record<string, string>).authorization).toBe('[redacted]');
    expect((carried?.headers as Record<string, string>).cookie).toBe('[redacted]');
    expect(JSON.stringify(lines)).not.toMatch(/very-secret-token|also-secret/);
  });
});

describe('the worker\'s logs', () => {
  it('are JSON lines with a level and a role, secrets hidden', () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
    const log = jsonLogger({ level: 'info', role: 'worker', stream });
    log.info({ job: 'j1', credentials: { secretAccessKey: 'AKIA-secret' } }, 'job done');
    log.error({ err: 'boom', password: 'pw' }, 'job failed');
    const parsed = lines.map((l) => JSON.parse(l) as LogLine);
    expect(parsed.map((l) => [l.level, l.msg, l.role])).toEqual([[30, 'job done', 'worker'], [50, 'job failed', 'worker']]);
    expect(parsed[0]!.credentials).toBe('[redacted]');
    expect(parsed[1]!.password).toBe('[redacted]');
    expect(lines.join('')).not.toMatch(/AKIA-secret|"pw"/);
  });
});

describe('event streams at shutdown', () => {
  it('end as soon as the process begins to stop', async () => {
    const lifecycle = new ProcessLifecycle();
    const sse = await buildApp({ deps: { ...t.deps, lifecycle }, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
    let ended = false;
    sse.get('/test/events', async (_req, reply) => {
      void reply.header('Content-Type', 'text/event-stream');
      // A stream that would run for ever.
      return Readable.from((async function* () {
        try {
          for (;;) {
            yield 'data: tick\n\n';
            await new Promise((r) => setTimeout(r, 50));
          }
        } finally {
          ended = true;
        }
      })());
    });
    await sse.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = sse.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/test/events`);
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: tick');
      lifecycle.beginStopping();
      const started = Date.now();
      for (;;) if ((await reader.read()).done) break;
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 100));
      expect(ended).toBe(true);
    } finally {
      await sse.close();
    }
  });
});
