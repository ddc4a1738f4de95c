import { Assets } from '../../src/http/assets/bundles.ts';
import { PageCache } from '../../src/http/pages/page-cache.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import type { HttpContext } from '../../src/http/context.ts';
import { openApiDocument, pathParamNames, type OpenApiDocument } from '../../src/http/openapi/document.ts';
import { openApiRoutes } from '../../src/http/openapi/routes.ts';
import { ApiRegistry, route, type RouteSpec } from '../../src/http/route.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let registry: ApiRegistry;
let doc: OpenApiDocument;

const INFO = { title: 'Test City API', version: '1', serverUrl: 'http://localhost' };
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** The app as the portal builds it, with the OpenAPI routes registered here when app.ts does not yet. */
async function appWith(extra?: (app: FastifyInstance, ctx: HttpContext) => void): Promise<{ app: FastifyInstance; registry: ApiRegistry }> {
  const registry = new ApiRegistry();
  const ctx: HttpContext = { deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry, assets: new Assets(), pages: new PageCache(t.deps) };
  const app = await buildApp(ctx, { logLevel: 'silent' });
  if (!registry.routes.some((r) => r.path === '/api/v1/openapi.json')) openApiRoutes(app, ctx);
  extra?.(app, ctx);
  return { app, registry };
}

beforeAll(async () => {
  t = await startTestPlaza();
  ({ app, registry } = await appWith((app, ctx) => {
    route(app, ctx.registry, {
      method: 'GET', path: '/api/v1/escape-check/{thing}', operationId: 'escapeCheck', tag: 'Zz <Test>', access: 'public',
      summary: 'Says <b>hi</b> & "bye"',
      description: 'Mentions <script>alert(1)</script> in `<code>`.',
      params: z.object({ thing: z.string() }),
      responses: { 200: { description: 'Nothing <here>' } },
    }, async () => ({}));
  }));
  await app.ready();
  doc = openApiDocument(registry, INFO);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/** Resolves a local `#/a/b` reference in the document, or undefined. */
function resolveRef(root: unknown, ref: string): unknown {
  return ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** The required fields of an OpenAPI 3.1 document, checked by hand; returns what is wrong. */
function structuralProblems(d: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => void (ok ? null : problems.push(what));
  const info = d.info as Record<string, unknown> | undefined;
  need(d.openapi === '3.1.0', 'openapi is 3.1.0');
  need(typeof info?.title === 'string' && typeof info.version === 'string', 'info.title and info.version');
  const paths = d.paths as Record<string, Record<string, Record<string, unknown>>>;
  need(paths && typeof paths === 'object', 'paths');
  const schemes = Object.keys((d.components as { securitySchemes?: object })?.securitySchemes ?? {});
  const tags = new Set(((d.tags ?? []) as Array<{ name: string }>).map((x) => x.name));
  for (const [path, item] of Object.entries(paths ?? {})) {
    need(path.startsWith('/'), `${path} starts with /`);
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      need(METHODS.includes(method), `${where}: a known method`);
      need(typeof op.operationId === 'string', `${where}: operationId`);
      for (const tag of (op.tags ?? []) as string[]) need(tags.has(tag), `${where}: tag ${tag} is listed`);
      const responses = op.responses as Record<string, Record<string, unknown>> | undefined;
      need(responses && Object.keys(responses).length > 0, `${where}: responses`);
      for (const [status, r] of Object.entries(responses ?? {})) {
        need(/^([1-5]\d\d|default)$/.test(status), `${where}: status ${status}`);
        need(typeof r.description === 'string' || typeof r.$ref === 'string', `${where} ${status}: description or $ref`);
      }
      const params = (op.parameters ?? []) as Array<Record<string, unknown>>;
      const seen = new Set<string>();
      for (const p of params) {
        need(typeof p.name === 'string' && ['path', 'query', 'header', 'cookie'].includes(p.in as string), `${where}: parameter name and in`);
        need(p.schema !== undefined || p.content !== undefined, `${where} ${String(p.name)}: schema`);
        need(p.in !== 'path' || p.required === true, `${where} ${String(p.name)}: path parameters are required`);
        need(!seen.has(`${p.in} ${p.name}`), `${where} ${String(p.name)}: declared once`);
        seen.add(`${p.in} ${p.name}`);
      }
      const body = op.requestBody as { content?: object } | undefined;
      need(!body || (body.content && Object.keys(body.content).length > 0), `${where}: requestBody.content`);
      for (const s of (op.security ?? []) as Array<Record<string, unknown>>) for (const k of Object.keys(s)) need(schemes.includes(k), `${where}: security scheme ${k}`);
    }
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') need(v.startsWith('#/') && resolveRef(d, v) !== undefined, `$ref ${v} resolves`);
      else walk(v);
    }
  };
  walk(d);
  return problems;
}

const operations = (d: OpenApiDocument) => Object.entries(d.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 and structurally valid', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(structuralProblems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });

  it('has every route of the real app with its method, and declares every {param} of a path', () => {
    expect(registry.routes.length).toBeGreaterThan(30);
    for (const r of registry.routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op!.operationId).toBe(r.operationId);
      expect(op!.tags).toEqual([r.tag]);
      const declared = (op!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), `${r.method} ${r.path}`).toEqual(pathParamNames(r.path).sort());
    }
    expect(operations(doc)).toHaveLength(registry.routes.length);
  });

  it('lists every query parameter of the catalog search, lists as repeatable form parameters', () => {
    const params = doc.paths['/api/v1/datasets']!.get!.parameters!;
    expect(params.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(
      ['q', 'organization', 'theme', 'keyword', 'format', 'license', 'frequency', 'status', 'overdue', 'sort', 'limit', 'offset', 'facets', 'facet_limit'].sort(),
    );
    expect(params.find((p) => p.name === 'theme')).toMatchObject({ style: 'form', explode: true, schema: { type: 'array' } });
    expect(params.find((p) => p.name === 'limit')).toMatchObject({ required: false, schema: { type: 'integer', default: 20 } });
  });

  it('describes the one error shape with every error code', () => {
    const error = doc.components.schemas.Error as { properties: { error: { required: string[]; properties: { code: { enum: string[] } } } } };
    expect([...error.properties.error.required].sort()).toEqual(['code', 'details', 'message']);
    expect(error.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_CODES));
    expect(doc.components.responses.TooManyRequests!.headers).toHaveProperty('Retry-After');
  });

  it('has unique operationIds, and refuses to build when two routes share one', () => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const twice = new ApiRegistry();
    const spec = (path: string): RouteSpec => ({ method: 'GET', path, operationId: 'same', tag: 'T', summary: 's', access: 'public', responses: { 200: { description: 'ok' } } });
    twice.routes.push(spec('/api/v1/a'), spec('/api/v1/b'));
    expect(() => openApiDocument(twice, INFO)).toThrow('Two API routes share the operationId "same": GET /api/v1/a and GET /api/v1/b');
  });

  it('stops the app at start when two routes share an operationId', async () => {
    const { app: broken } = await appWith((a, ctx) => {
      route(a, ctx.registry, { method: 'GET', path: '/api/v1/twin', operationId: 'searchDatasets', tag: 'T', summary: 's', access: 'public', responses: { 200: { description: 'ok' } } }, async () => ({}));
    });
    await expect(broken.ready()).rejects.toThrow(/operationId "searchDatasets"/);
    await broken.close().catch(() => undefined);
  });

  it('marks who may call each operation, with security, 401 and 403 on the non-public ones and 429 on the API', () => {
    for (const { path, op } of operations(doc)) {
      const spec = registry.routes.find((r) => r.operationId === op.operationId)!;
      expect(op.description).toMatch(/Who may call it: \S/);
      if (spec.access === 'public') {
        expect(op.security, op.operationId).toBeUndefined();
      } else {
        expect(op.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
      if (path.startsWith('/api/')) expect(op.responses['429'], op.operationId).toBeDefined();
      expect(op.responses['500']).toEqual({ $ref: '#/components/responses/InternalError' });
    }
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'plaza_session' });
    expect(doc.components.securitySchemes.sessionCookie!.description).toContain('X-CSRF-Token');
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes bodies as JSON and forms, and uploads as multipart with a binary file', () => {
    const signIn = doc.paths['/api/v1/session']!.post!.requestBody!;
    expect(Object.keys(signIn.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    const upload = doc.paths['/api/v1/datasets/{id}/resources']!.post!.requestBody!.content['multipart/form-data']!.schema!;
    expect(upload).toMatchObject({ type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });

  it('is the same for the same routes, paths sorted, and is what the app serves', async () => {
    expect(JSON.stringify(openApiDocument(registry, INFO))).toBe(JSON.stringify(doc));
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual([...paths].sort());
    const res = await app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().openapi).toBe('3.1.0');
    expect(Object.keys(res.json().paths)).toEqual(paths);
  });

  it('converts schemas zod cannot express in JSON Schema without failing', () => {
    const odd = new ApiRegistry();
    odd.routes.push({
      method: 'POST', path: '/api/v1/odd/{n}', operationId: 'odd', tag: 'T', summary: 's', access: 'editor',
      params: z.object({ n: z.coerce.number().int() }),
      query: z.object({ when: z.date().optional(), list: z.string().transform((s) => s.split(',')), piped: z.string().pipe(z.coerce.number()), custom: z.custom<Buffer>(() => true) }),
      body: z.object({ at: z.date(), big: z.bigint(), lazy: z.lazy(() => z.string()) }).transform((b) => b),
      responses: { 200: { description: 'ok', schema: z.string().transform((s) => s.length) } },
    });
    const d = openApiDocument(odd, INFO);
    expect(d.paths['/api/v1/odd/{n}']!.post!.parameters!.map((p) => p.name)).toEqual(['n', 'when', 'list', 'piped', 'custom']);
    expect(structuralProblems(JSON.parse(JSON.stringify(d)))).toEqual([]);
  });
});

describe('the API reference page', () => {
  it('answers HTML with every operation, a table of contents, accessible tables and escaped text', async () => {
    const res = await app.inject('/api/reference');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = res.body;
    for (const r of registry.routes) {
      expect(page, r.operationId).toContain(`${r.method} ${r.path}`);
      expect(page).toContain(`href="#op-${r.operationId}"`);
      expect(page).toContain(`id="op-${r.operationId}"`);
    }
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('<th scope="col">Name</th>');
    expect(page).not.toMatch(/<th>/);
    expect(page).toContain('-H &quot;Authorization: Bearer $TOKEN&quot;');
    expect(page).toContain('Says &lt;b>hi&lt;/b> &amp; &quot;bye&quot;');
    expect(page).toContain('Mentions &lt;script>alert(1)&lt;/script> in <code>&lt;code></code>.');
    expect(page).toContain('Zz &lt;Test>');
    expect(page).not.toContain('<b>hi</b>');
    expect(page).not.toContain('<script>');
    // Heading levels never skip.
    const levels = [...page.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => i > 0 && expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1));
  });
});
