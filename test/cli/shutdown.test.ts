/**
 * A graceful stop of a real `plaza serve` process: at SIGTERM a large export
 * in flight still completes, new connections are refused at once, and the
 * process exits 0 within its grace. Its logs are JSON lines with a level.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sleep, until } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const ROWS = 400_000;
const GRACE_SECONDS = 20;
let dir: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-shutdown-'));
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A CSV of `rows` rows, about 60 bytes each. */
function bigCsv(rows: number): string {
  const lines = ['id,name,amount,day,note'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},name number ${i},${(i * 1.25).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')},row ${i} of the file`);
  return lines.join('\n') + '\n';
}

describe('plaza serve on SIGTERM', () => {
  it('finishes the export in flight, refuses new connections and exits 0 within the grace', async () => {
    const data = join(dir, 'data');
    const port = await freePort();
    const env = { ...process.env, PLAZA_DATA_DIR: data, PLAZA_PORT: String(port), PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'info', PLAZA_DUCKDB_MEMORY: '512MB', PLAZA_SHUTDOWN_SECONDS: String(GRACE_SECONDS) };
    const proc = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env });
    child = proc;
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    await until('plaza serve to start', async () => (out.includes('Plaza is serving') ? true : undefined), 120);

    const base = `http://127.0.0.1:${port}`;
    const token = (await readFile(join(data, 'admin-token.txt'), 'utf8')).trim();
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    expect((await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Finance' }) })).status).toBe(201);
    expect((await fetch(`${base}/api/v1/datasets`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'Payments', slug: 'payments', organization: 'Finance' }) })).status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([bigCsv(ROWS)]), 'payments.csv');
    const uploaded = await fetch(`${base}/api/v1/datasets/payments/resources`, { method: 'POST', headers: { ...auth, 'x-request-id': 'upload-1' }, body: form });
    expect(uploaded.status).toBe(202);
    expect(uploaded.headers.get('x-request-id')).toBe('upload-1');
    const { job } = (await uploaded.json()) as { job: { id: string } };
    const done = await until('the ingest to finish', async () => {
      const j = (await (await fetch(`${base}/api/v1/jobs/${job.id}`, { headers: auth })).json()) as { status: string };
      return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
    }, 120);
    expect(done.status).toBe('succeeded');

    // The page cache is watched: a visitor's page counts as a miss, then a hit.
    for (let i = 0; i < 2; i++) expect((await fetch(`${base}/datasets`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^plaza_cache_hits\{cache="pages"\} [1-9]/m);
    expect(metrics).toMatch(/^plaza_ingest_rows_total 400000$/m);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // A large export, read slowly: its first bytes, then nothing until after the signal.
    let markSignalled!: () => void;
    const signalled = new Promise<void>((r) => (markSignalled = r));
    let markStarted!: () => void;
    const started = new Promise<void>((r) => (markStarted = r));
    const exportDone = new Promise<{ status: number; body: string }>((resolveExport, reject) => {
      const req = request(`${base}/api/v1/datasets/payments/export/csv`, { headers: auth }, (res) => {
        const chunks: Buffer[] = [];
        res.once('data', (first: Buffer) => {
          chunks.push(first);
          res.pause();
          markStarted();
          res.on('data', (c: Buffer) => chunks.push(c));
          signalled.then(() => sleep(1_000)).then(() => res.resume(), reject);
        });
        res.on('end', () => resolveExport({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    await started;
    await sleep(500);
    const stoppedAt = Date.now();
    proc.kill('SIGTERM');
    await sleep(300);
    // No new connection is taken while the export finishes.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    markSignalled();
    const exported = await exportDone;
    expect(exported.status).toBe(200);
    const lines = exported.body.trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe('id,name,amount,day,note');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${ROWS},name number ${ROWS},.*,row ${ROWS} of the file$`));

    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(GRACE_SECONDS * 1000);
    // Its log: JSON lines with a level, the shutdown among them.
    const logLines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string; role?: string });
    expect(logLines.find((l) => l.msg === 'shutting down')?.level).toBe(30);
    expect(logLines.find((l) => l.msg === 'stopped')?.level).toBe(30);
  }, 300_000);
});
