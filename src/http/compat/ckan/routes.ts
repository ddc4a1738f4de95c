import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, type HttpContext } from '../../context.ts';
import { CATALOG_ACTIONS } from './catalog-actions.ts';
import { DATASTORE_ACTIONS } from './datastore-actions.ts';
import type { CkanAction } from './action.ts';
import { CkanError, refusal, success, toCkanError } from './envelope.ts';

/** Every CKAN action Plaza answers, by name. */
export const CKAN_ACTIONS: Readonly<Record<string, CkanAction>> = { ...CATALOG_ACTIONS, ...DATASTORE_ACTIONS };

/** Query parameters, then a JSON or form body (POST): CKAN's clients send either. A body that is not an object is refused, as CKAN does. */
function paramsOf(req: FastifyRequest): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  if (req.method !== 'POST' || req.body === undefined || req.body === null || req.body === '') return { ...query };
  if (typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new CkanError('Bad request', `Bad request - Bad request data: Request data JSON decoded to ${JSON.stringify(req.body).slice(0, 100)} but it needs to be a dictionary.`);
  }
  return { ...query, ...(req.body as Record<string, unknown>) };
}

/**
 * CKAN's Action API at `/api/3/action/{name}` and `/api/action/{name}`
 * (docs/ckan.md): GET or POST, every answer in CKAN's envelope, every
 * refusal in its error shape and status.
 */
export function ckanRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const handle = async (req: FastifyRequest<{ Params: { action: string } }>, reply: FastifyReply): Promise<unknown> => {
    const name = req.params.action;
    void reply.header('Access-Control-Allow-Origin', '*');
    try {
      const action = Object.hasOwn(CKAN_ACTIONS, name) ? CKAN_ACTIONS[name] : undefined;
      if (!action) throw new CkanError('Bad request', `Bad request - Action name not known: ${name}`);
      const principal = await actorOf(ctx.deps, req);
      const result = await action({ deps: ctx.deps, principal, params: paramsOf(req), baseUrl: ctx.baseUrl, req, reply });
      if (reply.sent) return reply;
      return reply.type('application/json; charset=utf-8').send(success(ctx.baseUrl, name, result));
    } catch (e) {
      const err = toCkanError(e);
      if (err.status >= 500) req.log.error({ err: e }, 'CKAN action failed');
      return reply.code(err.status).type('application/json; charset=utf-8').send(JSON.stringify(refusal(ctx.baseUrl, name, err)));
    }
  };
  // In a scope of their own, so that a body that is not JSON is refused in CKAN's shape too.
  void app.register(async (scope) => {
    scope.setErrorHandler((error: { statusCode?: number; message?: string }, req, reply) => {
      const name = (req.params as { action?: string } | undefined)?.action ?? '';
      void reply.header('Access-Control-Allow-Origin', '*');
      const err = error.statusCode === 400 || error.statusCode === 415 ? new CkanError('Bad request', `Bad request - JSON Error: ${error.message ?? 'the body cannot be read'}`) : toCkanError(error);
      if (err.status >= 500) req.log.error({ err: error }, 'CKAN request failed');
      return reply.code(err.status).type('application/json; charset=utf-8').send(JSON.stringify(refusal(ctx.baseUrl, name, err)));
    });
    for (const prefix of ['/api/3/action', '/api/action']) {
      scope.get(`${prefix}/:action`, handle);
      scope.post(`${prefix}/:action`, handle);
    }
  });
}
