/**
 * Two `plaza worker` processes on one PostgreSQL catalog (ADR 54): the one
 * running an ingest is killed outright half-way (SIGKILL: no hand-back), and
 * the other takes the job once its lease runs out and finishes it, one
 * version published. Skipped when PostgreSQL does not answer, unless
 * PLAZA_REQUIRE_SERVICES=1.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/plaza.ts';
import { freePort, until } from '../support/processes.ts';
import { onServer, POSTGRES_TEST_URL, postgresAvailable, withDatabase } from '../support/stores.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const available = await postgresAvailable();
const required = process.env.PLAZA_REQUIRE_SERVICES === '1';
if (!available && !required) console.warn(`Skipping the worker failover test: PostgreSQL at ${POSTGRES_TEST_URL} does not answer. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);

const dbName = `plaza_failover_${randomBytes(5).toString('hex')}`;

let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

describe.skipIf(!available && !required)('two workers on one PostgreSQL catalog', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`PostgreSQL at ${POSTGRES_TEST_URL} is required (PLAZA_REQUIRE_SERVICES=1) but does not answer.`);
    dir = await mkdtemp(join(tmpdir(), 'plaza-failover-'));
    await onServer(`CREATE DATABASE ${dbName}`);
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
    if (available) await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  });

  /** Runs `plaza <command>` on the shared data folder and database; resolves once `ready` appears in its output. */
  async function run(command: string, port: number, ready: string) {
    const env = { ...process.env, PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_DATABASE_URL: withDatabase(POSTGRES_TEST_URL, dbName), PLAZA_PORT: String(port), PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'warn', PLAZA_DUCKDB_MEMORY: '256MB', PLAZA_JOB_LEASE_SECONDS: '5' };
    const child = spawn(process.execPath, [BIN, command], { cwd: ROOT, env });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await until(`plaza ${command} to start`, async () => (out.includes(ready) ? true : undefined), 180);
    return { child, output: () => out };
  }

  it('the job of a worker killed mid-way is finished by the other, once', async () => {
    const port = await freePort();
    const web = await run('web', port, 'Plaza is serving');
    const base = `http://127.0.0.1:${port}`;
    const token = (await readFile(join(dir, 'data', 'admin-token.txt'), 'utf8')).trim();
    const auth = { authorization: `Bearer ${token}` };
    const workers = [await run('worker', port, 'worker is running'), await run('worker', port, 'worker is running')];

    expect((await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Environment' }) })).status).toBe(201);
    expect((await fetch(`${base}/api/v1/datasets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Toronto air', slug: 'air', organization: 'Environment' }) })).status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(fixture('tabular/openaq_toronto_measurements_2025-09.csv'))]), 'air.csv');
    const uploaded = await fetch(`${base}/api/v1/datasets/air/resources`, { method: 'POST', headers: auth, body: form });
    expect(uploaded.status).toBe(202);
    const { job } = (await uploaded.json()) as { job: { id: string } };

    // As soon as a worker holds it, the one holding it dies.
    type Held = { id: string; owner: string; attempts: number };
    const held = await until('a worker to take the ingest', async () => {
      const list = (await (await fetch(`${base}/api/v1/jobs?status=running`, { headers: auth })).json()) as { results: Held[] };
      return list.results.find((j) => j.id === job.id);
    });
    const pid = Number(held.owner.split(':')[1]);
    const victim = workers.find((w) => w.child.pid === pid);
    const survivor = workers.find((w) => w.child.pid !== pid);
    expect(victim, `the owner ${held.owner} is one of the two workers`).toBeDefined();
    const killedAt = Date.now();
    victim!.child.kill('SIGKILL');

    const status = async () => (await (await fetch(`${base}/api/v1/jobs/${job.id}`, { headers: auth })).json()) as { status: string; result: { rows: number; versionNumber: number } | null };
    const done = await until('the other worker to finish the ingest', async () => {
      const j = await status();
      return ['succeeded', 'failed', 'dead'].includes(j.status) ? j : undefined;
    }, 120);
    const took = (Date.now() - killedAt) / 1000;
    expect(done.status).toBe('succeeded');
    expect(done.result?.rows).toBeGreaterThan(50_000);
    // The lease (5 s) ran out, then the survivor's poll took it and ran the ingest from the start.
    expect(took).toBeLessThan(5 + 60);
    const finished = (await (await fetch(`${base}/api/v1/jobs?status=running`, { headers: auth })).json()) as { results: Held[]; stats: { dead: number; running: number } };
    expect(finished.stats.dead).toBe(0);
    const dataset = (await (await fetch(`${base}/api/v1/datasets/air`, { headers: auth })).json()) as { versions: Array<{ number: number; status: string }> };
    expect(dataset.versions.map((v) => [v.number, v.status])).toEqual([[1, 'ready']]);
    const records = (await (await fetch(`${base}/api/v1/datasets/air/records?limit=1`, { headers: auth })).json()) as { total_count: number };
    expect(records.total_count).toBe(done.result?.rows);

    for (const p of [survivor!, web]) {
      const exited = new Promise<number | null>((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 400_000);
});
