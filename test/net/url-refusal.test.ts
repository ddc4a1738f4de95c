/**
 * A URL import the private-network guard refuses is the user's doing, not a
 * server failure: it answers 422 `url_refused` with the guard's reason,
 * through the API and the publish page's form, and is logged at info level
 * without a stack. Query time-outs are logged the same way; unexpected
 * errors still at error level, with their stack.
 */
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { outboundFetch, refusal } from '../../src/adapters/net/outbound-fetch.ts';
import { AppError, ERROR_CATALOG } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** One line of the app's log, as pino writes it. */
interface LogLine {
  level: number;
  msg: string;
  err?: { stack?: string };
  [key: string]: unknown;
}
const INFO = 30;
const ERROR = 50;

let t: TestPlaza;
let app: FastifyInstance;
let server: Server;
let port = 0;
let hits = 0;
let editor: Person;
let session: Session;
const logs: LogLine[] = [];

/** The log lines written since `from`. */
const since = (from: number) => logs.slice(from);

/** A page's text: tags dropped and the entities a page writes decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  // The guard as a portal has it by default: private networks refused.
  t = await startTestPlaza({ fetch: outboundFetch({ allowPrivate: false }) });
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'info', logStream: { write: (line) => void logs.push(JSON.parse(line) as LogLine) } });
  app.get('/api/v1/test/slow', async () => {
    throw new AppError('query_timeout', 'The query took longer than 1 s and was cancelled. Add a filter or a limit, or group the data.');
  });
  app.get('/test/slow-page', async () => {
    throw new AppError('query_timeout', 'The query took longer than 1 s and was cancelled. Add a filter or a limit, or group the data.');
  });
  app.get('/api/v1/test/broken', async () => {
    throw new Error('the catalog file is corrupt');
  });
  const org = await createOrganization(t.deps, t.admin, { name: 'Inside Department' });
  editor = await makePerson(t, { name: 'Ed Editor', roles: { [org.id]: 'editor' } });
  session = await signIn(t, app, editor, 'a long enough password');
  for (const slug of ['by-api', 'by-form']) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.auth, payload: { title: slug, organization: org.slug, slug } });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  server?.close();
});

/** Checks the log lines of one refusal: one at info with the message, no stack, nothing at error level. */
function expectLoggedAtInfo(lines: LogLine[], message: string) {
  const line = lines.find((l) => l.msg === message);
  expect(line, JSON.stringify(lines)).toBeDefined();
  expect(line!.level).toBe(INFO);
  expect(JSON.stringify(lines)).not.toMatch(/"stack"|\n\s+at /);
  expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
}

describe('a URL inside a private network', () => {
  const url = () => `http://127.0.0.1:${port}/data.csv`;
  const reason = () => refusal('127.0.0.1', '127.0.0.1').message;

  it('is refused through the API with 422 url_refused and the guard’s reason, logged at info without a stack', async () => {
    const from = logs.length;
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/by-api/resources', headers: editor.auth, payload: { url: url() } });
    expect(r.statusCode, r.body).toBe(422);
    expect(ERROR_CATALOG.url_refused).toMatchObject({ status: 422, expected: true });
    const error = r.json().error as { code: string; message: string; details: Record<string, unknown> };
    expect(error.code).toBe('url_refused');
    expect(error.message).toBe(`The file at ${url()} was not loaded: ${reason()}.`);
    expect(error.details).toEqual({ url: url() });
    expect(hits).toBe(0);
    expect((await app.inject({ url: '/api/v1/datasets/by-api', headers: editor.auth })).json().resources).toEqual([]);
    expectLoggedAtInfo(since(from), error.message);
  });

  it('is refused through the publish page’s form, shown beside the address, with the same status', async () => {
    const from = logs.length;
    const page = await app.inject({ url: '/publish/by-form/upload', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/publish/by-form/fetch"');
    const r = await app.inject({
      method: 'POST',
      url: '/publish/by-form/fetch',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf, url: url() }).toString(),
    });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const error = /<p class="[^"]*\berror" role="alert" id="url-error">([\s\S]*?)<\/p>/.exec(r.body)?.[1];
    expect(textOf(error ?? '').trim()).toBe(`The file at ${url()} was not loaded: ${reason()}.`);
    expect(r.body).toMatch(/<input type="url" id="url"[^>]*aria-invalid="true"/);
    expect(hits).toBe(0);
    expectLoggedAtInfo(since(from), `The file at ${url()} was not loaded: ${reason()}.`);
  });

  it('an empty address on the form is asked for again, nothing fetched', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/publish/by-form/fetch',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf, url: ' ' }).toString(),
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('id="url-error"');
  });
});

describe('what the log says of each kind of error', () => {
  it('a query time-out through the API: 504, at info, without a stack', async () => {
    const from = logs.length;
    const r = await app.inject({ url: '/api/v1/test/slow' });
    expect(r.statusCode).toBe(504);
    expect(r.json().error.code).toBe('query_timeout');
    expectLoggedAtInfo(since(from), r.json().error.message);
  });

  it('a query time-out on a page: a 504 page that says so, at info, without a stack', async () => {
    const from = logs.length;
    const r = await app.inject({ url: '/test/slow-page', headers: { accept: 'text/html' } });
    expect(r.statusCode).toBe(504);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('That took too long');
    expectLoggedAtInfo(since(from), 'The query took longer than 1 s and was cancelled. Add a filter or a limit, or group the data.');
  });

  it('an expected error nobody needs to see (not found) is not logged at all', async () => {
    const from = logs.length;
    expect((await app.inject({ url: '/api/v1/datasets/no-such-dataset' })).statusCode).toBe(404);
    expect(since(from)).toEqual([]);
  });

  it('an unexpected error is still logged at error level, with its stack', async () => {
    const from = logs.length;
    expect((await app.inject({ url: '/api/v1/test/broken' })).statusCode).toBe(500);
    const line = since(from).find((l) => l.level === ERROR);
    expect(line?.err?.stack).toMatch(/the catalog file is corrupt\n\s+at /);
  });

  it('every expected error of status 500 or more is logged; an internal error is never expected', () => {
    for (const [code, kind] of Object.entries(ERROR_CATALOG)) {
      if (!kind.expected) continue;
      if (kind.status >= 500) expect('logged' in kind, code).toBe(true);
    }
    expect(ERROR_CATALOG.internal.expected).toBe(false);
  });
});
