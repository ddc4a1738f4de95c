import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { buildApp } from '../http/app.ts';
import type { Plaza } from './container.ts';

/**
 * Starts the web server of a built Plaza; returns the listening app. A web
 * process without the worker (`plaza web`) also runs the steps that write
 * what it keeps in memory.
 */
export async function startWeb(plaza: Plaza, opts: { withWorker: boolean }): Promise<FastifyInstance> {
  const { config } = plaza;
  const app = await buildApp(
    { deps: plaza.deps, siteName: config.siteName, baseUrl: config.baseUrl },
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

/** Stops taking requests (if this process serves any), lets running work finish, then closes the stores. */
export function shutdownOnSignals(app: FastifyInstance | undefined, plaza: Plaza): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app?.log.info({ signal }, 'shutting down');
    await app?.close();
    await plaza.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
