/**
 * Process roles as an operator runs them: `plaza web` serves pages and the
 * API but runs no jobs; `plaza worker`, on the same data folder, runs the
 * jobs the web process queued.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/plaza.ts';
import { freePort, sleep, until } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-roles-'));
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Runs `plaza <command>` on the data folder; resolves with its output so far once `ready` appears in it. */
async function run(command: string, data: string, port: number, ready: string): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string }> {
  const env = { ...process.env, PLAZA_DATA_DIR: data, PLAZA_PORT: String(port), PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'warn', PLAZA_DUCKDB_MEMORY: '256MB' };
  const child = spawn(process.execPath, [BIN, command], { cwd: ROOT, env });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await until(`plaza ${command} to start`, async () => (out.includes(ready) ? true : undefined));
  return { child, output: () => out };
}

describe('plaza web and plaza worker', () => {
  it('queue jobs in the web process and run them in the worker', async () => {
    const data = join(dir, 'data');
    const port = await freePort();
    const web = await run('web', data, port, 'Plaza is serving');
    expect(web.output()).toContain('web only');
    const base = `http://127.0.0.1:${port}`;
    const token = (await readFile(join(data, 'admin-token.txt'), 'utf8')).trim();
    const auth = { authorization: `Bearer ${token}` };
    const org = await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Health' }) });
    expect(org.status).toBe(201);
    const created = await fetch(`${base}/api/v1/datasets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'COVID-19 by ZIP', slug: 'covid', organization: 'Health' }) });
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'))]), 'covid.csv');
    const uploaded = await fetch(`${base}/api/v1/datasets/covid/resources`, { method: 'POST', headers: auth, body: form });
    expect(uploaded.status).toBe(202);
    const { job } = (await uploaded.json()) as { job: { id: string } };
    const status = async () => ((await (await fetch(`${base}/api/v1/jobs/${job.id}`, { headers: auth })).json()) as { status: string; result: { rows: number } | null });

    // The web process runs no jobs: the ingest waits for a worker.
    await sleep(2500);
    expect((await status()).status).toBe('queued');

    const worker = await run('worker', data, port, 'worker is running');
    const done = await until('the worker to finish the ingest', async () => {
      const j = await status();
      return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
    });
    expect(done.status).toBe('succeeded');
    expect(done.result?.rows).toBe(177);
    // The web process serves what the worker made.
    const records = (await (await fetch(`${base}/api/v1/datasets/covid/records?limit=1`, { headers: auth })).json()) as { total_count: number };
    expect(records.total_count).toBe(177);

    // Both stop cleanly on SIGTERM.
    for (const p of [worker, web]) {
      const exited = new Promise<number | null>((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
