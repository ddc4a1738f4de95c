/**
 * A run interrupted by a crash resumes: the real `plaza` command is killed
 * (SIGKILL) in the middle of a run over a large generated catalog, started
 * again, and the same run finishes with every record exactly once. Both ways
 * a run is made: by the portal's worker (the job is queued again on start)
 * and by `plaza harvest run` (run again, it resumes the run it left).
 */
import Database from 'better-sqlite3';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, until } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const N = 4000;
let dir: string;
let data: string;
let server: Server;
let base = '';
const children: ChildProcess[] = [];

/** A DCAT-US catalog of `n` datasets, each with a CSV distribution. */
const generated = (prefix: string, n: number) =>
  JSON.stringify({
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    dataset: Array.from({ length: n }, (_, i) => ({
      identifier: `https://${prefix}.example.org/d/${i}`, title: `${prefix} dataset ${i}`, description: `Generated record ${i}.`, modified: '2026-03-01',
      keyword: ['generated'], publisher: { name: 'Generator' }, distribution: [{ downloadURL: `https://${prefix}.example.org/d/${i}.csv`, mediaType: 'text/csv' }],
    })),
  });

const env = (port = 0) => ({ ...process.env, PLAZA_DATA_DIR: data, PLAZA_PORT: String(port), PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'warn', PLAZA_ALLOW_PRIVATE_URLS: 'true', PLAZA_DUCKDB_MEMORY: '256MB', PLAZA_JOB_LEASE_SECONDS: '5' });

function start(args: string[], port = 0): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(port) });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-crash-'));
  data = join(dir, 'data');
  const catalogs: Record<string, string> = { '/worker.json': generated('worker', N), '/cli.json': generated('cli', N) };
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(catalogs[req.url ?? ''] ?? '{}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Waits until the newest run of a source is running with some records taken and not all; its id. */
async function halfwayThrough(sourceId: string): Promise<string> {
  return until('the run to be halfway', async () => {
    const db = new Database(join(data, 'catalog.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const r = db.prepare('select id, status, counts from harvest_runs where source_id = ? order by seq desc limit 1').get(sourceId) as { id: string; status: string; counts: string } | undefined;
      const created = r ? ((JSON.parse(r.counts) as { created?: number }).created ?? 0) : 0;
      return r?.status === 'running' && created > 0 && created < N ? r.id : undefined;
    } finally {
      db.close();
    }
  }, 120);
}

interface Report {
  id: string;
  status: string;
  counts: Record<string, number>;
}

describe('a harvest run killed halfway', () => {
  it('is queued again when the portal starts again, and the same run finishes with every record once', async () => {
    const port = await freePort();
    const api = `http://127.0.0.1:${port}/api/v1`;
    let serve = start(['serve'], port);
    await until('plaza serve to start', async () => (serve.output().includes('Plaza is serving') ? true : undefined));
    const auth = { authorization: `Bearer ${(await readFile(join(data, 'admin-token.txt'), 'utf8')).trim()}`, 'content-type': 'application/json' };
    const added = await fetch(`${api}/harvest/sources`, { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'dcat-us', url: `${base}/worker.json`, name: 'Worker catalog', organization: 'Worker catalog', schedule_hours: null }) });
    const source = (await added.json()) as { id: string };
    const queued = (await (await fetch(`${api}/harvest/sources/${source.id}/runs`, { method: 'POST', headers: { authorization: auth.authorization } })).json()) as { run: Report };
    const report = async () => (await (await fetch(`${api}/harvest/runs/${queued.run.id}`, { headers: auth })).json()) as Report;
    // Read from the catalog file, beside the process: its own answers wait while a page of the run is written.
    const halfway = await halfwayThrough(source.id);
    await kill(serve.child);
    expect(halfway).toBe(queued.run.id);

    serve = start(['serve'], port);
    await until('plaza serve to start again', async () => (serve.output().includes('Plaza is serving') ? true : undefined));
    const done = await until('the run to finish', async () => {
      const r = await report();
      return r.status !== 'running' && r.status !== 'queued' ? r : undefined;
    }, 180);
    expect(done).toMatchObject({ id: queued.run.id, status: 'succeeded', counts: { created: N, updated: 0, archived: 0, unchanged: 0, errors: 0 } });
    const runs = (await (await fetch(`${api}/harvest/sources/${source.id}/runs`, { headers: auth })).json()) as { results: Report[] };
    expect(runs.results.map((r) => r.id)).toEqual([queued.run.id]);
    const listed = (await (await fetch(`${api}/datasets?organization=worker-catalog&limit=1`, { headers: auth })).json()) as { total: number };
    expect(listed.total).toBe(N);
    const exited = new Promise((r) => serve.child.once('exit', r));
    serve.child.kill('SIGTERM');
    await exited;
  }, 400_000);

  it('is resumed by the next `plaza harvest run`, which finishes it with every record once', async () => {
    const added = await promisify(execFile)(process.execPath, [BIN, 'harvest', 'add', '--kind', 'dcat-us', `${base}/cli.json`, '--name', 'CLI catalog', '--manual'], { cwd: ROOT, env: env() });
    const id = /^id: (\S+)$/m.exec(added.stdout)![1]!;
    const first = start(['harvest', 'run', id]);
    const runId = await halfwayThrough(id);
    await kill(first.child);
    const again = await promisify(execFile)(process.execPath, [BIN, 'harvest', 'run', id], { cwd: ROOT, env: env(), maxBuffer: 16 << 20 });
    expect(again.stdout).toBe(`CLI catalog: resuming run ${runId}, left running by a stopped process.\nCLI catalog (dcat-us), run ${runId}: succeeded\n  created ${N}, updated 0, archived 0, unchanged 0, errors 0\n`);
    const db2 = new Database(join(data, 'catalog.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const datasets = db2.prepare('select count(*) as n, count(distinct o.remote_id) as remote from harvest_origins o join datasets d on d.id = o.dataset_id where o.source_id = ?').get(id) as { n: number; remote: number };
      expect(datasets).toEqual({ n: N, remote: N });
      const titles = db2.prepare("select count(*) as n, count(distinct title) as titles from datasets where title like 'cli dataset %'").get() as { n: number; titles: number };
      expect(titles).toEqual({ n: N, titles: N });
    } finally {
      db2.close();
    }
  }, 400_000);
});
