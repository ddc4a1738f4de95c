import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UseCounter } from '../actions/catalog/popularity.ts';
import type { Deps } from '../actions/deps.ts';
import { SharpImages } from '../adapters/images/sharp.ts';
import { SHOWCASE_IMAGE_MAX_BYTES, SHOWCASE_IMAGE_MAX_PIXELS, SHOWCASE_IMAGE_WIDTHS } from '../domain/community/showcases.ts';
import { LocalScratchSpace } from '../adapters/scratch/local.ts';
import { DuckTableEngine } from '../adapters/duckdb/engine.ts';
import { exportWriters } from '../adapters/export/index.ts';
import { LocalSourcePreparer } from '../adapters/files/prepare.ts';
import { BUILT_IN_LOCALES, loadLocales } from '../adapters/locales/files.ts';
import { addressCheck } from '../adapters/net/address-check.ts';
import { outboundFetch } from '../adapters/net/outbound-fetch.ts';
import { FetchWebhookSender } from '../adapters/webhook/sender.ts';
import { DEFAULT_THEMES } from '../domain/catalog/vocab.ts';
import { ConfigError, type Config } from '../config.ts';
import { Notifier } from '../jobs/notifier.ts';
import { JobWorker, type WorkerLog } from '../jobs/worker.ts';
import { AsyncLocalTrace } from '../adapters/trace/async-local.ts';
import { operability } from './operability.ts';
import type { PrometheusMetrics } from '../adapters/metrics/prometheus.ts';
import type { CatalogStore } from '../ports/catalog-store.ts';
import type { Mailer } from '../ports/mailer.ts';
import { JOB_HANDLERS, WEB_STEPS, WORKER_STEPS } from './background.ts';
import { openBlobs } from './blobs.ts';
import { observedHandlers } from '../actions/jobs/observed.ts';
import { connectRedis, rateLimiters } from './redis.ts';
import { openSignals } from './signals.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';
import { systemClock } from '../ports/clock.ts';

/** Background work a process runs: started by its role, stopped at shutdown. */
export interface Background {
  start(): Promise<void>;
  /** Stops; a job still running after `graceMs` (default: the shutdown setting) is handed back to the queue. */
  stop(graceMs?: number): Promise<void>;
  wake(): void;
}

export interface Plaza {
  config: Config;
  deps: Deps;
  /** The worker role: queued jobs and every background step; woken by `job-queued` signals while started. */
  worker: Background;
  /** What a web process without the worker runs itself (WEB_STEPS). */
  webSteps: Background;
  jobs: JobWorker;
  notifier: Notifier;
  /** The Prometheus series `/metrics` shows; a web process adds its page cache. */
  metrics: PrometheusMetrics;
  /** The rate limiter of each kind of budget (`api`, `community`): in Redis when configured, shared by every node. */
  rateLimiter: (name: string) => RateLimiter;
  close(): Promise<void>;
}

/**
 * The catalog database the settings name: PostgreSQL for a postgres:// URL,
 * else SQLite in the data folder. Only the one named is loaded.
 */
async function openCatalog(config: Config): Promise<CatalogStore> {
  const url = config.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return (await import('../adapters/postgres/catalog-store.ts')).openPostgresCatalog(url);
  if (url) throw new ConfigError(`PLAZA_DATABASE_URL must be a postgres:// URL (or unset, for SQLite in the data folder); got "${url.split(':')[0]}:…".`);
  return (await import('../adapters/sqlite/catalog-store.ts')).openSqliteCatalog(join(config.dataDir, 'catalog.sqlite'));
}

/** The mailer, loaded only when PLAZA_SMTP_URL names a server. */
async function openMailer(config: Config): Promise<Mailer | null> {
  if (!config.smtpUrl) return null;
  const { SmtpMailer } = await import('../adapters/smtp/mailer.ts');
  return SmtpMailer.fromUrl(config.smtpUrl, config.mailFrom);
}

const quiet: WorkerLog = { info: () => undefined, error: () => undefined };

/** Builds every adapter from the settings and wires them into the actions' dependencies. */
export async function createPlaza(config: Config, opts: { log?: WorkerLog; overrides?: Partial<Deps> } = {}): Promise<Plaza> {
  await mkdir(config.dataDir, { recursive: true });
  const o = opts.overrides ?? {};
  const log = opts.log ?? quiet;
  // Claimed first: it sweeps what stopped processes left, and holds the engine's spill folder.
  const scratch = o.scratch ?? (await LocalScratchSpace.open(config.dataDir, { minFreeBytes: config.minFreeDiskBytes, log: (r) => log.info({ removed: r.removed, bytes: r.bytes }, 'scratch files no running work owns were removed') }));
  // DuckDB starts on its own threads while the catalog opens and migrates.
  const starting = o.engine ? Promise.resolve(o.engine) : DuckTableEngine.create({ threads: config.duckdbThreads, memoryLimit: config.duckdbMemory, tempDir: scratch.engineDir });
  const [opened, started] = await Promise.allSettled([o.catalog ? Promise.resolve(o.catalog) : openCatalog(config), starting]);
  if (opened.status === 'rejected' || started.status === 'rejected') {
    if (opened.status === 'fulfilled' && !o.catalog) await opened.value.close().catch(() => undefined);
    if (started.status === 'fulfilled' && !o.engine) await started.value.close().catch(() => undefined);
    throw opened.status === 'rejected' ? opened.reason : (started as PromiseRejectedResult).reason;
  }
  const catalog = opened.value;
  const engine = started.value;
  const redis = connectRedis(config, log);
  const signals = o.signals ?? (await openSignals(config, log, redis));
  let pagesVersion = 0;
  const outbound = outboundFetch({ allowPrivate: config.allowPrivateUrls });
  const blobs = o.blobs ?? (await openBlobs(config, log));
  const ops = operability();
  const deps: Deps = {
    blobs,
    images: new SharpImages(blobs, { maxBytes: SHOWCASE_IMAGE_MAX_BYTES, maxPixels: SHOWCASE_IMAGE_MAX_PIXELS, widths: SHOWCASE_IMAGE_WIDTHS }),
    scratch,
    engine,
    preparer: new LocalSourcePreparer(),
    exportWriters,
    mailer: await openMailer(config),
    webhooks: new FetchWebhookSender(outbound),
    fetch: outbound,
    checkAddress: addressCheck({ allowPrivate: config.allowPrivateUrls }),
    uses: new UseCounter(),
    changes: { version: () => pagesVersion },
    locales: loadLocales([BUILT_IN_LOCALES, config.localesDir]),
    clock: systemClock,
    limits: { maxUploadBytes: config.maxUploadBytes, maxExpandedBytes: config.maxExpandedBytes, maxRows: config.maxRows, queryTimeoutMs: config.queryTimeoutMs, fetchTimeoutMs: config.fetchTimeoutMs, harvest: config.harvest, peerSearchMs: config.peerSearchMs, readyTimeoutMs: config.readyTimeoutMs },
    site: {
      name: config.siteName,
      baseUrl: config.baseUrl,
      themes: config.themes ?? [...DEFAULT_THEMES],
      sessionDays: config.sessionDays,
      digestHours: config.digestHours,
      metricsToken: config.metricsToken,
    },
    newId: randomUUID,
    signals,
    probes: [],
    trace: new AsyncLocalTrace(),
    metrics: ops.metrics,
    lifecycle: ops.lifecycle,
    ...opts.overrides,
    catalog,
  };
  deps.probes.push(
    { name: 'catalog', check: () => deps.catalog.ping() },
    { name: 'blobs', check: () => deps.blobs.check() },
    { name: 'duckdb', check: async () => void (await deps.engine.query('SELECT 1', [], { timeoutMs: 5_000 })) },
  );
  ops.watch(deps);
  if (redis) deps.probes.push({ name: 'redis', check: async () => void (await redis.commands.ping()) });
  // Pages changed here or, with signals shared between processes, elsewhere.
  deps.signals.listen('pages-changed', () => void pagesVersion++);
  catalog.onPagesChanged(() => deps.signals.send('pages-changed'));
  // Jobs and background steps this process holds carry its name (ADR 54).
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const jobs = new JobWorker(() => deps, observedHandlers(JOB_HANDLERS), log, { owner, leaseMs: config.jobs.leaseMs, maxAttempts: config.jobs.maxAttempts });
  const notifier = new Notifier(() => deps, [...WORKER_STEPS], log, undefined, { owner, leaseMs: config.jobs.leaseMs });
  let stopListening: (() => void) | undefined;
  const worker: Background = {
    async start() {
      await jobs.start();
      notifier.start();
      stopListening ??= deps.signals.listen('job-queued', () => worker.wake());
    },
    async stop(graceMs = config.shutdownMs) {
      stopListening?.();
      stopListening = undefined;
      await Promise.all([jobs.stop(graceMs), notifier.stop()]);
    },
    wake() {
      jobs.wake();
      notifier.wake();
    },
  };
  const webNotifier = new Notifier(() => deps, [...WEB_STEPS], log);
  const webSteps: Background = {
    async start() {
      webNotifier.start();
    },
    stop: () => webNotifier.stop(),
    wake: () => webNotifier.wake(),
  };
  return {
    config,
    deps,
    worker,
    webSteps,
    jobs,
    notifier,
    metrics: ops.metrics,
    rateLimiter: rateLimiters(redis, log),
    async close() {
      await Promise.all([worker.stop(), webSteps.stop()]);
      // Views counted since the last pass are not lost at shutdown.
      await deps.uses.flush(deps.catalog).catch(() => undefined);
      await deps.catalog.close();
      await deps.mailer?.close();
      await deps.engine.close();
      await deps.scratch.close();
      await deps.blobs.close();
      await deps.signals.close();
      await redis?.close();
    },
  };
}
