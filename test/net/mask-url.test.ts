/**
 * Credentials written into a URL (`http://user:password@host/…`) are used
 * for the download they were given for and never echoed: not in answers,
 * job reports, the catalog, pages, the activity stream, subscriptions or
 * the log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { outboundFetch } from '../../src/adapters/net/outbound-fetch.ts';
import { hasCredentials, maskUrl, maskUrlsIn } from '../../src/domain/net/mask-url.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('masking credentials in addresses', () => {
  it.each([
    ['http://alice:s3cret@example.org/data.csv', 'http://alice:***@example.org/data.csv'],
    ['https://TOKEN123@example.org/x', 'https://***@example.org/x'],
    ['https://:s3cret@example.org/', 'https://***@example.org/'],
    ['http://alice:p@ss@example.org:8080/a?b=c@d#e', 'http://alice:***@example.org:8080/a?b=c@d#e'],
    ['HTTPS://Alice:S3cret@Example.org', 'HTTPS://Alice:***@Example.org'],
    ['http://example.org/a@b', 'http://example.org/a@b'],
    ['http://example.org/', 'http://example.org/'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
    expect(hasCredentials(url)).toBe(url !== masked);
  });

  it('masks every address inside a text, and leaves the rest of it alone', () => {
    const text = 'Request cannot be constructed from a URL that includes credentials: http://alice:s3cret@example.org/x, then "https://bob:hunter2@example.com/y". Mail bob@example.com.';
    expect(maskUrlsIn(text)).toBe('Request cannot be constructed from a URL that includes credentials: http://alice:***@example.org/x, then "https://bob:***@example.com/y". Mail bob@example.com.');
  });
});

const USER = 'alice';
const PASSWORD = 's3cret-pw';
const CSV = 'species,height\noak,12\nelm,9\n';

let t: TestPlaza;
let app: FastifyInstance;
let server: Server;
let other: Server;
let port = 0;
let otherPort = 0;
let editor: Person;
let session: Session;
const seen: Array<{ url: string; authorization: string | undefined }> = [];
const otherSeen: Array<string | undefined> = [];
const logs: string[] = [];

/** Answers only with the right Basic credentials; `/moved` redirects within the server, `/away` to another one. */
function handle(req: IncomingMessage, res: ServerResponse) {
  seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
  if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="files"' });
    res.end('who are you?');
    return;
  }
  if (req.url === '/moved') {
    res.writeHead(302, { location: '/trees.csv' });
    res.end();
    return;
  }
  if (req.url === '/away') {
    res.writeHead(302, { location: `http://localhost:${otherPort}/trees.csv` });
    res.end();
    return;
  }
  if (req.url === '/missing.csv') {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/csv' });
  res.end(CSV);
}

const listen = async (s: Server) => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return (s.address() as { port: number }).port;
};

beforeAll(async () => {
  server = createServer(handle);
  port = await listen(server);
  other = createServer((req, res) => {
    otherSeen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end(CSV);
  });
  otherPort = await listen(other);
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'info', logStream: { write: (line) => void logs.push(line) } });
  const org = await createOrganization(t.deps, t.admin, { name: 'Parks' });
  editor = await makePerson(t, { name: 'Ed Editor', roles: { [org.id]: 'admin' } });
  session = await signIn(t, app, editor, 'a long enough password');
  for (const slug of ['trees', 'broken', 'by-form']) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.auth, payload: { title: slug, organization: org.slug, slug, description: 'Trees.', license: 'cc-by-4.0' } });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  server?.close();
  other?.close();
});

const withCredentials = (path: string, p = port) => `http://${USER}:${PASSWORD}@127.0.0.1:${p}${path}`;
const masked = (path: string, p = port) => `http://${USER}:***@127.0.0.1:${p}${path}`;

/** Fails with where the password appeared, if it did. */
const expectNoPassword = (where: string, text: string) => expect(text.includes(PASSWORD), `${where}: ${text}`).toBe(false);

describe('a file loaded from a URL with credentials in it', () => {
  it('is downloaded with the credentials sent as Basic authentication, not in the address', async () => {
    const from = seen.length;
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/trees/resources', headers: editor.auth, payload: { url: withCredentials('/trees.csv') } });
    expect(r.statusCode, r.body).toBe(202);
    expectNoPassword('the answer', r.body);
    expect(r.json().resource.url).toBe(masked('/trees.csv'));
    expect(seen.slice(from)).toEqual([{ url: '/trees.csv', authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` }]);
    const job = await waitForJob(t.deps, r.json().job.id);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRead).toBe(CSV.trim().split('\n').length - 1);
    const jobAnswer = await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: editor.auth });
    expect(jobAnswer.statusCode).toBe(200);
    expectNoPassword('the job', jobAnswer.body);
  });

  it('the catalog keeps the URL masked: the dataset in the API and its pages, the activity stream', async () => {
    const detail = await app.inject({ url: '/api/v1/datasets/trees', headers: editor.auth });
    expect(detail.json().resources.map((x: { url: string }) => x.url)).toEqual([masked('/trees.csv')]);
    expectNoPassword('the dataset', detail.body);
    const [resource] = await t.deps.catalog.datasets.listResources(detail.json().id);
    expect(resource?.sourceUrl).toBe(masked('/trees.csv'));
    expect((await app.inject({ method: 'POST', url: '/api/v1/datasets/trees/status', headers: editor.auth, payload: { status: 'published' } })).statusCode).toBe(200);
    for (const page of ['/datasets/trees', '/datasets/trees/table', '/publish/trees/upload', '/publish/trees/columns', '/publish/trees/describe']) {
      const r = await app.inject({ url: page, headers: { cookie: session.cookie } });
      expect(r.statusCode, page).toBe(200);
      expectNoPassword(page, r.body);
    }
    const activity = await app.inject({ url: '/api/v1/datasets/trees/activity', headers: editor.auth });
    expect(activity.statusCode).toBe(200);
    expect(activity.json().results.length).toBeGreaterThan(0);
    expectNoPassword('the activity stream', activity.body);
  });

  it('follows a redirect on the same server with the credentials, and to another server without them', async () => {
    const same = await app.inject({ method: 'POST', url: '/api/v1/datasets/trees/resources', headers: editor.auth, payload: { url: withCredentials('/moved') } });
    expect(same.statusCode, same.body).toBe(202);
    expect((await waitForJob(t.deps, same.json().job.id)).status).toBe('succeeded');
    // The guarded fetch follows redirects itself; told every address is public, it carries the credentials to the same origin only.
    const guarded = outboundFetch({ allowPrivate: false, isPublic: () => true });
    const header = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const from = otherSeen.length;
    const r = await guarded(`http://127.0.0.1:${port}/away`, { headers: { authorization: header }, redirect: 'follow' });
    expect(await r.text()).toBe(CSV);
    expect(otherSeen.slice(from)).toEqual([undefined]);
    const moved = await guarded(`http://127.0.0.1:${port}/moved`, { headers: { authorization: header }, redirect: 'follow' });
    expect(moved.status).toBe(200);
  });

  it('a failed download says what went wrong with the URL masked, in the answer and in the log', async () => {
    const from = logs.length;
    const missing = await app.inject({ method: 'POST', url: '/api/v1/datasets/broken/resources', headers: editor.auth, payload: { url: withCredentials('/missing.csv') } });
    expect(missing.statusCode).toBe(502);
    expect(missing.json().error).toMatchObject({ code: 'fetch_failed', details: { url: masked('/missing.csv') } });
    expect(missing.json().error.message).toContain(masked('/missing.csv'));
    expectNoPassword('a 404 answer', missing.body);
    const closed = await app.inject({ method: 'POST', url: '/api/v1/datasets/broken/resources', headers: editor.auth, payload: { url: withCredentials('/x.csv', 1) } });
    expect(closed.statusCode).toBe(502);
    expect(closed.json().error.message).toContain(masked('/x.csv', 1));
    expectNoPassword('an unreachable server', closed.body);
    const notUrl = await app.inject({ method: 'POST', url: '/api/v1/datasets/broken/resources', headers: editor.auth, payload: { url: `http://${USER}:${PASSWORD}@` } });
    expect(notUrl.statusCode).toBe(400);
    expect(notUrl.json().error.message).toBe(`"http://${USER}:***@" is not a URL.`);
    const lines = logs.slice(from).join('\n');
    expect(lines).toContain(masked('/missing.csv'));
    expectNoPassword('the log', lines);
    expect((await app.inject({ url: '/api/v1/datasets/broken', headers: editor.auth })).json().resources).toEqual([]);
  });

  it('a refusal by the private-network guard masks the URL too', async () => {
    const guardedApp = await buildApp({ deps: { ...t.deps, fetch: outboundFetch({ allowPrivate: false }) }, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'info', logStream: { write: (line) => void logs.push(line) } });
    try {
      const from = logs.length;
      const r = await guardedApp.inject({ method: 'POST', url: '/api/v1/datasets/broken/resources', headers: editor.auth, payload: { url: withCredentials('/trees.csv') } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain(masked('/trees.csv'));
      expectNoPassword('the refusal', r.body);
      expectNoPassword('the log', logs.slice(from).join('\n'));
    } finally {
      await guardedApp.close();
    }
  });

  it('through the publish page’s form: loaded, then the upload page names the file but never the password', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/publish/by-form/fetch',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf, url: withCredentials('/trees.csv') }).toString(),
    });
    expect(r.statusCode, r.body).toBe(303);
    const jobId = new URL(String(r.headers.location), 'http://x').searchParams.get('job')!;
    expect((await waitForJob(t.deps, jobId)).status).toBe('succeeded');
    const page = await app.inject({ url: String(r.headers.location), headers: { cookie: session.cookie } });
    expect(page.body).toContain('trees.csv');
    expectNoPassword('the upload page', page.body);
    const failed = await app.inject({
      method: 'POST',
      url: '/publish/by-form/fetch',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf, url: withCredentials('/missing.csv') }).toString(),
    });
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toContain(masked('/missing.csv'));
    expectNoPassword('the form’s answer', failed.body);
  });

  it('a link resource with credentials in its address is refused: everyone would read them', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/trees/resources', headers: editor.auth, payload: { kind: 'link', name: 'Source', url: withCredentials('/about') } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toEqual([expect.objectContaining({ field: 'url', message: expect.stringMatching(/user name and password/) })]);
    expectNoPassword('the refusal', r.body);
  });
});

describe('webhook URLs kept with credentials in them', () => {
  it('the subscription list, its page and the delivery log show them masked', async () => {
    const hook = `https://bob:hunter2-pw@hooks.example.org/plaza`;
    const now = t.deps.clock.now().toISOString();
    const id = t.deps.newId();
    // Kept before such URLs were refused at subscription time.
    await t.deps.catalog.activity.createSubscription({ id, userId: editor.user.id, target: 'search', targetId: 'q=trees', email: false, webhookUrl: hook, webhookSecret: 'whsec_x', createdAt: now });
    const [entry] = (await app.inject({ url: '/api/v1/datasets/trees/activity', headers: editor.auth })).json().results as Array<{ seq: number }>;
    const lastError = `Redirected with status 302 to ${hook}/moved; redirects are not followed`;
    await t.deps.catalog.activity.createDelivery({ id: t.deps.newId(), subscriptionId: id, activitySeq: entry!.seq, event: 'dataset.updated', payload: '{}', status: 'failed', attempts: 1, nextAttemptAt: null, lastStatus: 302, lastError, createdAt: now, deliveredAt: null });
    const list = await app.inject({ url: '/api/v1/subscriptions', headers: editor.auth });
    expect(list.json().results.map((s: { webhook_url: string }) => s.webhook_url)).toEqual([maskUrl(hook)]);
    expect(maskUrl(hook)).toBe('https://bob:***@hooks.example.org/plaza');
    const deliveries = await app.inject({ url: `/api/v1/subscriptions/${id}/deliveries`, headers: editor.auth });
    expect(deliveries.json().results.map((d: { last_error: string }) => d.last_error)).toEqual([maskUrlsIn(lastError)]);
    const page = await app.inject({ url: '/account/subscriptions', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hooks.example.org');
    for (const [where, body] of [['list', list.body], ['deliveries', deliveries.body], ['page', page.body]] as const) expect(body, where).not.toContain('hunter2-pw');
  });
});
