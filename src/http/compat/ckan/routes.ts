import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, type HttpContext } from '../../context.ts';
import { CATALOG_ACTIONS } from './catalog-actions.ts';
import { DATASTORE_ACTIONS } from './datastore-actions.ts';
import type { CkanAction } from './action.ts';
import { CkanError, failure, success, toCkanError } from './envelope.ts';

/** Every CKAN action Plaza answers, by name. */
export const CKAN_ACTIONS: Readonly<Record<string, CkanAction>> = { ...CATALOG_ACTIONS, ...DATASTORE_ACTIONS };

/** Query parameters, then a JSON or form body (POST): CKAN's clients send either. */
function paramsOf(req: FastifyRequest): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body = req.method === 'POST' && req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  return { ...query, ...body };
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
      return reply.code(err.status).type('application/json; charset=utf-8').send(failure(ctx.baseUrl, name, err));
    }
  };
  for (const prefix of ['/api/3/action', '/api/action']) {
    app.get(`${prefix}/:action`, handle);
    app.post(`${prefix}/:action`, handle);
  }
}
