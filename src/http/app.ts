import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { datasetRoutes } from './api/datasets/routes.ts';
import { jobRoutes } from './api/jobs/routes.ts';
import { recordsRoutes } from './api/records/routes.ts';
import { exportRoutes } from './api/records/export-routes.ts';
import { systemRoutes } from './api/system/routes.ts';
import type { HttpContext } from './context.ts';
import { errorBody, handleError } from './errors.ts';
import { pageRoutes } from './pages/routes.ts';

export interface AppOptions {
  logLevel?: string;
  /** Receives every route as it is registered (the docs test lists them). */
  onRoute?: (method: string, url: string) => void;
}

/** The web application: JSON API under /api/v1, pages elsewhere, one error shape. */
export async function buildApp(ctx: HttpContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info' },
    // Access logs belong to the reverse proxy; Plaza logs what goes wrong.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
  });
  // One byte over the limit reaches the action, which refuses the file and keeps nothing.
  await app.register(multipart, { limits: { fileSize: ctx.deps.limits.maxUploadBytes + 1, files: 1, fields: 20 }, throwFileSizeLimit: true });
  const onRoute = opts.onRoute;
  if (onRoute) app.addHook('onRoute', (r) => [r.method].flat().forEach((m) => onRoute(m, r.url)));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(errorBody('not_found', `Nothing is at ${req.method} ${req.url.split('?')[0]}.`));
  });
  systemRoutes(app, ctx);
  datasetRoutes(app, ctx);
  recordsRoutes(app, ctx);
  exportRoutes(app, ctx);
  jobRoutes(app, ctx);
  pageRoutes(app, ctx);
  return app;
}
