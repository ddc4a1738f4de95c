/**
 * Plaza as a city runs it at scale, on loopback: a PostgreSQL database of its
 * own, an S3-protocol server (s3rver), a Redis database of its own, an SMTP
 * catcher, and `plaza web` / `plaza worker` processes (each a real
 * `node bin/plaza.mjs` child with a data folder of its own, sharing the
 * database, the bucket and Redis). The multi-node test and the scale-out
 * benchmark both start it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { startS3, type S3Server } from '../support/s3.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { onServer, POSTGRES_TEST_URL, withDatabase } from '../support/stores.ts';
import { freePort, sleep, until } from '../support/processes.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
export const REDIS_TEST_URL = process.env.PLAZA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A key that marks a Redis database as taken by a running cluster (the database was empty before). */
const CLAIM_KEY = 'plaza-scale-cluster-claim';

export type Role = 'web' | 'worker' | 'serve';

/** One `plaza` process. */
export interface PlazaNode {
  name: string;
  role: Role;
  /** Its HTTP port (workers get one too, unused). */
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  dataDir: string;
  pid: number;
  child: ChildProcessWithoutNullStreams;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with its exit code (null after a signal) once it has exited. */
  exited: Promise<number | null>;
  /** Whether it is still running. */
  alive(): boolean;
}

// ---------- services ----------



const redisClient = (url: string): Redis => new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });

/** Why the cluster cannot start here (PostgreSQL or Redis does not answer), or null when both do. */
export async function servicesProblem(): Promise<string | null> {
  const problems: string[] = [];
  try {
    await onServer('SELECT 1');
  } catch (e) {
    problems.push(`PostgreSQL at ${new URL(POSTGRES_TEST_URL).host} does not answer (${(e as Error).message || String(e)}); set PLAZA_TEST_POSTGRES_URL`);
  }
  const r = redisClient(REDIS_TEST_URL);
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    problems.push(`Redis at ${new URL(REDIS_TEST_URL).host} does not answer (${(e as Error).message || String(e)}); set PLAZA_TEST_REDIS_URL`);
  } finally {
    r.disconnect();
  }
  return problems.length ? problems.join('; ') : null;
}

/**
 * A Redis database nobody uses: the highest numbered one that is empty, taken
 * with a claim key so that two clusters never pick the same one. `release`
 * empties it again (everything in it is this cluster's).
 */
async function claimRedisDatabase(): Promise<{ url: string; db: number; release(): Promise<void> }> {
  for (let db = 15; db >= 1; db--) {
    const url = `${REDIS_TEST_URL.replace(/\/\d*$/, '')}/${db}`;
    const r = redisClient(url);
    r.on('error', () => undefined);
    try {
      await r.connect();
      if ((await r.dbsize()) !== 0) continue;
      if ((await r.set(CLAIM_KEY, String(process.pid), 'EX', 3_600, 'NX')) !== 'OK') continue;
      return {
        url,
        db,
        async release() {
          const c = redisClient(url);
          c.on('error', () => undefined);
          try {
            await c.connect();
            await c.flushdb();
          } finally {
            c.disconnect();
          }
        },
      };
    } finally {
      r.disconnect();
    }
  }
  throw new Error(`no empty Redis database (1–15) at ${REDIS_TEST_URL} to run the cluster on`);
}

// ---------- processes ----------

/** The environment of a `plaza` process: the parent's without its PLAZA_ settings, then `env`. */
function plazaEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PLAZA_')));
  return { ...base, PLAZA_DEMO: 'false', PLAZA_LOG_LEVEL: 'warn', ...env };
}

/**
 * Runs a short `plaza` command; resolves with its stdout once it exits. When
 * `doneWhen` matches its output and it has not exited `graceMs` later, it is
 * stopped and `onLinger` told (a command that finished its work but left
 * something open).
 */
export async function plazaCommand(args: string[], env: Record<string, string>, opts: { doneWhen?: RegExp; graceMs?: number; onLinger?: (message: string) => void } = {}): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: plazaEnv(env) });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const deadline = Date.now() + 120_000;
  let doneAt: number | undefined;
  for (;;) {
    const code = await Promise.race([exited, sleep(100).then(() => 'running' as const)]);
    if (code !== 'running') {
      if (code !== 0) throw new Error(`plaza ${args.join(' ')} exited ${code}: ${err}${out}`);
      return out;
    }
    if (doneAt === undefined && opts.doneWhen?.test(out)) doneAt = Date.now();
    if (doneAt !== undefined && Date.now() - doneAt > (opts.graceMs ?? 5_000)) {
      child.kill('SIGKILL');
      opts.onLinger?.(`plaza ${args.join(' ')} did its work but had not exited ${(opts.graceMs ?? 5_000) / 1000} s later; stopped it`);
      return out;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`plaza ${args.join(' ')} did not finish in 120 s: ${err}${out}`);
    }
  }
}

const READY: Record<Role, string> = { web: 'Plaza is serving', serve: 'Plaza is serving', worker: 'worker is running' };

/** Starts `plaza <role>` and resolves once it says it is ready (or fails with what it printed). */
export async function startNode(name: string, role: Role, dataDir: string, env: Record<string, string>, seconds = 60): Promise<PlazaNode> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, role], { cwd: ROOT, env: plazaEnv({ PLAZA_DATA_DIR: dataDir, PLAZA_PORT: String(port), ...env }) });
  let out = '';
  let running = true;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => {
    running = false;
    r(code);
  }));
  const node: PlazaNode = { name, role, port, base: `http://127.0.0.1:${port}`, dataDir, pid: child.pid!, child, output: () => out, exited, alive: () => running };
  try {
    await until(`${name} (plaza ${role}) to start`, async () => {
      if (!running) throw new Error(`${name} (plaza ${role}) exited while starting:\n${out.slice(-3000)}`);
      return out.includes(READY[role]) ? true : undefined;
    }, seconds);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return node;
}

/** Sends a signal and waits for the process to exit; SIGKILL after `seconds`. */
export async function stopNode(node: PlazaNode, signal: NodeJS.Signals = 'SIGTERM', seconds = 40): Promise<number | null> {
  if (!node.alive()) return node.exited;
  node.child.kill(signal);
  const timer = setTimeout(() => node.child.kill('SIGKILL'), seconds * 1000);
  try {
    return await node.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the process has a piece of work in its scratch folder now (`<data>/tmp/proc-<pid>-*` holds a folder per running job). */
export async function isWorking(node: PlazaNode): Promise<boolean> {
  const tmp = join(node.dataDir, 'tmp');
  const own = (await readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith(`proc-${node.pid}-`));
  for (const folder of own) {
    const entries = await readdir(join(tmp, folder)).catch(() => [] as string[]);
    if (entries.some((e) => e !== 'owner.json' && e !== 'engine')) return true;
  }
  return false;
}

/** Resident memory of a process, MiB (from /proc). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

// ---------- the cluster ----------

export interface ClusterOptions {
  webs?: number;
  workers?: number;
  /** Settings every process gets, after the cluster's own. */
  env?: Record<string, string>;
  /** Give the workers PLAZA_SMTP_URL of a mail catcher (default true). */
  smtp?: boolean;
}

export interface Cluster {
  dir: string;
  databaseUrl: string;
  s3: S3Server;
  redisUrl: string;
  smtp: TestSmtpServer | undefined;
  /** The settings every process of the cluster runs with (no data folder or port). */
  env: Record<string, string>;
  /** A site administrator's API token, made by `plaza admin create`. */
  adminToken: string;
  webs: PlazaNode[];
  workers: PlazaNode[];
  /** Starts one more process of the cluster in a fresh data folder. */
  add(role: 'web' | 'worker', name: string): Promise<PlazaNode>;
  close(): Promise<void>;
}

/**
 * Starts the services, migrates the database and makes an admin token with
 * `plaza admin create`, then the web and worker processes, all at once.
 * On any failure, what was started is stopped again.
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const nodes: PlazaNode[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'plaza-cluster-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const close = async () => {
    await Promise.all(nodes.map((n) => stopNode(n, 'SIGKILL', 5)));
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const name = `plaza_scale_${randomBytes(5).toString('hex')}`;
    await onServer(`CREATE DATABASE ${name}`);
    cleanups.push(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const databaseUrl = withDatabase(POSTGRES_TEST_URL, name);
    const s3 = await startS3();
    cleanups.push(() => s3.close());
    const redis = await claimRedisDatabase();
    cleanups.push(() => redis.release());
    const smtp = opts.smtp === false ? undefined : await startSmtpServer();
    if (smtp) cleanups.push(() => smtp.close());
    const env: Record<string, string> = {
      PLAZA_DATABASE_URL: databaseUrl,
      ...s3.env,
      PLAZA_S3_PREFIX: `${name}/`,
      PLAZA_REDIS_URL: redis.url,
      PLAZA_DUCKDB_MEMORY: '256MB',
      PLAZA_DUCKDB_THREADS: '1',
      ...(smtp ? { PLAZA_SMTP_URL: smtp.url } : {}),
      ...opts.env,
    };
    // One process migrates the new database (and builds the command if needed) before the others start.
    const warnings: string[] = [];
    const adminToken = (await plazaCommand(['admin', 'create', '--name', 'cluster'], { ...env, PLAZA_DATA_DIR: join(dir, 'admin') }, { doneWhen: /^plz_\S+$/m, onLinger: (m) => warnings.push(m) })).trim().split('\n').pop()!.trim();
    for (const w of warnings) console.warn(`cluster: ${w}`);
    const add = async (role: 'web' | 'worker', nodeName: string) => {
      const node = await startNode(nodeName, role, join(dir, nodeName), env);
      nodes.push(node);
      return node;
    };
    const webNames = Array.from({ length: opts.webs ?? 2 }, (_, i) => `web-${String.fromCharCode(97 + i)}`);
    const workerNames = Array.from({ length: opts.workers ?? 2 }, (_, i) => `worker-${i + 1}`);
    const started = await Promise.allSettled([...webNames.map((n) => add('web', n)), ...workerNames.map((n) => add('worker', n))]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return {
      dir,
      databaseUrl,
      s3,
      redisUrl: redis.url,
      smtp,
      env,
      adminToken,
      webs: nodes.filter((n) => n.role === 'web'),
      workers: nodes.filter((n) => n.role === 'worker'),
      add,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

// ---------- talking to it ----------

/** A JSON request to a node; throws with the answer when the status is not the one expected. */
export async function api<T>(base: string, token: string | undefined, method: string, path: string, body?: unknown, expected = [200, 201, 202, 204]): Promise<T> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body: payload });
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`${method} ${base}${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface JobView {
  id: string;
  status: string;
  phase: string;
  rows_read: number;
  errors: unknown[];
  result: { rows?: number; version?: number } | null;
}

/** Uploads a file as a new version of the dataset; the queued job. */
export async function upload(base: string, token: string, slug: string, file: Buffer, filename: string): Promise<JobView> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  const { job } = await api<{ job: JobView }>(base, token, 'POST', `/api/v1/datasets/${slug}/resources`, form);
  return job;
}

/** Waits until a job has finished (succeeded, failed or dead). */
export async function jobDone(base: string, token: string, id: string, seconds = 60): Promise<JobView> {
  return until(`job ${id} to finish`, async () => {
    const j = await api<JobView>(base, token, 'GET', `/api/v1/jobs/${id}`);
    return ['succeeded', 'failed', 'dead'].includes(j.status) ? j : undefined;
  }, seconds);
}

export { sleep, until };
