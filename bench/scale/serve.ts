/**
 * Part 12, scale-out: a mixed load (catalog search, dataset pages, records
 * queries, a few exports, problem votes by many residents) on two `plaza web`
 * nodes and a `plaza worker` over PostgreSQL, S3 storage (s3rver) and Redis,
 * split evenly across the two nodes, then the same load on the embedded single
 * process (`plaza serve`: SQLite, a local folder) in the same run.
 *
 * `npm run bench -- scale [--seconds N]` (default 300 s of measured load per
 * setup, in windows of 60 s; shorter runs use two windows). Every process is
 * a real `plaza` child; the load runs in a process of its own
 * (bench/scale/load.ts). Writes its section of bench/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { rssMiB, servicesProblem, startCluster, startNode, stopNode, type PlazaNode } from '../../test/scale/cluster.ts';
import { ROOT } from '../pages/portal.ts';
import type { PlannedRequest, Stream, StreamResult } from './load.ts';
import { renderSection, type SetupResult } from './section.ts';
import { seedCommunity, seedDatasets, type BigTable, type Community } from './seed.ts';

const run = promisify(execFile);
const log = (...a: unknown[]) => console.log(`[scale ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

/** Connections per node for each request type (the single process gets both nodes' worth). */
export const MIX: Record<string, number> = { 'catalog search': 3, 'dataset page': 3, 'records query': 3, export: 1, 'problem vote': 2 };
/** Limits far above the load, so that they are counted (in Redis on the cluster) but never hit. */
const LIMITS = { PLAZA_RATE_LIMIT_ANONYMOUS: '100000000', PLAZA_RATE_LIMIT_TOKEN: '100000000', PLAZA_VOTE_LIMIT: '100000000', PLAZA_VOTE_LIMIT_ADDRESS: '100000000' };
const SETTINGS = { ...LIMITS, PLAZA_DUCKDB_MEMORY: '512MB', PLAZA_DUCKDB_THREADS: '2' };
const PROBLEMS = Number(process.env.BENCH_SCALE_PROBLEMS ?? 1_000);
const ACCOUNTS = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 60);
/** Generated votes per problem (synthetic voters, as in part 9). */
const VOTES_PER_PROBLEM = 10;
const WORDS = ['shelter', 'food', 'crime', 'bike', 'covid', 'inspection', 'earnings', 'subway', 'pantry', 'census', 'daily', 'restaurant', 'boston', 'chicago', 'montreal', 'zip'];

/** The requests of each type, in the order each stream sends them. */
function requestsOf(slugs: string[], big: BigTable, community: Community): Record<string, PlannedRequest[]> {
  const records = (q: Record<string, string>) => `/api/v1/datasets/${big.slug}/records?${new URLSearchParams(q)}`;
  const where = (v: string) => `${big.column}='${v.replace(/'/g, "''")}'`;
  const votes: PlannedRequest[] = [];
  for (let i = 0; i < 4_000; i++) {
    const token = community.tokens[i % community.tokens.length]!;
    const problem = community.problems[(i * 7919) % community.problems.length]!;
    const headers = { authorization: `Bearer ${token}` };
    votes.push({ method: 'PUT', path: `/api/v1/problems/${encodeURIComponent(problem)}/vote`, headers }, { method: 'DELETE', path: `/api/v1/problems/${encodeURIComponent(problem)}/vote`, headers });
  }
  return {
    'catalog search': WORDS.map((w) => ({ method: 'GET', path: `/api/v1/datasets?q=${encodeURIComponent(w)}` })),
    'dataset page': [...slugs, big.slug].map((s) => ({ method: 'GET', path: `/datasets/${s}` })),
    'records query': big.values.flatMap((v, i) => [
      { method: 'GET', path: records({ where: where(v), limit: '100' }) },
      { method: 'GET', path: records({ where: where(v), order_by: big.column, limit: '100', offset: String((i % 5) * 100) }) },
    ]),
    export: big.values.slice(0, 20).flatMap((v) => [
      { method: 'GET', path: `/api/v1/datasets/${big.slug}/export/csv?${new URLSearchParams({ where: where(v) })}` },
      { method: 'GET', path: `/api/v1/datasets/${slugs.at(-1)}/export/csv` },
    ]),
    'problem vote': votes,
  };
}

/** Runs the load once for `seconds`: every type on every node at once, in a process of its own. */
async function window(dir: string, nodes: PlazaNode[], requests: Record<string, PlannedRequest[]>, seconds: number, perNode: number): Promise<StreamResult[]> {
  const streams: Stream[] = nodes.flatMap((n) => Object.entries(MIX).map(([type, c]) => ({ type, node: n.name, base: n.base, connections: c * perNode, requests: requests[type]! })));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify({ seconds, streams }));
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/scale/load.ts'), planFile], { cwd: ROOT, maxBuffer: 16 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as StreamResult[];
}

/** Bytes under a folder (0 when missing). */
async function folderBytes(path: string): Promise<number> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch(() => []);
  let sum = 0;
  for (const e of entries) if (e.isFile()) sum += (await stat(join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
  return sum;
}

async function redisCommands(url: string): Promise<number> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await r.connect();
    return Number(/total_commands_processed:(\d+)/.exec(await r.info('stats'))?.[1] ?? NaN);
  } finally {
    r.disconnect();
  }
}

async function pgQuery<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

interface Measure {
  windows: StreamResult[][];
  rssStart: Record<string, number>;
  rssEnd: Record<string, number>;
  rssWindows: Record<string, number[]>;
}

/**
 * A warm-up window as long as the measured ones (the caches, DuckDB's
 * buffers and the heap fill during it), then `count` windows of `seconds`,
 * with every node's RSS after the warm-up and after each window.
 */
async function measure(label: string, dir: string, nodes: PlazaNode[], requests: Record<string, PlannedRequest[]>, perNode: number, count: number, seconds: number): Promise<Measure> {
  const warm = await window(dir, nodes, requests, seconds, perNode);
  log(`${label}: warm-up ${warm.reduce((s, r) => s + r.requests, 0)} requests, ${warm.reduce((s, r) => s + r.non2xx + r.errors, 0)} errors`);
  const rss = async () => Object.fromEntries(await Promise.all(nodes.map(async (n) => [n.name, await rssMiB(n.pid)] as const)));
  const rssStart = await rss();
  const rssWindows: Record<string, number[]> = Object.fromEntries(nodes.map((n) => [n.name, []]));
  const windows: StreamResult[][] = [];
  for (let i = 0; i < count; i++) {
    const w = await window(dir, nodes, requests, seconds, perNode);
    windows.push(w);
    const now = await rss();
    for (const n of nodes) rssWindows[n.name]!.push(now[n.name]!);
    log(`${label}: window ${i + 1}/${count}: ${Math.round(w.reduce((s, r) => s + r.rps, 0))} req/s, ${w.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0)} errors, RSS ${nodes.map((n) => `${n.name} ${Math.round(now[n.name]!)}`).join(', ')} MiB`);
  }
  const rssEnd = Object.fromEntries(nodes.map((n) => [n.name, rssWindows[n.name]!.at(-1)!]));
  return { windows, rssStart, rssEnd, rssWindows };
}

function secondsArg(): number {
  const i = process.argv.indexOf('--seconds');
  const n = Number(i >= 0 ? process.argv[i + 1] : process.env.BENCH_SCALE_SECONDS ?? 300);
  if (!Number.isFinite(n) || n < 4) throw new Error('--seconds takes a number of seconds, at least 4');
  return n;
}

export async function main(): Promise<void> {
  const total = secondsArg();
  const count = total >= 120 ? Math.round(total / 60) : 2;
  const seconds = Math.max(2, Math.round(total / count));
  const problem = await servicesProblem();
  if (problem) {
    console.log(`SKIP scale-out: ${problem}`);
    return;
  }
  const started = new Date().toISOString();
  const loads: Array<{ at: string; load1: number }> = [{ at: 'start', load1: loadavg()[0]! }];
  const dir = await mkdtemp(join(tmpdir(), 'plaza-bench-scale-'));
  const setups: SetupResult[] = [];
  try {
    // ---------- two web nodes and a worker on PostgreSQL, S3 and Redis ----------
    log('starting two web nodes and a worker on PostgreSQL, s3rver and Redis');
    const cluster = await startCluster({ webs: 2, workers: 1, smtp: false, env: SETTINGS });
    try {
      const [a] = cluster.webs as [PlazaNode, PlazaNode];
      const seeded = await seedDatasets(a.base, cluster.adminToken);
      log(`loaded ${seeded.slugs.length + 1} datasets; the big one: ${seeded.big.file}, ${seeded.big.rows} rows`);
      const community = await seedCommunity({ dataDir: join(dir, 'seed-cluster'), databaseUrl: cluster.databaseUrl }, { problems: PROBLEMS, votes: PROBLEMS * VOTES_PER_PROBLEM, accounts: ACCOUNTS });
      log(`${community.problems.length} problems, ${community.tokens.length} residents with tokens`);
      const requests = requestsOf(seeded.slugs, seeded.big, community);
      loads.push({ at: 'cluster loaded', load1: loadavg()[0]! });
      const redisBefore = await redisCommands(cluster.redisUrl);
      const m = await measure('cluster', dir, cluster.webs, requests, 1, count, seconds);
      const redisAfter = await redisCommands(cluster.redisUrl);
      const dbName = new URL(cluster.databaseUrl).pathname.slice(1);
      const connections = await pgQuery<{ application_name: string; n: string }>(cluster.databaseUrl, 'SELECT application_name, count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY application_name', [dbName]);
      const maxConnections = Number((await pgQuery<{ max_connections: string }>(cluster.databaseUrl, 'SHOW max_connections'))[0]?.max_connections);
      const cached = Object.fromEntries(await Promise.all(cluster.webs.map(async (n) => [n.name, await folderBytes(join(n.dataDir, 'blob-cache'))] as const)));
      loads.push({ at: 'cluster measured', load1: loadavg()[0]! });
      setups.push({
        name: 'two web nodes + a worker (PostgreSQL, S3, Redis)',
        nodes: cluster.webs.map((n) => n.name),
        ...m,
        redisCommands: redisAfter - redisBefore,
        pgConnections: connections.reduce((s, c) => s + Number(c.n), 0),
        maxConnections,
        blobCacheBytes: cached,
        big: seeded.big,
      });
    } finally {
      await cluster.close();
    }

    // ---------- the embedded single process ----------
    log('starting plaza serve on SQLite and a local folder');
    const single = join(dir, 'single');
    const community = await seedCommunity({ dataDir: single }, { problems: PROBLEMS, votes: PROBLEMS * VOTES_PER_PROBLEM, accounts: ACCOUNTS });
    const node = await startNode('serve', 'serve', single, SETTINGS);
    try {
      const seeded = await seedDatasets(node.base, community.adminToken);
      const requests = requestsOf(seeded.slugs, seeded.big, community);
      loads.push({ at: 'single loaded', load1: loadavg()[0]! });
      const m = await measure('single', dir, [node], requests, 2, count, seconds);
      loads.push({ at: 'single measured', load1: loadavg()[0]! });
      setups.push({ name: 'one process, `plaza serve` (SQLite, local folder)', nodes: [node.name], ...m, big: seeded.big });
    } finally {
      await stopNode(node, 'SIGTERM', 30);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const { writeScaleSection } = await import('./section.ts');
  await writeScaleSection(renderSection({ started, seconds, count, loads, setups, cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, mix: MIX, problems: PROBLEMS, votesPerProblem: VOTES_PER_PROBLEM, accounts: ACCOUNTS }));
  log('wrote the scale-out section of bench/RESULTS.md');
}
