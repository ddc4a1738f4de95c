import type { FastifyInstance } from 'fastify';
import { checkReady } from '../../../actions/site/ready.ts';
import type { HttpContext } from '../../context.ts';
import { route } from '../../route.ts';

export function systemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  route(app, ctx.registry, {
    method: 'GET', path: '/healthz', operationId: 'health', tag: 'System', access: 'public',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: '`{ status: "ok" }`' } },
  }, async () => ({ status: 'ok' }));
  route(app, ctx.registry, {
    method: 'GET', path: '/readyz', operationId: 'ready', tag: 'System', access: 'public',
    summary: 'Readiness: the catalog database answers',
    responses: { 200: { description: '`{ status: "ready" }`' } },
  }, async () => {
    await checkReady(ctx.deps);
    return { status: 'ready' };
  });
}
