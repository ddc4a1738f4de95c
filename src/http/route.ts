import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { invalidInput } from '../domain/catalog/schemas.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route, as documented in the API reference. The actions make
 * the real decision; the authorization matrix test checks the two agree.
 * - `public`: anyone; what is returned depends on who asks.
 * - `signed-in`: a session or an API token.
 * - `editor`, `org-admin`, `site-admin`: that role (or above) where the route acts.
 */
export type Access = 'public' | 'signed-in' | 'editor' | 'org-admin' | 'site-admin';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/** One API route: its schemas validate requests and generate the OpenAPI document. */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: Method;
  /** OpenAPI style: `/api/v1/datasets/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: P;
  query?: Q;
  /** A JSON body (or an urlencoded form, parsed to the same object). */
  body?: B;
  /**
   * Set when the route's action validates the body itself, as it must when
   * pages and the CLI call it with their own input and when its checks need
   * the site's settings (themes): `route()` documents `body` and does not
   * read it, so the body is checked once, by the action, and the handler
   * passes `req.body` on.
   */
  bodyCheckedBy?: 'action';
  /** Set for uploads: the body is multipart/form-data, read by the handler itself. */
  multipart?: { description: string; fields: Record<string, string> };
  responses: Record<number, ResponseSpec>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** Every route declared with `route`, in order; the OpenAPI document and the tests read it. */
export class ApiRegistry {
  readonly routes: RouteSpec[] = [];
  /**
   * Runs before a non-public route validates its input, so that a stranger
   * hears "sign in" (401) rather than what is wrong with the body. Set by the app.
   */
  gate: ((req: FastifyRequest) => Promise<void>) | undefined;
}

const fastifyPath = (path: string): string => path.replace(/\{([A-Za-z_]+)\}/g, ':$1');

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, subject: string): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidInput(subject, r.error);
  return r.data;
}

/** Declares a route: registers it with Fastify and the registry, validating params, query and body first. */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  registry: ApiRegistry,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
): void {
  registry.routes.push(spec as unknown as RouteSpec);
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    handler: async (req, reply) => {
      if (spec.access !== 'public') await registry.gate?.(req);
      const params = parsePart(spec.params, req.params, 'The path is');
      const query = parsePart(spec.query, req.query, 'The query is');
      const body = spec.multipart || spec.bodyCheckedBy === 'action' ? undefined : parsePart(spec.body, req.body, 'The request body is');
      return handler({ params, query, body: body as z.infer<B>, req, reply });
    },
  });
}
