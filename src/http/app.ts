import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { compressPages } from './compress.ts';
import { API_RESOURCES } from './api/index.ts';
import { COMPAT_DIALECTS } from './compat/index.ts';
import { feedRoutes } from './feeds/routes.ts';
import { sitemapRoutes } from './feeds/sitemap.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { requireUser } from '../actions/auth/authorize.ts';
import { actorOf, identityOf, type HttpContext } from './context.ts';
import { pageErrorHandlers } from './pages/error-pages.ts';
import { PAGE_AREAS } from './pages/areas.ts';
import { PageCache } from './pages/page-cache.ts';
import { RecordsCache } from './api/records/answer-cache.ts';
import { RateLimiter } from './rate-limit/limiter.ts';
import type { RateLimiter as SharedLimiter } from '../ports/rate-limiter.ts';
import { rateLimitHook } from './rate-limit/hook.ts';
import { communityLimitHook, type CommunityLimits } from './rate-limit/community.ts';
import { ApiRegistry } from './route.ts';
import { Assets } from './assets/bundles.ts';
import { securityHeaders } from './security-headers.ts';
import { operationsHooks, REQUEST_ID_LOG_LABEL, requestIdOptions } from './operations.ts';
import { LOG_REDACT_PATHS, LOG_REDACTED } from '../domain/net/log-redact.ts';

export interface AppOptions {
  logLevel?: string;
  /** Where log lines go (one JSON object per line); standard output when not given. */
  logStream?: { write(line: string): void };
  /** Receives every route as it is registered (the docs test lists them). */
  onRoute?: (method: string, url: string) => void;
  /** Requests per minute: anonymous callers per address, and per token or signed-in user (0: no limit). */
  rateLimits?: { anonymous: number; token: number };
  /** Proxies trusted for the client address (Fastify's trustProxy). */
  trustProxy?: boolean | string[];
  /** Posts and votes per hour in the community areas, per account and per address (none given: no limit). */
  communityLimits?: CommunityLimits;
  /** The limiter of each kind of budget (`api`, `community`), shared by every node through Redis; this process's own when not given. */
  rateLimiter?: (name: string) => SharedLimiter;
}

export type AppContext = Omit<HttpContext, 'registry' | 'assets' | 'pages'> & { registry?: ApiRegistry; assets?: Assets; pages?: PageCache };

/** The per-minute budget of a request: per token or user when it has one, else per address. */
function rateKey(ctx: HttpContext, limits: { anonymous: number; token: number }) {
  return async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return null;
    try {
      const { principal } = await identityOf(ctx.deps, req);
      if (principal.kind === 'user') return { key: principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`, limit: limits.token };
    } catch {
      // A bad token is answered by the route; it is counted as its address.
    }
    return { key: `ip:${req.ip}`, limit: limits.anonymous };
  };
}

/** The web application: JSON API under /api/v1, pages elsewhere, one error shape. */
export async function buildApp(context: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const ctx: HttpContext = { ...context, registry: context.registry ?? new ApiRegistry(), assets: context.assets ?? new Assets(), pages: context.pages ?? new PageCache(context.deps), records: context.records ?? new RecordsCache() };
  ctx.registry.gate = async (req) => requireUser(await actorOf(ctx.deps, req));
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info', redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACTED }, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    ...requestIdOptions,
    // Access logs belong to the reverse proxy; Plaza logs what goes wrong.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
    trustProxy: opts.trustProxy ?? false,
  });
  // First of the hooks, so that every answer carries them, a refusal by the rate limit too.
  securityHeaders(app, ctx);
  operationsHooks(app, ctx.deps);
  // One byte over the limit reaches the action, which refuses the file and keeps nothing.
  await app.register(multipart, { limits: { fileSize: ctx.deps.limits.maxUploadBytes + 1, files: 1, fields: 20 }, throwFileSizeLimit: true });
  // A field sent once is a string; one sent more than once (boxes ticked in a list) is the list of its values.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const form: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const had = form[k];
      form[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
    }
    done(null, form);
  });
  const onRoute = opts.onRoute;
  if (onRoute) app.addHook('onRoute', (r) => [r.method].flat().forEach((m) => onRoute(m, r.url)));
  const limits = opts.rateLimits ?? { anonymous: 0, token: 0 };
  if (limits.anonymous > 0 || limits.token > 0) {
    app.addHook('onRequest', rateLimitHook(opts.rateLimiter?.('api') ?? new RateLimiter({ now: () => Date.now() }), rateKey(ctx, limits), 60_000));
  }
  if (opts.communityLimits) communityLimitHook(app, ctx, opts.communityLimits, opts.rateLimiter?.('community'));
  const pageErrors = pageErrorHandlers(ctx);
  app.setErrorHandler(pageErrors.onError);
  app.setNotFoundHandler(pageErrors.onNotFound);
  // Pages differ by the reader's language (address, cookie, browser) and by who is signed in.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) void reply.header('Vary', 'Accept-Language, Cookie, Accept-Encoding');
    return payload;
  });
  compressPages(app);
  ctx.assets.routes(app);
  for (const resource of API_RESOURCES) resource.routes(app, ctx);
  feedRoutes(app, ctx);
  sitemapRoutes(app, ctx);
  openApiRoutes(app, ctx);
  for (const dialect of COMPAT_DIALECTS) dialect.routes(app, ctx);
  for (const area of PAGE_AREAS) area.routes(app, ctx);
  return app;
}
