import { ERROR_CODES } from '../../domain/errors.ts';
import type { Access, ApiRegistry, RouteSpec } from '../route.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { asRepeatable, isArraySchema, isFormFriendly, toJsonSchema, type JsonSchema, type SchemaDefs } from './schema.ts';

export interface OpenApiInfo {
  title: string;
  version: string;
  serverUrl: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  style?: 'form';
  explode?: boolean;
}

export interface MediaType {
  schema?: JsonSchema;
}

export interface RequestBody {
  description?: string;
  required: boolean;
  content: Record<string, MediaType>;
}

export type ResponseObject = { description: string; content?: Record<string, MediaType>; headers?: Record<string, unknown> } | { $ref: string };

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: SchemaDefs;
    responses: Record<string, { description: string; content: Record<string, MediaType>; headers?: Record<string, unknown> }>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

const ACCESS_TEXT: Record<Access, string> = {
  public: 'anyone, signed in or not; what comes back depends on who asks.',
  'signed-in': 'anyone signed in (a session or an API token).',
  editor: 'editors of the organization concerned, its admins, and site admins.',
  'org-admin': 'admins of the organization concerned, and site admins.',
  'site-admin': 'site admins only.',
};

/** The "Who may call it" sentence for a route's access level. */
export const whoMayCall = (access: Access): string => `Who may call it: ${ACCESS_TEXT[access]}`;

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const errorContent = { 'application/json': { schema: ERROR_REF } };
const integerHeader = (description: string) => ({ description, schema: { type: 'integer' } });

/** The error responses every operation shares, by status. */
const SHARED_ERRORS: Record<number, { name: string; description: string; headers?: Record<string, unknown> }> = {
  400: { name: 'BadRequest', description: 'The request is not valid: `validation_failed` (each field\'s problem in `details.fields`), `query_syntax`, `unknown_column` or `query_invalid` (the parameter and position in `details`), or `bad_request`.' },
  401: { name: 'Unauthorized', description: '`unauthorized`: sign in, or send a valid API token as `Authorization: Bearer <token>`.' },
  403: { name: 'Forbidden', description: '`forbidden`: signed in but not allowed to do this; `csrf_failed`: a change sent with the session cookie but without its `X-CSRF-Token` header.' },
  404: { name: 'NotFound', description: '`not_found`: nothing is there, or it is something the caller may not see.' },
  409: { name: 'Conflict', description: '`conflict`: the change does not fit the current state (a taken slug, a workflow move that is not allowed); `details` says what would.' },
  413: { name: 'PayloadTooLarge', description: '`payload_too_large`: the body or the file is larger than the limit.' },
  429: {
    name: 'TooManyRequests',
    description: '`rate_limited`: too many requests; wait the number of seconds in `Retry-After`.',
    headers: {
      'Retry-After': integerHeader('Seconds to wait before trying again.'),
      'RateLimit-Limit': integerHeader('Requests allowed per window.'),
      'RateLimit-Remaining': integerHeader('Requests left in the window.'),
      'RateLimit-Reset': integerHeader('Seconds until the full budget is back.'),
    },
  },
  500: { name: 'InternalError', description: '`internal`: something went wrong on the server; it was logged.' },
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const METHOD_ORDER = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];
/** Either way of signing in will do. */
const security = (): Array<Record<string, string[]>> => [{ bearerToken: [] }, { sessionCookie: [] }];

/** Fails with a clear message when two routes share an operationId or a method and path. */
export function assertUniqueRoutes(routes: readonly RouteSpec[]): void {
  const ids = new Map<string, RouteSpec>();
  const places = new Set<string>();
  for (const r of routes) {
    const seen = ids.get(r.operationId);
    if (seen) throw new Error(`Two API routes share the operationId "${r.operationId}": ${seen.method} ${seen.path} and ${r.method} ${r.path}. Give each route its own.`);
    ids.set(r.operationId, r);
    const place = `${r.method} ${r.path}`;
    if (places.has(place)) throw new Error(`Two API routes are declared for ${place}.`);
    places.add(place);
  }
}

/** The names of the `{params}` in an OpenAPI path, in order. */
export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] as string);

const propertiesOf = (s: JsonSchema): Array<[string, JsonSchema]> =>
  typeof s.properties === 'object' && s.properties !== null ? Object.entries(s.properties as Record<string, JsonSchema>) : [];
const requiredOf = (s: JsonSchema): string[] => (Array.isArray(s.required) ? (s.required as string[]) : []);

/** Splits a property's description off its schema, for a parameter. */
function parameter(name: string, where: 'path' | 'query', required: boolean, prop: JsonSchema): Parameter {
  const { description, ...schema } = prop;
  const p: Parameter = { name, in: where, required, schema };
  if (typeof description === 'string') p.description = description;
  if (where === 'query' && isArraySchema(schema)) Object.assign(p, { schema: asRepeatable(schema), style: 'form', explode: true });
  return p;
}

function parametersOf(spec: RouteSpec, defs: SchemaDefs): Parameter[] {
  const out: Parameter[] = [];
  const params = spec.params ? toJsonSchema(spec.params, 'input', defs, `${spec.operationId}_params`) : {};
  const declared = new Map(propertiesOf(params));
  for (const name of pathParamNames(spec.path)) out.push(parameter(name, 'path', true, declared.get(name) ?? { type: 'string' }));
  if (spec.query) {
    const query = toJsonSchema(spec.query, 'input', defs, `${spec.operationId}_query`);
    const required = requiredOf(query);
    const props = propertiesOf(query);
    if (props.length) for (const [name, prop] of props) out.push(parameter(name, 'query', required.includes(name), prop));
    else if (query.type === 'object' || query.additionalProperties) out.push({ name: 'params', in: 'query', required: false, schema: query, style: 'form', explode: true });
  }
  return out;
}

function requestBodyOf(spec: RouteSpec, defs: SchemaDefs): RequestBody | undefined {
  const content: Record<string, MediaType> = {};
  let required = false;
  if (spec.body) {
    const schema = toJsonSchema(spec.body, 'input', defs, `${spec.operationId}_body`);
    content['application/json'] = { schema };
    if (isFormFriendly(schema)) content['application/x-www-form-urlencoded'] = { schema };
    required = requiredOf(schema).length > 0;
  }
  if (spec.multipart) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, description] of Object.entries(spec.multipart.fields)) {
      properties[name] = name === 'file' ? { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream', description } : { type: 'string', description };
    }
    content['multipart/form-data'] = { schema: { type: 'object', properties, ...('file' in properties ? { required: ['file'] } : {}) } };
    required = true;
  }
  if (!Object.keys(content).length) return undefined;
  return { ...(spec.multipart ? { description: spec.multipart.description } : {}), required, content };
}

/** The error statuses an operation can answer besides the ones it declares. */
function sharedErrorStatuses(spec: RouteSpec, params: Parameter[], hasBody: boolean): number[] {
  const s = [500];
  if (params.length || hasBody) s.push(400);
  if (spec.access !== 'public') s.push(401, 403);
  if (params.some((p) => p.in === 'path')) s.push(404);
  if (WRITES.has(spec.method) && spec.access !== 'public') s.push(409);
  if (hasBody) s.push(413);
  if (spec.path.startsWith('/api/')) s.push(429);
  return s;
}

function responsesOf(spec: RouteSpec, params: Parameter[], hasBody: boolean, defs: SchemaDefs): Record<string, ResponseObject> {
  const out: Record<number, ResponseObject> = {};
  for (const [code, r] of Object.entries(spec.responses)) {
    const status = Number(code);
    if (status >= 400) {
      const headers = SHARED_ERRORS[status]?.headers;
      const content = r.schema ? { [r.contentType ?? 'application/json']: { schema: toJsonSchema(r.schema, 'output', defs, `${spec.operationId}_${code}`) } } : errorContent;
      out[status] = { description: r.description, content, ...(headers ? { headers } : {}) };
      continue;
    }
    const media: MediaType = r.schema ? { schema: toJsonSchema(r.schema, 'output', defs, `${spec.operationId}_${code}`) } : {};
    out[status] = status === 204 ? { description: r.description } : { description: r.description, content: { [r.contentType ?? 'application/json']: media } };
  }
  for (const status of sharedErrorStatuses(spec, params, hasBody)) {
    const shared = SHARED_ERRORS[status];
    if (shared && !(status in out)) out[status] = { $ref: `#/components/responses/${shared.name}` };
  }
  return Object.fromEntries(Object.keys(out).map(Number).sort((a, b) => a - b).map((k) => [String(k), out[k] as ResponseObject]));
}

/** One route as an OpenAPI operation; shared schemas it needs land in `defs`. */
export function operationFor(spec: RouteSpec, defs: SchemaDefs): Operation {
  const parameters = parametersOf(spec, defs);
  const requestBody = requestBodyOf(spec, defs);
  const op: Operation = {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, whoMayCall(spec.access)].filter(Boolean).join('\n\n'),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responsesOf(spec, parameters, requestBody !== undefined, defs),
  };
  if (spec.access !== 'public') op.security = security();
  return op;
}

function components(defs: SchemaDefs): OpenApiDocument['components'] {
  const error: JsonSchema = {
    type: 'object',
    description: 'Every error has this shape.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'Stable; programs branch on it.' },
          message: { type: 'string', description: 'A sentence for people.' },
          details: { type: 'object', additionalProperties: true, description: 'What went wrong where, e.g. `fields` for validation, `param` and `position` for query syntax.' },
        },
      },
    },
  };
  const schemas: SchemaDefs = { Error: error };
  for (const key of Object.keys(defs).sort()) schemas[key] = defs[key] as JsonSchema;
  const responses: OpenApiDocument['components']['responses'] = {};
  for (const shared of Object.values(SHARED_ERRORS)) responses[shared.name] = { description: shared.description, content: errorContent, ...(shared.headers ? { headers: shared.headers } : {}) };
  return {
    schemas,
    responses,
    securitySchemes: {
      bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token: `Authorization: Bearer <token>`. Create one on your account page or with `plaza admin create`.' },
      sessionCookie: {
        type: 'apiKey', in: 'cookie', name: SESSION_COOKIE,
        description: 'The session cookie set by `POST /api/v1/session`. Every change (POST, PUT, PATCH, DELETE) sent with it must also carry the session\'s CSRF token, from `GET /api/v1/session`, in the `X-CSRF-Token` header; without it the answer is 403 `csrf_failed`.',
      },
    },
  };
}

/** The OpenAPI 3.1 document of every route in the registry, paths sorted, the same output for the same routes. */
export function openApiDocument(registry: ApiRegistry, info: OpenApiInfo): OpenApiDocument {
  assertUniqueRoutes(registry.routes);
  const defs: SchemaDefs = {};
  const specs = [...registry.routes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method)));
  const paths: OpenApiDocument['paths'] = {};
  for (const spec of specs) (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operationFor(spec, defs);
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description: 'Errors always have the shape `{ "error": { "code", "message", "details" } }`. Programs send an API token as a bearer token; browsers use the session cookie and its CSRF token.',
    },
    servers: [{ url: info.serverUrl }],
    tags: [...new Set(specs.map((s) => s.tag))].sort().map((name) => ({ name })),
    paths,
    components: components(defs),
  };
}
