import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app.ts';
import type { Plaza } from './container.ts';

/** Starts the web server and the job worker of a built Plaza; returns the listening app. */
export async function startWeb(plaza: Plaza): Promise<FastifyInstance> {
  const { config } = plaza;
  const app = await buildApp({ deps: plaza.deps, siteName: config.siteName, baseUrl: config.baseUrl }, { logLevel: config.logLevel });
  await plaza.worker.start();
  await app.listen({ host: config.host, port: config.port });
  return app;
}

/** Stops taking requests, lets running work finish, then closes the stores. */
export function shutdownOnSignals(app: FastifyInstance, plaza: Plaza): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await plaza.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
