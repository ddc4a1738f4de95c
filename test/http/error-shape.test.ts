import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { sha256 } from '../../src/actions/auth/secrets.ts';
import { createToken } from '../../src/actions/auth/tokens.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { outboundFetch } from '../../src/adapters/net/outbound-fetch.ts';
import { TOKEN_SCOPES, type User } from '../../src/domain/accounts/types.ts';
import { ERROR_CODES, type ErrorCode } from '../../src/domain/errors.ts';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let viewerToken: string;
let sessionCookie: string;
const ORG = 'shape-org';
const admin = () => ({ authorization: `Bearer ${t.token}` });
const newDataset = { title: 'Street trees', organization: ORG };

async function appWith(opts: AppOptions = {}, deps = t.deps): Promise<FastifyInstance> {
  return buildApp({ deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent', ...opts });
}

/** Pins the one error shape: exactly code, message and details; the status the code stands for; a sentence for people. */
function expectError(res: LightMyRequestResponse, status: number, code: ErrorCode): { code: string; message: string; details: Record<string, unknown> } {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  expect(ERROR_CODES[code]).toBe(status);
  expect(typeof body.error.details).toBe('object');
  expect(body.error.details).not.toBeNull();
  const message: string = body.error.message;
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message, 'a sentence for people, on one line').toMatch(/^[A-Z"“`][^\n]*\s\S.*[.!?)"”]$/);
  expect(message).not.toContain(code);
  expect(message, 'no stack trace or exception name').not.toMatch(/\bat \S+ \(|^\w*Error:/);
  return body.error;
}

beforeAll(async () => {
  t = await startTestPlaza();
  const now = new Date().toISOString();
  await t.deps.catalog.datasets.createOrganization({ id: 'org-shape', slug: ORG, name: 'Shape Department', description: '', createdAt: now });
  const viewer: User = { id: 'user-viewer', email: 'viewer@example.org', name: 'Vera Viewer', passwordHash: null, isSiteAdmin: false, isModerator: false, failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: now, lastSignInAt: null };
  await t.deps.catalog.accounts.createUser(viewer);
  await t.deps.catalog.accounts.putMembership({ organizationId: 'org-shape', userId: viewer.id, role: 'viewer', createdAt: now });
  const asSession = await principalFor(t.deps, viewer, 'session', [...TOKEN_SCOPES], null);
  viewerToken = (await createToken(t.deps, asSession, { name: 'shape test', scopes: ['read', 'write'] })).secret;
  sessionCookie = 'a-session-cookie-secret-for-the-shape-test';
  await t.deps.catalog.accounts.createSession({ id: sha256(sessionCookie), userId: viewer.id, csrfToken: 'the-csrf-token', createdAt: now, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), lastSeenAt: now });
  app = await appWith();
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('every error leaves as { error: { code, message, details } }', () => {
  it('400 validation_failed, with one entry per field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: admin(), payload: { title: '', organization: ORG, slug: 'Bad Slug' } });
    const error = expectError(res, 400, 'validation_failed');
    const fields = error.details.fields as Array<{ field: string; message: string }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['slug', 'title']);
    for (const f of fields) expect(f.message.length).toBeGreaterThan(0);
  });

  it('400 query_syntax, with the parameter and the position', async () => {
    const { slug } = await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'bikes' });
    const res = await app.inject({ url: `/api/v1/datasets/${slug}/records?where=${encodeURIComponent('ward = ')}` });
    const error = expectError(res, 400, 'query_syntax');
    expect(error.details).toMatchObject({ param: 'where', position: 7 });
  });

  it('401 unauthorized without credentials, and with a token that does not exist', async () => {
    expectError(await app.inject({ method: 'POST', url: '/api/v1/datasets', payload: newDataset }), 401, 'unauthorized');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: 'Bearer plz_nope' }, payload: newDataset }), 401, 'unauthorized');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: 'plz_nope' }, payload: newDataset }), 401, 'unauthorized');
    for (const header of ['Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a b']) {
      expect(expectError(await app.inject({ url: '/api/v1/datasets', headers: { authorization: header } }), 401, 'unauthorized').message).toContain('Bearer <token>');
    }
  });

  it('takes the token alone in the Authorization header, as CKAN clients send it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: viewerToken }, payload: newDataset });
    expectError(res, 403, 'forbidden');
  });

  it('403 forbidden: a viewer of the organization doing an editor\'s job', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: `Bearer ${viewerToken}` }, payload: newDataset });
    expectError(res, 403, 'forbidden');
  });

  it('403 csrf_failed: a change sent with the session cookie but no X-CSRF-Token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { cookie: `plaza_session=${sessionCookie}` }, payload: newDataset });
    const error = expectError(res, 403, 'csrf_failed');
    expect(error.message).toContain('X-CSRF-Token');
  });

  it('404 not_found for an unknown route and for an unknown dataset', async () => {
    const route = expectError(await app.inject({ url: '/api/v1/no-such-thing?x=1' }), 404, 'not_found');
    expect(route.message).toBe('Nothing is at GET /api/v1/no-such-thing.');
    const dataset = expectError(await app.inject({ url: '/api/v1/datasets/no-such-dataset' }), 404, 'not_found');
    expect(dataset.message).toContain('no-such-dataset');
  });

  it('409 conflict for a workflow move that is not allowed, with the allowed ones', async () => {
    const draft = await createDataset(t.deps, t.admin, { title: 'A draft', organization: ORG });
    const res = await app.inject({ method: 'POST', url: `/api/v1/datasets/${draft.slug}/status`, headers: admin(), payload: { status: 'archived' } });
    const error = expectError(res, 409, 'conflict');
    expect(error.details).toMatchObject({ from: 'draft', to: 'archived' });
    expect(Array.isArray(error.details.allowed)).toBe(true);
  });

  it('413 payload_too_large for an upload over the limit', async () => {
    const small = await appWith({}, { ...t.deps, limits: { ...t.deps.limits, maxUploadBytes: 64 } });
    try {
      const draft = await createDataset(t.deps, t.admin, { title: 'Too big', organization: ORG });
      const boundary = '----plazashape';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
        Buffer.from(`a,b\n${'1,2\n'.repeat(500)}`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await small.inject({ method: 'POST', url: `/api/v1/datasets/${draft.slug}/resources`, headers: { ...admin(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expectError(res, 413, 'payload_too_large');
    } finally {
      await small.close();
    }
  });

  it('422 url_refused for a file to load from inside a private network, with the URL', async () => {
    const guarded = await appWith({}, { ...t.deps, fetch: outboundFetch({ allowPrivate: false }) });
    try {
      const draft = await createDataset(t.deps, t.admin, { title: 'From inside', organization: ORG });
      const res = await guarded.inject({ method: 'POST', url: `/api/v1/datasets/${draft.slug}/resources`, headers: admin(), payload: { url: 'http://127.0.0.1:9/data.csv' } });
      const error = expectError(res, 422, 'url_refused');
      expect(error.details).toEqual({ url: 'http://127.0.0.1:9/data.csv' });
      expect(error.message).toContain('PLAZA_ALLOW_PRIVATE_URLS');
    } finally {
      await guarded.close();
    }
  });

  it('429 rate_limited with Retry-After once the budget is spent', async () => {
    const limited = await appWith({ rateLimits: { anonymous: 2, token: 0 } });
    try {
      for (let i = 0; i < 2; i++) expect((await limited.inject({ url: '/api/v1/vocabularies' })).statusCode).toBe(200);
      const res = await limited.inject({ url: '/api/v1/vocabularies' });
      const error = expectError(res, 429, 'rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(error.details).toMatchObject({ limit: 2, retry_after_seconds: Number(res.headers['retry-after']) });
    } finally {
      await limited.close();
    }
  });

  it('500 internal for an unexpected failure, without its internals', async () => {
    const failing = await appWith();
    failing.get('/api/v1/always-fails', async () => {
      throw new Error('database password is hunter2');
    });
    try {
      const res = await failing.inject({ url: '/api/v1/always-fails' });
      const error = expectError(res, 500, 'internal');
      expect(res.body).not.toContain('hunter2');
      expect(error.details).toEqual({});
    } finally {
      await failing.close();
    }
  });

  it('every error code stands for a 4xx or 5xx status', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(Number.isInteger(status), code).toBe(true);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });
});
