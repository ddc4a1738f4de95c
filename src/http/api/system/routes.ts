import type { FastifyInstance } from 'fastify';
import { readMetrics } from '../../../actions/site/metrics.ts';
import { checkReady } from '../../../actions/site/ready.ts';
import type { HttpContext } from '../../context.ts';
import { route } from '../../route.ts';

/** The token of an `Authorization: Bearer …` header, if the request has one. */
const bearerOf = (header: string | undefined): string | undefined => /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();

export function systemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  route(app, ctx.registry, {
    method: 'GET', path: '/healthz', operationId: 'health', tag: 'System', access: 'public',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: '`{ status: "ok" }`' } },
  }, async () => ({ status: 'ok' }));
  route(app, ctx.registry, {
    method: 'GET', path: '/readyz', operationId: 'ready', tag: 'System', access: 'public',
    summary: 'Readiness: the catalog, blob store, DuckDB and Redis (when configured) answer, and the process is not stopping',
    description: 'Every probe is asked at once, each within 2 s. While the process stops (after SIGTERM) the answer is 503 at once, so that a load balancer sends no more.',
    responses: {
      200: { description: '`{ status: "ready", checks: { catalog: "ok", blobs: "ok", duckdb: "ok", … } }`' },
      503: { description: '`{ status: "not ready", checks: { …, name: "why it failed" } }`, or `{ status: "stopping", checks: {} }` during shutdown' },
    },
  }, async ({ reply }) => {
    const r = await checkReady(ctx.deps, ctx.deps.limits.readyTimeoutMs);
    void reply.header('Cache-Control', 'no-store');
    if (r.ready) return { status: 'ready', checks: r.checks };
    return reply.status(503).send({ status: r.stopping ? 'stopping' : 'not ready', checks: r.checks });
  });
  route(app, ctx.registry, {
    method: 'GET', path: '/metrics', operationId: 'metrics', tag: 'System', access: 'public',
    summary: 'Prometheus metrics of this process',
    description: 'The Prometheus text format: request latency per route, ingests, jobs, the job queue, caches, DuckDB memory, event-loop lag and process metrics (docs/operations.md). With `PLAZA_METRICS_TOKEN` set, only `Authorization: Bearer <token>` gets them.',
    responses: {
      200: { description: 'The metrics', contentType: 'text/plain' },
      401: { description: '`PLAZA_METRICS_TOKEN` is set and the request does not bear it' },
    },
  }, async ({ req, reply }) => {
    const m = await readMetrics(ctx.deps, bearerOf(req.headers.authorization));
    return reply.header('Content-Type', m.contentType).header('Cache-Control', 'no-store').send(m.body);
  });
}
