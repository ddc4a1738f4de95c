import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPlaza, type Plaza } from '../../src/main/container.ts';
import { fixture } from '../support/plaza.ts';
import { postgresAvailable, POSTGRES_TEST_URL } from '../support/stores.ts';

/**
 * Two Plazas on one PostgreSQL database in one test process, as two web
 * nodes: their signals meet through LISTEN/NOTIFY. A change made through
 * node A shows on node B's kept page at once, and an ingest run by A is
 * followed live from B.
 */

async function onServer(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

let skip = false;
const name = `plaza_test_${randomBytes(6).toString('hex')}`;
let dirs: string[] = [];
let a: Plaza;
let b: Plaza;
let appA: FastifyInstance;
let appB: FastifyInstance;
let token: string;

beforeAll(async () => {
  if (!(await postgresAvailable())) {
    if (process.env.PLAZA_REQUIRE_SERVICES === '1') throw new Error(`PostgreSQL at ${POSTGRES_TEST_URL} is required (PLAZA_REQUIRE_SERVICES=1) but does not answer.`);
    console.warn(`Skipping the two-node signals tests: PostgreSQL at ${POSTGRES_TEST_URL} does not answer. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
    skip = true;
    return;
  }
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  dirs = [await mkdtemp(join(tmpdir(), 'plaza-node-a-')), await mkdtemp(join(tmpdir(), 'plaza-node-b-'))];
  const config = (dataDir: string) => loadConfig({}, { dataDir, databaseUrl: url.toString(), redisUrl: undefined, demo: false, logLevel: 'silent', duckdbThreads: 1, duckdbMemory: '512MB', allowPrivateUrls: true });
  a = await createPlaza(config(dirs[0]!));
  // Node B reads the files node A stores (object storage, in a deployment).
  b = await createPlaza(config(dirs[1]!), { overrides: { blobs: a.deps.blobs } });
  await a.worker.start();
  appA = await buildApp({ deps: a.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  appB = await buildApp({ deps: b.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  token = (await createAdminToken(a.deps, 'test')).token;
}, 60_000);

afterAll(async () => {
  if (skip) return;
  await appA?.close();
  await appB?.close();
  await a?.close();
  await b?.close();
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
}, 60_000);

describe('two web nodes on one PostgreSQL database', () => {
  it('share signals through LISTEN/NOTIFY', (t) => {
    if (skip) return t.skip();
    expect(a.deps.signals.shared).toBe(true);
    expect(b.deps.signals.shared).toBe(true);
  });

  it('show a change made through node A on node B\'s kept page at once', async (t) => {
    if (skip) return t.skip();
    const admin = await principalForToken(a.deps, token);
    const ds = await createDataset(a.deps, admin, { title: 'Street trees', organization: 'Parks', description: 'Trees.', license: 'cc-by-4.0' }, { createOrganization: true });
    const { job } = await addResource(a.deps, admin, ds.slug, { file: createReadStream(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv')), filename: 'trees.csv' }, {});
    await waitForJob(a.deps, job.id);
    await changeStatus(a.deps, admin, ds.id, { status: 'published', confirm_empty: true });
    // B keeps its page of the dataset.
    const page = `/datasets/${ds.slug}`;
    const first = await appB.inject({ method: 'GET', url: page });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Street trees');
    expect((await appB.inject({ method: 'GET', url: page })).headers.etag, 'kept').toBe(first.headers.etag);
    // The change, through A's API.
    const patched = await appA.inject({ method: 'PATCH', url: `/api/v1/datasets/${ds.id}`, headers: { authorization: `Bearer ${token}` }, payload: { title: 'Street trees of the city' } });
    expect(patched.statusCode).toBe(200);
    const changedAt = Date.now();
    let body = '';
    while (Date.now() - changedAt < 2_000) {
      body = (await appB.inject({ method: 'GET', url: page })).body;
      if (body.includes('Street trees of the city')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(body).toContain('Street trees of the city');
    expect(Date.now() - changedAt, 'at once, not after the kept pages age out (10 s)').toBeLessThan(200);
  }, 30_000);

  it('let node B follow, live, an ingest node A runs', async (t) => {
    if (skip) return t.skip();
    const admin = await principalForToken(a.deps, token);
    const ds = await createDataset(a.deps, admin, { title: 'Pantries', organization: 'Parks', description: 'Food.', license: 'cc-by-4.0' }, { createOrganization: true });
    // B hears A's progress signals.
    const heard: number[] = [];
    b.deps.signals.listen('job-progress', () => heard.push(Date.now()));
    const { job } = await addResource(a.deps, admin, ds.slug, { file: createReadStream(fixture('tabular/nyc_hra_efap_food_pantries_2024-11.csv')), filename: 'pantries.csv' }, {});
    const address = await appB.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/jobs/${job.id}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const events = text.split('\n\n').filter((e) => e.startsWith('event: job')).map((e) => JSON.parse(e.split('\ndata: ')[1]!) as { status: string; phase: string });
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', phase: 'done' });
    expect(new Set(events.map((e) => e.phase)).size, 'several phases seen on the way').toBeGreaterThan(1);
    expect(heard.length).toBeGreaterThan(0);
    expect((await waitForJob(a.deps, job.id)).status).toBe('succeeded');
  }, 60_000);
});
