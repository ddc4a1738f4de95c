import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { buildApp } from '../http/app.ts';
import { PageCache } from '../http/pages/page-cache.ts';
import { RecordsCache } from '../http/api/records/answer-cache.ts';
import type { WorkerLog } from '../jobs/worker.ts';
import type { Plaza } from './container.ts';

/**
 * Starts the web server of a built Plaza; returns the listening app. A web
 * process without the worker (`plaza web`) also runs the steps that write
 * what it keeps in memory.
 */
export async function startWeb(plaza: Plaza, opts: { withWorker: boolean }): Promise<FastifyInstance> {
  const { config } = plaza;
  const pages = new PageCache(plaza.deps);
  const records = new RecordsCache();
  plaza.metrics.watchCache('pages', () => pages.counts);
  plaza.metrics.watchCache('records', () => ({ hits: records.hits, misses: records.misses }));
  const app = await buildApp(
    { deps: plaza.deps, siteName: config.siteName, baseUrl: config.baseUrl, pages, records },
    { logLevel: config.logLevel, rateLimits: { anonymous: config.rateLimitAnonymous, token: config.rateLimitToken }, communityLimits: config.communityLimits, trustProxy: config.trustProxy, rateLimiter: plaza.rateLimiter },
  );
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError('conflict', `Port ${config.port} on ${config.host} is already in use. Stop the other program or set PLAZA_PORT to another port.`);
    }
    throw e;
  }
  if (!opts.withWorker) await plaza.webSteps.start();
  return app;
}

/**
 * Stops taking connections and lets the requests in flight finish, for at
 * most `graceMs`; then closes the connections still open. Resolves with
 * whether every request finished in time.
 */
async function drain(app: FastifyInstance, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const closing = app.close();
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([closing.then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'closed') return true;
  app.server.closeAllConnections();
  await closing;
  return false;
}

/**
 * A graceful stop: the process says it is stopping (`/readyz` answers 503,
 * event streams end), stops accepting connections, lets requests in flight
 * and running work finish within `config.shutdownMs` (the job worker hands
 * back what it cannot finish), then closes the stores.
 */
export async function shutdown(app: FastifyInstance | undefined, plaza: Plaza, log: WorkerLog): Promise<void> {
  const graceMs = plaza.config.shutdownMs;
  const started = Date.now();
  plaza.deps.lifecycle.beginStopping();
  const [drained] = await Promise.all([app ? drain(app, graceMs) : true, plaza.worker.stop(), plaza.webSteps.stop()]);
  if (!drained) log.error({ graceMs }, 'requests still running at the end of the shutdown grace were cut off');
  await plaza.close();
  log.info({ seconds: (Date.now() - started) / 1000 }, 'stopped');
}

/**
 * On SIGTERM or SIGINT, stops gracefully (`shutdown`) and exits 0. A second
 * signal, or a stop that overruns the grace by 10 s, exits at once with 1.
 */
export function shutdownOnSignals(app: FastifyInstance | undefined, plaza: Plaza, log: WorkerLog = app?.log ?? { info: () => undefined, error: () => undefined }): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) {
      log.error({ signal }, 'a second signal: stopping at once');
      process.exit(1);
    }
    closing = true;
    log.info({ signal, graceSeconds: plaza.config.shutdownMs / 1000 }, 'shutting down');
    setTimeout(() => {
      log.error({ graceSeconds: plaza.config.shutdownMs / 1000 }, 'the shutdown overran its grace; stopping at once');
      process.exit(1);
    }, plaza.config.shutdownMs + 10_000).unref();
    try {
      await shutdown(app, plaza, log);
    } catch (e) {
      log.error({ err: (e as Error).message, stack: (e as Error).stack }, 'the shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
