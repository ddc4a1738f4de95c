/**
 * A real `plaza start`, killed with SIGKILL in the middle of an upload and in
 * the middle of an ingest: the next start sweeps what the killed process left
 * in scratch space, runs the interrupted ingest again to the end, and leaves
 * nothing that grows.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../ingest/support.ts';
import { fixture } from '../support/plaza.ts';
import { freePort, until } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const MiB = 1024 * 1024;
let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-kill-'));
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  base: string;
  token: string;
}

async function start(data: string, port: number): Promise<Running> {
  const env = { ...process.env, PLAZA_DATA_DIR: data, PLAZA_PORT: String(port), PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'warn', PLAZA_DUCKDB_MEMORY: '256MB', PLAZA_JOB_LEASE_SECONDS: '5' };
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await until('the portal to start', async () => (out.includes('Plaza is serving') ? true : undefined));
  const token = (await readFile(join(data, 'admin-token.txt'), 'utf8')).trim();
  return { child, base: `http://127.0.0.1:${port}`, token };
}

async function kill(p: Running): Promise<void> {
  p.child.kill('SIGKILL');
  await new Promise((r) => p.child.once('exit', r));
}

async function api<T>(p: Running, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(p.base + path, { ...init, headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json', ...init.headers } });
  return (await res.json()) as T;
}

/** Every file under the scratch root, relative to it, with its size. */
async function scratch(data: string): Promise<{ path: string; bytes: number }[]> {
  const root = join(data, 'tmp');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile());
  return Promise.all(files.map(async (e) => ({ path: join(e.parentPath, e.name).slice(root.length + 1), bytes: (await stat(join(e.parentPath, e.name))).size })));
}

/** Work files (not a process's owner file or the engine's spill folder). */
const workFiles = <F extends { path: string }>(files: F[]): F[] => files.filter((f) => !f.path.endsWith('owner.json') && !f.path.split('/').includes('engine'));
const processFolders = (files: { path: string }[]) => [...new Set(files.map((f) => f.path.split('/')[0]))];

/** Sends a multipart upload whose body trickles in; resolves once the request is open, with a way to finish it. */
function slowUpload(p: Running, slug: string, filename: string): { sent: () => number } {
  const boundary = 'plaza-test-boundary';
  const req = request(`${p.base}/api/v1/datasets/${slug}/resources`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  req.on('error', () => undefined);
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\nid,value\n`);
  let sent = 0;
  const line = Buffer.from('1,2\n'.repeat(64 * 1024));
  const timer = setInterval(() => {
    if (req.destroyed) return clearInterval(timer);
    req.write(line);
    sent += line.length;
  }, 20);
  timer.unref();
  return { sent: () => sent };
}

describe('a process killed mid-work', () => {
  it('leaves scratch files that the next start sweeps, and the interrupted ingest runs again to the end', async () => {
    const data = join(dir, 'data');
    const port = await freePort();
    let p = await start(data, port);
    const org = 'Public Safety';
    await api(p, '/api/v1/organizations', { method: 'POST', body: JSON.stringify({ name: org }) });
    await api(p, '/api/v1/datasets', { method: 'POST', body: JSON.stringify({ title: 'Crimes', slug: 'crimes', organization: org }) });
    await api(p, '/api/v1/datasets', { method: 'POST', body: JSON.stringify({ title: 'Upload', slug: 'upload', organization: org }) });

    // 1. Killed during an upload: its folder holds what had arrived.
    const upload = slowUpload(p, 'upload', 'slow.csv');
    await until('the upload to reach the disk', async () => (upload.sent() > 8 * MiB && workFiles(await scratch(data)).some((f) => f.path.includes('/upload-')) ? true : undefined));
    await kill(p);
    const afterUploadKill = workFiles(await scratch(data));
    expect(afterUploadKill.some((f) => f.path.includes('/upload-') && f.bytes > 0)).toBe(true);
    const uploadKilled = processFolders(await scratch(data));
    expect(uploadKilled.length).toBe(1);

    // 2. The next start sweeps the killed process's folder before it does anything else.
    p = await start(data, port);
    const second = processFolders(await scratch(data));
    expect(second.length).toBe(1);
    expect(second).not.toEqual(uploadKilled);
    expect(workFiles(await scratch(data))).toEqual([]);

    // 3. Killed during an ingest: a gzipped real file (the Chicago crimes of September 2014, 30 times over) expanding in scratch space.
    const crimes = readFileSync(fixture('tabular/chicago_crimes_2014-09.csv'));
    const header = crimes.subarray(0, crimes.indexOf(10) + 1);
    const body = gzipSync(crimes.subarray(header.length), { level: 1 });
    const gz = Buffer.concat([gzipSync(header), ...Array<Buffer>(30).fill(body)]);
    const form = new FormData();
    form.append('file', new Blob([gz]), 'crimes.csv.gz');
    const res = await fetch(`${p.base}/api/v1/datasets/crimes/resources`, { method: 'POST', headers: { authorization: `Bearer ${p.token}` }, body: form });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: { id: string } };
    await until('the ingest to fill scratch space', async () => (workFiles(await scratch(data)).some((f) => f.path.includes('/ingest-') && f.bytes > 40 * MiB) ? true : undefined), 120);
    await kill(p);
    const left = workFiles(await scratch(data));
    const leftBytes = left.reduce((n, f) => n + f.bytes, 0);
    expect(leftBytes).toBeGreaterThan(40 * MiB);
    expect(processFolders(await scratch(data))).toEqual(second);

    // 4. Swept again by the next start.
    p = await start(data, port);
    const now = processFolders(await scratch(data));
    expect(now.length).toBe(1);
    expect(now).not.toEqual(second);

    // 5. The interrupted ingest is run again, to the end; then only the process's owner file is left.
    const done = await until(
      'the ingest to finish',
      async () => {
        const j = await api<{ status: string; result: { rows: number; rejected: number } | null }>(p, `/api/v1/jobs/${job.id}`);
        return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
      },
      240,
    );
    expect(done.status).toBe('succeeded');
    // Every record of the 30 copies is loaded or rejected, counted by an independent reader.
    const records = parseCsv(crimes.toString('utf8')).length - 1;
    expect((done.result?.rows ?? 0) + (done.result?.rejected ?? 0)).toBe(records * 30);
    const after = await until('scratch space to be empty again', async () => {
      const files = workFiles(await scratch(data));
      return files.length === 0 ? files : undefined;
    });
    expect(after).toEqual([]);
    expect(processFolders(await scratch(data))).toEqual(now);
    p.child.kill('SIGTERM');
    await new Promise((r) => p.child.once('exit', r));
    // A clean stop takes its own folder with it.
    expect(await scratch(data)).toEqual([]);
  }, 400_000);
});
