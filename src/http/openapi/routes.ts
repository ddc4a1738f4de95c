import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { route } from '../route.ts';
import { assertUniqueRoutes, openApiDocument, type OpenApiDocument } from './document.ts';
import { pageContext } from '../pages/components/page-context.ts';
import { referencePage } from './reference.tsx';

/** The version of the API the document describes (the `/api/v1` in every path). */
export const API_VERSION = '1';

/**
 * `GET /api/v1/openapi.json` and the readable `GET /api/reference`. Both are
 * built from the registry on their first request, once every route is
 * registered, and kept. Two routes sharing an operationId stop the app at
 * start (`ready()` fails with their names).
 */
export function openApiRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { registry } = ctx;
  let doc: OpenApiDocument | undefined;
  const serverUrl = (ctx.baseUrl || ctx.deps.site.baseUrl || '/').replace(/(.)\/$/, '$1');
  const documentOf = (): OpenApiDocument =>
    (doc ??= openApiDocument(registry, { title: `${ctx.siteName} API`, version: API_VERSION, serverUrl }));

  app.addHook('onReady', async () => assertUniqueRoutes(registry.routes));

  route(app, registry, {
    method: 'GET', path: '/api/v1/openapi.json', operationId: 'getOpenApiDocument', tag: 'System', access: 'public',
    summary: 'This API described as an OpenAPI 3.1 document',
    description: 'Every route with its parameters, bodies, responses and who may call it, built from the same schemas that check requests. A readable version is at `/api/reference`.',
    responses: { 200: { description: 'The OpenAPI document' } },
  }, async () => documentOf());

  app.get('/api/reference', async (req, reply) => {
    const page = referencePage(await pageContext(ctx, req), documentOf(), registry.routes).value;
    return reply.status(200).header('Content-Type', 'text/html; charset=utf-8').send(page);
  });
}
