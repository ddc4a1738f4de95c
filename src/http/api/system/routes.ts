import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../../context.ts';

export function systemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => {
    await ctx.deps.catalog.countTokens();
    return { status: 'ready' };
  });
}
