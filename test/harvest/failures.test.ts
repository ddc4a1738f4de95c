import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READERS } from '../../src/actions/harvest/readers/index.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { addressCheck } from '../../src/adapters/net/address-check.ts';
import { outboundFetch } from '../../src/adapters/net/outbound-fetch.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * A source that fails never damages what was harvested before: a local
 * server replays the real catalogs, then answers garbage, times out,
 * disappears, sends too much, lists too many, or redirects to a private
 * address; each run's report says so in words, through the API, and the
 * datasets, their origins and statuses stay exactly as they were.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers read field by field in assertions
const read = (rel: string) => JSON.parse(readFileSync(fixture(rel), 'utf8')) as { dataset: Json[] };
const NY = read('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json');
const SAMPLE = read('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json');
const CATALOG = JSON.stringify({ ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset] });
const TOTAL = NY.dataset.length + SAMPLE.dataset.length;

type Answer = (res: ServerResponse) => void;
const json = (body: string): Answer => (res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body);

interface Harness {
  t: TestPlaza;
  app: FastifyInstance;
  server: Server;
  sockets: Set<Socket>;
  base: string;
  answer: Answer;
}

async function harness(overrides: Parameters<typeof startTestPlaza>[0] = {}): Promise<Harness> {
  const t = await startTestPlaza(overrides);
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  const h = { t, app, sockets: new Set<Socket>(), answer: json(CATALOG) } as Harness;
  h.server = createServer((_req, res) => h.answer(res));
  h.server.on('connection', (s) => {
    h.sockets.add(s);
    s.on('close', () => h.sockets.delete(s));
  });
  await new Promise<void>((r) => h.server.listen(0, '127.0.0.1', r));
  h.base = `http://127.0.0.1:${(h.server.address() as AddressInfo).port}`;
  return h;
}

async function close(h: Harness): Promise<void> {
  for (const s of h.sockets) s.destroy();
  h.server.close();
  await h.app.close();
  await h.t.close();
}

const send = async (h: Harness, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${h.t.token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() as Json };
};

/** Runs a source through the API, waits for its job, and answers the run's report. */
async function runNow(h: Harness, sourceId: string): Promise<Json> {
  const queued = await send(h, 'POST', `/api/v1/harvest/sources/${sourceId}/runs`);
  expect(queued.status).toBe(202);
  await waitForJob(h.t.deps, queued.body.job.id, undefined, 60_000);
  return (await send(h, 'GET', `/api/v1/harvest/runs/${queued.body.run.id}`)).body;
}

/** Everything a run could damage: each dataset the source brought, as stored, and its origins. */
async function snapshot(h: Harness, sourceId: string) {
  const origins = await h.t.deps.catalog.harvest.originsOfSource(sourceId);
  const datasets = await Promise.all(origins.map((o) => h.t.deps.catalog.datasets.getDataset(o.datasetId)));
  const resources = await Promise.all(origins.map((o) => h.t.deps.catalog.datasets.listResources(o.datasetId)));
  return { origins: [...origins].sort((a, b) => a.remoteId.localeCompare(b.remoteId)), datasets: datasets.sort((a, b) => a!.id.localeCompare(b!.id)), resources: resources.flat().length };
}

describe('a DCAT-US source that fails', () => {
  let h: Harness;
  let sourceId = '';
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    h = await harness();
    sourceId = (await send(h, 'POST', '/api/v1/harvest/sources', { kind: 'dcat-us', url: `${h.base}/data.json`, name: 'New York State', schedule_hours: null })).body.id;
    const first = await runNow(h, sourceId);
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: TOTAL, errors: 0 } });
    before = await snapshot(h, sourceId);
    expect(before.origins).toHaveLength(TOTAL);
  }, 120_000);
  afterAll(async () => close(h));

  const failsWith = async (message: RegExp | string) => {
    const report = await runNow(h, sourceId);
    expect(report.status).toBe('failed');
    if (typeof message === 'string') expect(report.message).toBe(message);
    else expect(report.message).toMatch(message);
    expect(report.counts).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 0, errors: 0 });
    expect(await snapshot(h, sourceId)).toEqual(before);
    return report;
  };

  it('answers garbage', async () => {
    h.answer = (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
    await failsWith(`${h.base}/data.json did not answer JSON (it began: "<html><body>Service Unavailable</body></html>").`);
    h.answer = json('{"conformsTo": "https://project-open-data.cio.gov/v1.1/schema"}');
    await failsWith('The answer is not a DCAT-US catalog: it has no "dataset" list.');
  }, 60_000);

  it('times out: accepts the connection and never answers', async () => {
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, timeoutMs: 400 };
    h.answer = () => undefined;
    await failsWith(`${h.base}/data.json did not answer within 400 ms (setting PLAZA_HARVEST_TIMEOUT_MS).`);
    // Or starts, then stops sending.
    h.answer = (res) => void res.writeHead(200, { 'content-type': 'application/json' }).write('{"dataset": [');
    await failsWith(`${h.base}/data.json stopped sending before the end, after 400 ms (setting PLAZA_HARVEST_TIMEOUT_MS).`);
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, timeoutMs: 30_000 };
  }, 60_000);

  it('answers an error status', async () => {
    h.answer = (res) => void res.writeHead(503, 'Service Unavailable').end('busy');
    await failsWith(`${h.base}/data.json answered 503 Service Unavailable.`);
  }, 60_000);

  it('sends more than a run may read, declared or not', async () => {
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, maxBytes: 1024 * 1024 };
    const huge = JSON.stringify({ ...NY, padding: 'x'.repeat(2 * 1024 * 1024) });
    h.answer = json(huge);
    const tooBig = `The source sent more than the 1 MiB one run may read (setting PLAZA_HARVEST_MAX_MB); the run stopped at ${h.base}/data.json.`;
    await failsWith(tooBig);
    h.answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < huge.length; i += 64 * 1024) res.write(huge.slice(i, i + 64 * 1024));
      res.end();
    };
    await failsWith(tooBig);
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, maxBytes: 100 * 1024 * 1024 };
  }, 60_000);

  it('lists more datasets than a run takes', async () => {
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, maxDatasets: TOTAL - 1 };
    h.answer = json(CATALOG);
    await failsWith(`The source lists more than ${TOTAL - 1} datasets, the most one run takes (setting PLAZA_HARVEST_MAX_DATASETS); nothing was archived.`);
    h.t.deps.limits.harvest = { ...h.t.deps.limits.harvest, maxDatasets: 100_000 };
  }, 60_000);

  it('disappears: the connection is refused', async () => {
    for (const s of h.sockets) s.destroy();
    await new Promise((r) => h.server.close(r));
    await failsWith(new RegExp(`^${h.base.replace(/[.]/g, '\\.')}/data\\.json could not be reached: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\.$`));
  }, 60_000);

  it('comes back: the next run finds everything unchanged', async () => {
    await new Promise<void>((r) => h.server.listen(Number(new URL(h.base).port), '127.0.0.1', r));
    h.answer = json(CATALOG);
    const back = await runNow(h, sourceId);
    expect(back).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 0, archived: 0, unchanged: TOTAL, errors: 0 } });
    const runs = (await send(h, 'GET', `/api/v1/harvest/sources/${sourceId}/runs?limit=100`)).body.results as Json[];
    expect(runs.map((r) => r.status)).toEqual(['succeeded', ...Array<string>(9).fill('failed'), 'succeeded']);
  }, 60_000);
});

describe('a source behind a redirect to a private address', () => {
  let refused: Harness;
  let target: Server;
  let targetUrl = '';

  beforeAll(async () => {
    // 127.0.0.1 stands for a public address, 127.0.0.2 for a private one: the guard checks every hop.
    refused = await harness({ fetch: outboundFetch({ allowPrivate: false, isPublic: (ip) => ip === '127.0.0.1' }) });
    target = createServer((_req, res) => json(CATALOG)(res));
    await new Promise<void>((r) => target.listen(0, '127.0.0.2', r));
    targetUrl = `http://127.0.0.2:${(target.address() as AddressInfo).port}/data.json`;
  }, 60_000);
  afterAll(async () => {
    target.close();
    await close(refused);
  });

  it('is refused when private addresses are not allowed, and nothing arrives', async () => {
    refused.answer = (res) => void res.writeHead(302, { location: targetUrl }).end();
    const id = (await send(refused, 'POST', '/api/v1/harvest/sources', { kind: 'dcat-us', url: `${refused.base}/moved`, name: 'Moved catalog' })).body.id;
    const report = await runNow(refused, id);
    expect(report.status).toBe('failed');
    expect(report.message).toBe(`${refused.base}/moved was refused: 127.0.0.2 is an address inside a private network, which Plaza does not reach on a user's behalf (setting PLAZA_ALLOW_PRIVATE_URLS). Set PLAZA_ALLOW_PRIVATE_URLS=true to harvest sources on a private network.`);
    expect(await refused.t.deps.catalog.harvest.originsOfSource(id)).toEqual([]);
  }, 60_000);

  it('passes when PLAZA_ALLOW_PRIVATE_URLS allows them', async () => {
    const open = await harness({ fetch: outboundFetch({ allowPrivate: true }) });
    try {
      open.answer = (res) => void res.writeHead(302, { location: targetUrl }).end();
      const id = (await send(open, 'POST', '/api/v1/harvest/sources', { kind: 'dcat-us', url: `${open.base}/moved`, name: 'Moved catalog' })).body.id;
      expect(await runNow(open, id)).toMatchObject({ status: 'succeeded', counts: { created: TOTAL } });
    } finally {
      await close(open);
    }
  }, 60_000);

  it('is refused when added, if its own address is private', async () => {
    const strict = await harness({ checkAddress: addressCheck({ allowPrivate: false }) });
    try {
      const r = await send(strict, 'POST', '/api/v1/harvest/sources', { kind: 'dcat-us', url: 'http://10.1.2.3/data.json' });
      expect(r.status).toBe(400);
      expect(r.body.error.details.fields[0].field).toBe('url');
      expect(r.body.error.message).toContain('http://10.1.2.3/data.json is refused: ');
      expect(r.body.error.message).toContain('Set PLAZA_ALLOW_PRIVATE_URLS=true to harvest sources on a private network.');
    } finally {
      await close(strict);
    }
  }, 60_000);
});

describe.skipIf(!READERS.ckan)('a CKAN source that fails', () => {
  it('keeps what it harvested when the source answers garbage, then disappears', async () => {
    const packages = ['package_show-demo.ckan.org.json', 'package_show-with-extras.json'].map((f) => (JSON.parse(readFileSync(fixture(`standards/ckan/${f}`), 'utf8')) as { result: Json }).result);
    const search = JSON.stringify({ help: 'package_search', success: true, result: { count: packages.length, results: packages, facets: {}, search_facets: {} } });
    const h = await harness();
    try {
      h.answer = json(search);
      const id = (await send(h, 'POST', '/api/v1/harvest/sources', { kind: 'ckan', url: h.base, name: 'CKAN demo' })).body.id;
      expect(await runNow(h, id)).toMatchObject({ status: 'succeeded', counts: { created: packages.length } });
      const before = await snapshot(h, id);
      h.answer = (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      expect((await runNow(h, id)).status).toBe('failed');
      expect(await snapshot(h, id)).toEqual(before);
      for (const s of h.sockets) s.destroy();
      await new Promise((r) => h.server.close(r));
      expect((await runNow(h, id)).message).toMatch(/could not be reached/);
      expect(await snapshot(h, id)).toEqual(before);
    } finally {
      await close(h);
    }
  }, 60_000);
});
