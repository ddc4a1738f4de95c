import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Metrics } from '../../ports/metrics.ts';

/** The job queue as the gauges read it at each scrape. */
export interface QueueStats {
  queued: number;
  running: number;
  /** Jobs set aside after their last attempt, waiting for an administrator. */
  dead: number;
  /** Age of the oldest queued job, in seconds; 0 when none waits. */
  oldestQueuedAgeSeconds: number;
}

/** Cumulative hits and misses of a cache since the process started. */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/** What DuckDB holds now, in bytes. */
export interface EngineMemory {
  usedBytes: number;
  temporaryBytes: number;
}

/** Seconds: from a fast API answer to a slow export. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds: from a small CSV to a large file. */
const JOB_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/** `2xx`, `4xx`…: the status class, so that series stay few. */
const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;

/**
 * Plaza's metrics on a prom-client registry the composition root made and
 * passes (no global registry): request latency per route, ingests and jobs,
 * the job queue, caches, DuckDB's memory, and Node's own process metrics
 * (event-loop lag, memory, CPU, handles). Sources read at each scrape are
 * given as functions; one that fails reads NaN in that scrape.
 */
export class PrometheusMetrics implements Metrics {
  private readonly requests: Histogram<'route' | 'method' | 'status_class'>;
  private readonly ingests: Histogram<'outcome'>;
  private readonly ingestRows: Counter;
  private readonly jobs: Histogram<'type' | 'outcome'>;
  private readonly caches = new Map<string, () => CacheCounts>();

  constructor(private readonly registry: Registry) {
    collectDefaultMetrics({ register: registry });
    const registers = [registry];
    this.requests = new Histogram({ name: 'plaza_http_request_duration_seconds', help: 'Time to answer a request, by route pattern, method and status class.', labelNames: ['route', 'method', 'status_class'], buckets: REQUEST_BUCKETS, registers });
    this.ingests = new Histogram({ name: 'plaza_ingest_duration_seconds', help: 'Time an ingest ran, from its start to its new version or its failure.', labelNames: ['outcome'], buckets: JOB_BUCKETS, registers });
    this.ingestRows = new Counter({ name: 'plaza_ingest_rows_total', help: 'Rows in the versions ingests made.', registers });
    this.jobs = new Histogram({ name: 'plaza_job_duration_seconds', help: 'Time a job ran, by kind and outcome.', labelNames: ['type', 'outcome'], buckets: JOB_BUCKETS, registers });
    const caches = this.caches;
    const read = (pick: (c: CacheCounts) => number) =>
      function collect(this: Gauge<'cache'>) {
        this.reset();
        for (const [name, counts] of caches) this.set({ cache: name }, pick(counts()));
      };
    // Gauges: the counts come from the caches themselves (prom-client counters cannot be set).
    new Gauge({ name: 'plaza_cache_hits', help: 'Answers a cache gave from what it kept, since the process started.', labelNames: ['cache'], registers, collect: read((c) => c.hits) });
    new Gauge({ name: 'plaza_cache_misses', help: 'Answers a cache had to make, since the process started.', labelNames: ['cache'], registers, collect: read((c) => c.misses) });
    new Gauge({ name: 'plaza_cache_hit_ratio', help: 'Hits over hits and misses since the process started (0 before the first answer).', labelNames: ['cache'], registers, collect: read((c) => (c.hits + c.misses > 0 ? c.hits / (c.hits + c.misses) : 0)) });
  }

  requestFinished(r: { route: string; method: string; status: number; seconds: number }): void {
    this.requests.observe({ route: r.route, method: r.method, status_class: statusClass(r.status) }, r.seconds);
  }

  ingestFinished(r: { seconds: number; rows: number; ok: boolean }): void {
    this.ingests.observe({ outcome: r.ok ? 'ok' : 'failed' }, r.seconds);
    if (r.ok) this.ingestRows.inc(r.rows);
  }

  jobFinished(r: { type: string; seconds: number; ok: boolean }): void {
    this.jobs.observe({ type: r.type, outcome: r.ok ? 'ok' : 'failed' }, r.seconds);
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A cache's hit and miss counts, read at each scrape under `cache="<name>"`. */
  watchCache(name: string, counts: () => CacheCounts): void {
    this.caches.set(name, counts);
  }

  /** The job queue's depth, oldest wait and dead letters, read at each scrape. */
  watchQueue(stats: () => Promise<QueueStats>): void {
    const registers = [this.registry];
    let last: Promise<QueueStats | undefined> | undefined;
    // One read serves the four gauges of a scrape; the next scrape reads again.
    const once = (): Promise<QueueStats | undefined> => {
      last ??= stats().catch(() => undefined).finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    const gauge = (name: string, help: string, pick: (s: QueueStats) => number) =>
      new Gauge({ name, help, registers, async collect() {
        const s = await once();
        if (s) this.set(pick(s));
        else this.set(NaN);
      } });
    gauge('plaza_jobs_queued', 'Jobs waiting for a worker.', (s) => s.queued);
    gauge('plaza_jobs_running', 'Jobs a worker is running.', (s) => s.running);
    gauge('plaza_jobs_dead', 'Jobs set aside after their last attempt (dead letters), for an administrator to retry.', (s) => s.dead);
    gauge('plaza_jobs_oldest_queued_age_seconds', 'How long the oldest queued job has waited (0 when none waits).', (s) => s.oldestQueuedAgeSeconds);
  }

  /** DuckDB's memory, read at each scrape. */
  watchEngineMemory(memory: () => Promise<EngineMemory>): void {
    const registers = [this.registry];
    let last: Promise<EngineMemory | undefined> | undefined;
    const once = (): Promise<EngineMemory | undefined> => {
      last ??= memory().catch(() => undefined).finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    new Gauge({ name: 'plaza_duckdb_memory_bytes', help: 'Memory DuckDB holds now (its buffer manager, all tags).', registers, async collect() {
      const m = await once();
      if (m) this.set(m.usedBytes);
      else this.set(NaN);
    } });
    new Gauge({ name: 'plaza_duckdb_temporary_storage_bytes', help: 'What DuckDB has spilled to its temporary folder now.', registers, async collect() {
      const m = await once();
      if (m) this.set(m.temporaryBytes);
      else this.set(NaN);
    } });
  }
}

/** The names of every series Plaza itself exports (Node's process metrics come besides), for the docs test. */
export const PLAZA_METRIC_NAMES = [
  'plaza_http_request_duration_seconds',
  'plaza_ingest_duration_seconds',
  'plaza_ingest_rows_total',
  'plaza_job_duration_seconds',
  'plaza_cache_hits',
  'plaza_cache_misses',
  'plaza_cache_hit_ratio',
  'plaza_jobs_queued',
  'plaza_jobs_running',
  'plaza_jobs_dead',
  'plaza_jobs_oldest_queued_age_seconds',
  'plaza_duckdb_memory_bytes',
  'plaza_duckdb_temporary_storage_bytes',
] as const;
