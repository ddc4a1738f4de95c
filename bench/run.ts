/**
 * Plaza benchmark: `npm run bench`. See bench/README.md.
 *
 * 1. End-to-end ingest (child process per run, peak RSS) at 446,924 and 1.34M rows.
 * 2. Reference A: raw DuckDB CSV → Parquet (threads = 2).
 * 3. Reference B: PostgreSQL COPY of the same CSV + the same queries in SQL.
 * 4. Records API over HTTP on the 1.34M-row version: p50/p99 of five shapes.
 * 5. Catalog search over 10,000 generated datasets on SQLite and PostgreSQL
 *    (bench/catalog/search.ts); `npm run bench -- catalog` runs only this part.
 * 6. Pages: requests per second of the dataset and catalog pages, and their JavaScript
 *    (bench/pages/serve.ts); `npm run bench -- pages` runs only this part.
 * 7. Lighthouse-style metrics of the main pages in Chromium, mobile-throttled and
 *    desktop (bench/pages/lighthouse.ts); `npm run bench -- lighthouse` runs only this part.
 * 8. Start-up of the `plaza` command: `plaza help` and `plaza load` of a 23-line file
 *    (bench/startup.ts); `npm run bench -- startup` runs only this part.
 * 9. Problem inventory: 10,000 generated problems and 200,000 votes; requests per
 *    second of its list and problem pages next to the dataset page, and a vote's
 *    latency over HTTP next to the store's (bench/problems/serve.ts);
 *    `npm run bench -- problems` runs only this part.
 * 10. Compatible APIs (CKAN, SoQL, OGC API Features, /data.json) next to the
 *    native API for the same questions (bench/compat/serve.ts);
 *    `npm run bench -- compat` runs only this part.
 * 11. Harvesting a 10,000-dataset DCAT-US `data.json` and a 10,000-dataset Plaza
 *    peer next to reading the same source and writing its rows plainly
 *    (bench/harvest/measure.ts); `npm run bench -- harvest` runs only this part.
 * 12. Scale-out: a mixed load on two `plaza web` nodes and a worker over
 *    PostgreSQL, S3 (s3rver) and Redis, then on one `plaza serve` process
 *    (bench/scale/serve.ts); `npm run bench -- scale [--seconds N]` runs only this part.
 *
 * Writes bench/RESULTS.md. The benchmark is not a test: it never fails the run
 * on a missed target, it reports it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import type { buildApp as BuildAppFn } from '../src/http/app.ts';

type BuildApp = typeof BuildAppFn;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = resolve(ROOT, '../shared/data/bench/nyc_subway_stop_times.csv.gz');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const PG_RUNS = Number(process.env.BENCH_PG_RUNS ?? 200);
const DIAG_RUNS = Number(process.env.BENCH_DIAG_RUNS ?? 20);
const PG = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres'];
const PG_DB = 'plaza_bench';
const startedAt = new Date();
/** 1-minute load average at named points: the machine is shared, so a busy moment shows here. */
const loads: { at: string; load1: number }[] = [];
const noteLoad = (at: string) => loads.push({ at, load1: loadavg()[0]! });
noteLoad('start');

/** Which code ran: HEAD, uncommitted changes, and a hash of src/ (others edit it while the bench runs). */
async function sourceFingerprint(): Promise<{ hash: string; newest: string }> {
  const files = (await readdir(join(ROOT, 'src'), { recursive: true })).filter((x) => x.endsWith('.ts')).sort();
  const h = createHash('sha256');
  let newest = 0;
  for (const rel of files) {
    const full = join(ROOT, 'src', rel);
    h.update(rel).update(await readFile(full));
    newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return { hash: h.digest('hex').slice(0, 12), newest: new Date(newest).toISOString() };
}
const sourceAtStart = await sourceFingerprint();

// ---------- helpers ----------
const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const f = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
const int = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const log = (...a: unknown[]) => console.log(`[${((performance.now()) / 1000).toFixed(1)}s]`, ...a);
const sh = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return 'unavailable';
  }
};

if (process.argv[2] === 'catalog') {
  const { main } = await import('./catalog/search.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'pages') {
  const { main } = await import('./pages/serve.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'problems') {
  const { main } = await import('./problems/serve.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'lighthouse') {
  const { main } = await import('./pages/lighthouse.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'compat') {
  const { main } = await import('./compat/serve.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'harvest') {
  const { main } = await import('./harvest/measure.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'scale') {
  const { main } = await import('./scale/serve.ts');
  await main();
  process.exit(0);
}

if (process.argv[2] === 'startup') {
  const { main } = await import('./startup.ts');
  await main();
  process.exit(0);
}

if (!existsSync(INPUT)) {
  console.log(`SKIP: the benchmark input ${INPUT} is not here (it lives in ../shared, outside the repository). Parts 1–4 were not measured; part 5 (catalog search) and part 8 (start-up) need no input.`);
  const { main } = await import('./catalog/search.ts');
  await main();
  const { main: startupBench } = await import('./startup.ts');
  await startupBench();
  process.exit(0);
}

// ---------- inputs ----------
const work = await mkdtemp(join(tmpdir(), 'plaza-bench-'));
const small = join(work, 'stop_times.csv');
const big = join(work, 'stop_times_x3.csv');
log('preparing inputs in', work);
await pipeline(createReadStream(INPUT), createGunzip(), createWriteStream(small));
{
  const text = await readFile(small, 'utf8');
  const nl = text.indexOf('\n');
  const header = text.slice(0, nl + 1);
  let body = text.slice(nl + 1);
  if (!body.endsWith('\n')) body += '\n';
  const out = createWriteStream(big);
  out.write(header);
  for (let i = 0; i < 3; i++) out.write(body);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}
const countLines = async (p: string) => (await readFile(p, 'utf8')).split('\n').filter((l) => l !== '').length - 1;
const inputs = [
  { label: '446,924 rows', path: small, rows: await countLines(small), bytes: (await stat(small)).size },
  { label: '1.34M rows', path: big, rows: await countLines(big), bytes: (await stat(big)).size },
];
log('inputs:', inputs.map((i) => `${i.label}: ${i.rows} rows, ${(i.bytes / 1e6).toFixed(1)} MB`).join('; '));

// ---------- machine ----------
const machine = {
  nproc: sh('nproc', []) || String(availableParallelism()),
  cpu: cpus()[0]?.model ?? 'unknown',
  free: sh('free', ['-g']),
  node: process.version,
  duckdb: duckdbVersion(),
  postgres: sh('psql', [...PG, '-d', 'postgres', '-tAc', 'show server_version']),
  commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  dirty: sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=all', '--', 'src']).split('\n').filter(Boolean).length,
};

// ---------- PostgreSQL helpers ----------
const pgTypes: Record<string, string> = { integer: 'bigint', decimal: 'double precision', boolean: 'boolean', date: 'date', timestamp: 'timestamp', time: 'time', text: 'text', geometry: 'text' };
const psql = (db: string, script: string): { out: string; err: string; status: number | null } => {
  const r = spawnSync('psql', [...PG, '-d', db], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { out: r.stdout ?? '', err: r.stderr ?? (r.error?.message ?? ''), status: r.status };
};
const times = (out: string): number[] => [...out.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
const EXPECTED_TYPES = [
  { name: 'trip_id', type: 'text', physical: 'VARCHAR' },
  { name: 'arrival_time', type: 'text', physical: 'VARCHAR' },
  { name: 'departure_time', type: 'text', physical: 'VARCHAR' },
  { name: 'stop_id', type: 'text', physical: 'VARCHAR' },
  { name: 'stop_sequence', type: 'integer', physical: 'BIGINT' },
  { name: 'pickup_type', type: 'integer', physical: 'BIGINT' },
  { name: 'drop_off_type', type: 'integer', physical: 'BIGINT' },
];
const pgDdl = (cols: { name: string; type: string }[]) => `CREATE TABLE st (${cols.map((c) => `${c.name} ${pgTypes[c.type] ?? 'text'}`).join(', ')});`;
/** One timed COPY of a file into a fresh table (seconds), client-side as CKAN's loaders do. */
const pgCopyOnce = (file: string, cols: { name: string; type: string }[]): number => {
  const r = psql(PG_DB, `DROP TABLE IF EXISTS st;\n${pgDdl(cols)}\nCHECKPOINT;\n\\timing on\n\\copy st FROM '${file}' WITH (FORMAT csv, HEADER true)\n`);
  if (r.status !== 0) throw new Error(r.err.slice(0, 500));
  const t = times(r.out);
  return t[t.length - 1]! / 1000;
};
let pgError: string | null = machine.postgres === 'unavailable' ? 'PostgreSQL on 127.0.0.1:5432 is not reachable' : null;
if (!pgError) {
  const r = psql('postgres', `DROP DATABASE IF EXISTS ${PG_DB};\nCREATE DATABASE ${PG_DB};\n`);
  if (r.status !== 0) pgError = r.err.slice(0, 500);
}

// ---------- 1–3. ingest, paired with its references ----------
// The machine may be shared: each Plaza run is followed at once by a raw DuckDB run
// (and, at 1.34M rows, a PostgreSQL COPY) of the same file, so that each ratio
// compares runs made under the same load.
interface IngestOut {
  ok: boolean;
  error: string | null;
  seconds: number;
  jobSeconds: number | null;
  rows: number;
  rejected: number;
  columns: { name: string; type: string; physical: string }[];
  phases: Record<string, number>;
  sql?: Record<string, number>;
  maxRssKiB: number;
  datasetId: string;
  versionNumber: number | null;
}
function ingestOnce(file: string, dataDir: string): Promise<IngestOut> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/ingest-one.ts'), file, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        res(JSON.parse(line) as IngestOut);
      } catch {
        rej(new Error(`ingest child exited ${code}: ${err.slice(-2000)}${out.slice(-500)}`));
      }
    });
  });
}

interface IngestStats {
  label: string;
  rows: number;
  runs: IngestOut[];
  seconds: number;
  rowsPerSec: number;
  rssMiB: number;
  /** Fastest run: the least disturbed by other work on the machine. */
  best: number;
  phases: Record<string, number>;
  sql: Record<string, number>;
  errors: string[];
  duck: number[];
  pg: number[];
  /** Median over the runs of (Plaza seconds ÷ reference seconds of the same round). */
  pairedDuck: number;
  pairedPg: number;
}
const ingest: IngestStats[] = [];
let httpDataDir: string | undefined;
let httpDatasetId: string | undefined;
let inferred: { name: string; type: string; physical: string }[] = [];
const duckInst = await DuckDBInstance.create(':memory:', { threads: '2' });
const duckConn = await duckInst.connect();
const rawDuck = async (file: string): Promise<number> => {
  const out = join(work, 'raw.parquet');
  const t = performance.now();
  await duckConn.run(`COPY (SELECT * FROM read_csv('${file}')) TO '${out}' (FORMAT parquet)`);
  const secs = (performance.now() - t) / 1000;
  await rm(out, { force: true });
  return secs;
};
for (const input of inputs) {
  const isBig = input.path === big;
  const runs: IngestOut[] = [];
  const errors: string[] = [];
  const duck: number[] = [];
  const pg: number[] = [];
  const pairedDuck: number[] = [];
  const pairedPg: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const dataDir = join(work, `plaza-${isBig ? 'big' : 'small'}-${r}`);
    let o: IngestOut | undefined;
    try {
      o = await ingestOnce(input.path, dataDir);
      if (!o.ok) errors.push(o.error ?? 'failed');
      else if (o.rows !== input.rows) errors.push(`row count ${o.rows} ≠ ${input.rows}`);
      runs.push(o);
      if (isBig && o.ok && r === RUNS - 1) {
        httpDataDir = dataDir;
        httpDatasetId = o.datasetId;
      } else {
        await rm(dataDir, { recursive: true, force: true });
      }
      if (isBig && o.ok) inferred = o.columns;
    } catch (e) {
      errors.push((e as Error).message);
      log(`ingest ${input.label} run ${r + 1} FAILED:`, (e as Error).message);
    }
    const d = await rawDuck(input.path);
    duck.push(d);
    let p = NaN;
    if (isBig && !pgError) {
      try {
        p = pgCopyOnce(input.path, inferred.length ? inferred : EXPECTED_TYPES);
        pg.push(p);
      } catch (e) {
        pgError = (e as Error).message;
      }
    }
    if (o?.ok) {
      pairedDuck.push(o.seconds / d);
      if (Number.isFinite(p)) pairedPg.push(o.seconds / p);
    }
    if (o) {
      log(
        `ingest ${input.label} run ${r + 1}: Plaza ${o.seconds.toFixed(2)} s (${int(o.rows)} rows, peak RSS ${int(o.maxRssKiB / 1024)} MiB)${o.ok ? '' : ` FAILED ${o.error}`}` +
          ` · raw DuckDB ${d.toFixed(2)} s${Number.isFinite(p) ? ` · PostgreSQL COPY ${p.toFixed(2)} s` : ''}`,
      );
    }
  }
  const ok = runs.filter((o) => o.ok);
  const phaseNames = [...new Set(ok.flatMap((o) => Object.keys(o.phases)))];
  const phases = Object.fromEntries(phaseNames.map((p) => [p, median(ok.map((o) => o.phases[p] ?? 0))]));
  const sqlNames = [...new Set(ok.flatMap((o) => Object.keys(o.sql ?? {})))];
  const sql = Object.fromEntries(sqlNames.map((p) => [p, median(ok.map((o) => o.sql?.[p] ?? 0))]));
  const seconds = median(ok.map((o) => o.seconds));
  ingest.push({
    label: input.label,
    rows: input.rows,
    runs,
    seconds,
    rowsPerSec: input.rows / seconds,
    rssMiB: median(ok.map((o) => o.maxRssKiB / 1024)),
    best: Math.min(...ok.map((o) => o.seconds)),
    phases,
    sql,
    errors,
    duck,
    pg,
    pairedDuck: median(pairedDuck),
    pairedPg: median(pairedPg),
  });
  noteLoad(`after ingest ${input.label}`);
}
if (inferred.length === 0) {
  inferred = EXPECTED_TYPES;
  log('no successful 1.34M ingest: PostgreSQL uses the expected types');
}
if (!pgError) psql(PG_DB, 'DROP TABLE IF EXISTS st;\n');

// 20 stop_ids spread over the frequency ranks (101S first), to vary the filters.
const stopIds: string[] = [];
{
  const r = await duckConn.runAndReadAll(`SELECT stop_id, count(*) AS n FROM read_csv('${small}', all_varchar = true) GROUP BY 1 ORDER BY n DESC, stop_id`);
  const all = r.getRowObjectsJson().map((x) => String(x.stop_id));
  stopIds.push('101S');
  const step = Math.max(1, Math.floor(all.length / 19));
  for (let i = 0; stopIds.length < 20 && i < all.length; i += step) if (!stopIds.includes(all[i]!)) stopIds.push(all[i]!);
  duckConn.closeSync();
  duckInst.closeSync();
}
log('stop_ids used:', stopIds.join(' '));

// ---------- 4. records API over HTTP (before PostgreSQL so that PG does not share the CPU) ----------
interface Shape {
  key: string;
  label: string;
  p50: number;
  p99: number;
  n: number;
  failures: number;
  error: string | null;
  pg?: { p50: number; p99: number; n: number; error: string | null };
  /** In-process, no HTTP: the compiled page query and count query alone on the engine (p50 ms). */
  engine?: { page: number; count: number; action: number };
}
const shapes: Shape[] = [];
const deepPages = 50;
type Q = Record<string, string>;
const SHAPES: { key: string; label: string; params: (i: number) => Q; pg: (i: number) => string; noTarget?: boolean }[] = [
  { key: '0', label: '(0) baseline: limit=1, no filter (HTTP + catalog overhead)', params: () => ({ limit: '1' }), pg: () => 'SELECT * FROM st LIMIT 1', noTarget: true },
  { key: 'a', label: "(a) filtered page: where=stop_id='…'&limit=100", params: (i) => ({ where: `stop_id='${stopIds[i % stopIds.length]}'`, limit: '100' }), pg: (i) => `SELECT * FROM st WHERE stop_id = '${stopIds[i % stopIds.length]}' LIMIT 100` },
  { key: 'b', label: '(b) sorted page: order_by=arrival_time DESC&limit=100', params: () => ({ order_by: 'arrival_time DESC', limit: '100' }), pg: () => 'SELECT * FROM st ORDER BY arrival_time DESC LIMIT 100' },
  {
    key: 'b2',
    label: "(b') filtered sorted page: where=stop_id='…'&order_by=arrival_time&limit=100",
    params: (i) => ({ where: `stop_id='${stopIds[i % stopIds.length]}'`, order_by: 'arrival_time', limit: '100' }),
    pg: (i) => `SELECT * FROM st WHERE stop_id = '${stopIds[i % stopIds.length]}' ORDER BY arrival_time LIMIT 100`,
  },
  {
    key: 'c',
    label: '(c) group by: group_by=stop_id, count(*), avg(stop_sequence), order_by=n desc&limit=100',
    params: () => ({ group_by: 'stop_id', select: 'stop_id, count(*) as n, avg(stop_sequence) as avg_seq', order_by: 'n desc', limit: '100' }),
    pg: () => 'SELECT stop_id, count(*) AS n, avg(stop_sequence) AS avg_seq FROM st GROUP BY stop_id ORDER BY n DESC LIMIT 100',
  },
  {
    key: 'd',
    label: '(d) full text: q=<stop_id>',
    params: (i) => ({ q: stopIds[i % stopIds.length]! }),
    pg: (i) => {
      const w = stopIds[i % stopIds.length]!.toLowerCase();
      const cols = inferred.filter((c) => c.type === 'text').map((c) => `strpos(lower(${c.name}), '${w}') > 0`);
      return `SELECT * FROM st WHERE ${cols.join(' OR ')} LIMIT 100`;
    },
  },
  { key: 'e', label: `(e) deep page: cursor ${deepPages} pages deep, order_by=trip_id&limit=100`, params: () => ({}), pg: () => `SELECT * FROM st ORDER BY trip_id LIMIT 100 OFFSET ${deepPages * 100}` },
];

let httpError: string | null = null;
if (httpDataDir && httpDatasetId) {
  let buildApp: BuildApp | undefined;
  try {
    ({ buildApp } = await import('../src/http/app.ts'));
  } catch (e) {
    httpError = `src/http/app.ts failed to import: ${(e as Error).message.split('\n')[0]}`;
    log(httpError);
  }
  if (buildApp) {
    const { loadConfig } = await import('../src/config.ts');
    const { createPlaza } = await import('../src/main/container.ts');
    const { resolveVersion } = await import('../src/actions/records/resolve-version.ts');
    const { queryRecords } = await import('../src/actions/records/query-records.ts');
    const { compileRecordsQuery } = await import('../src/domain/query/index.ts');
    noteLoad('before HTTP');
    const plaza = await createPlaza(loadConfig({}, { dataDir: httpDataDir, demo: false, logLevel: 'silent' }));
    const { principalForToken } = await import('../src/actions/auth/principal.ts');
    const { createAdminToken } = await import('../src/actions/auth/tokens.ts');
    // The in-process diagnosis reads as the site administrator; the HTTP requests are anonymous.
    const benchActor = await principalForToken(plaza.deps, (await createAdminToken(plaza.deps, 'bench')).token);
    const app = await buildApp({ deps: plaza.deps, siteName: 'Bench', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `${address}/api/v1/datasets/${httpDatasetId}/records`;
    const get = async (q: Q): Promise<{ ms: number; ok: boolean; body: { results?: unknown[]; next_cursor?: string | null }; why: string }> => {
      const url = `${base}?${new URLSearchParams(q).toString()}`;
      const t = performance.now();
      const res = await fetch(url);
      const text = await res.text();
      const ms = performance.now() - t;
      let body: { results?: unknown[]; next_cursor?: string | null } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        /* reported below */
      }
      const ok = res.status === 200 && Array.isArray(body.results) && body.results.length > 0;
      return { ms, ok, body, why: ok ? '' : `HTTP ${res.status}: ${text.slice(0, 300)}` };
    };
    for (const s of SHAPES) {
      let params = s.params;
      let error: string | null = null;
      if (s.key === 'e') {
        // Follow next_cursor 50 pages deep, then time the page at that cursor.
        let cursor: string | undefined;
        for (let p = 0; p < deepPages; p++) {
          const r = await get({ order_by: 'trip_id', limit: '100', ...(cursor ? { cursor } : {}) });
          if (!r.ok || !r.body.next_cursor) {
            error = `page ${p + 1}: ${r.ok ? 'no next_cursor' : r.why}`;
            break;
          }
          cursor = r.body.next_cursor;
        }
        const c = cursor;
        params = () => ({ order_by: 'trip_id', limit: '100', cursor: c ?? '' });
      }
      const times: number[] = [];
      let failures = 0;
      if (!error) {
        for (let i = 0; i < WARMUP + REQUESTS; i++) {
          const r = await get(params(i));
          if (!r.ok) {
            failures++;
            error ??= r.why;
            if (failures >= 5 && times.length === 0) break;
            continue;
          }
          if (i >= WARMUP) times.push(r.ms);
        }
      }
      // Where the time goes: the same query in-process (action, then page SQL and count SQL alone).
      let engine: Shape['engine'];
      if (!error) {
        const q = params(0);
        const { version, dataPath } = await resolveVersion(plaza.deps, benchActor, httpDatasetId, undefined);
        const compiled = compileRecordsQuery(q, version.columns, plaza.deps.engine.relation(dataPath));
        const timeIt = async (fn: () => Promise<unknown>, n = DIAG_RUNS) => {
          const ts: number[] = [];
          for (let i = 0; i < n + 3; i++) {
            const t = performance.now();
            await fn();
            if (i >= 3) ts.push(performance.now() - t);
          }
          return median(ts);
        };
        const opt = { timeoutMs: 60_000 };
        engine = {
          action: await timeIt(() => queryRecords(plaza.deps, benchActor, httpDatasetId!, q)),
          page: await timeIt(() => plaza.deps.engine.query(compiled.sql, compiled.params, opt)),
          count: await timeIt(() => plaza.deps.engine.query(compiled.countSql, compiled.countParams, opt)),
        };
      }
      shapes.push({ key: s.key, label: s.label, p50: median(times), p99: pct(times, 99), n: times.length, failures, error, engine });
      log(`HTTP ${s.label}: p50 ${f(median(times))} ms, p99 ${f(pct(times, 99))} ms, n=${times.length}${failures ? `, ${failures} FAILED: ${error}` : error ? `, FAILED: ${error}` : ''}`);
    }
    await app.close();
    await plaza.close();
    noteLoad('after HTTP');
  }
} else {
  httpError = 'no successful 1.34M-row ingest to query';
}
if (shapes.length === 0) for (const s of SHAPES) shapes.push({ key: s.key, label: s.label, p50: NaN, p99: NaN, n: 0, failures: 0, error: httpError });

// ---------- 3. PostgreSQL queries (the COPY runs were paired with the ingest) ----------
let pgAnalyze = NaN;
if (!pgError) {
  try {
    pgCopyOnce(big, inferred);
    const r0 = psql(PG_DB, '\\timing on\nANALYZE st;\n');
    pgAnalyze = (times(r0.out)[0] ?? NaN) / 1000;
    for (const s of SHAPES) {
      const shape = shapes.find((x) => x.key === s.key)!;
      const lines = ['\\o /dev/null', '\\timing on'];
      for (let i = 0; i < WARMUP / 4 + PG_RUNS; i++) lines.push(`${s.pg(i)};`);
      const r = psql(PG_DB, `${lines.join('\n')}\n`);
      if (r.status !== 0) {
        shape.pg = { p50: NaN, p99: NaN, n: 0, error: r.err.slice(0, 300) };
        continue;
      }
      const t = times(r.out).slice(WARMUP / 4);
      shape.pg = { p50: median(t), p99: pct(t, 99), n: t.length, error: null };
      log(`PostgreSQL ${s.label}: p50 ${f(median(t))} ms, p99 ${f(pct(t, 99))} ms, n=${t.length}`);
    }
  } catch (e) {
    pgError = (e as Error).message.slice(0, 500);
    log('PostgreSQL FAILED:', pgError);
  }
}
if (machine.postgres !== 'unavailable') psql('postgres', `DROP DATABASE IF EXISTS ${PG_DB};\n`);

noteLoad('end');
const sourceAtEnd = await sourceFingerprint();
await rm(work, { recursive: true, force: true });

// ---------- report ----------
const bigIngest = ingest[1]!;
const smallIngest = ingest[0]!;
const duckMed = (g: IngestStats) => median(g.duck);
const pgCopyMed = median(bigIngest.pg);
const shape = (k: string) => shapes.find((s) => s.key === k)!;
type Target = { name: string; measured: string; pass: boolean | null };
const verdict = (ok: boolean, measurable: boolean): boolean | null => (measurable ? ok : null);
const targets: Target[] = [
  { name: 'Ingest ≥ 500,000 rows/s end to end at 1.34M rows', measured: `${int(bigIngest.rowsPerSec)} rows/s`, pass: verdict(bigIngest.rowsPerSec >= 500_000, Number.isFinite(bigIngest.rowsPerSec)) },
  {
    name: 'Ingest within 4× raw DuckDB CSV→Parquet (1.34M; paired ratio)',
    measured: `${f(bigIngest.pairedDuck)}× (medians: ${f(bigIngest.seconds)} s vs ${f(duckMed(bigIngest))} s)`,
    pass: verdict(bigIngest.pairedDuck <= 4, Number.isFinite(bigIngest.pairedDuck)),
  },
  {
    name: 'Ingest faster than PostgreSQL COPY (1.34M; paired ratio)',
    measured: `${f(bigIngest.pairedPg)}× the COPY time (medians: ${f(bigIngest.seconds)} s vs ${f(pgCopyMed)} s)`,
    pass: verdict(bigIngest.pairedPg < 1, Number.isFinite(bigIngest.pairedPg)),
  },
  { name: 'Filtered sorted page p50 ≤ 15 ms', measured: `${f(shape('b2').p50)} ms`, pass: verdict(shape('b2').p50 <= 15 && !shape('b2').error, shape('b2').n > 0) },
  { name: 'Filtered sorted page p99 ≤ 50 ms', measured: `${f(shape('b2').p99)} ms`, pass: verdict(shape('b2').p99 <= 50 && !shape('b2').error, shape('b2').n > 0) },
  { name: 'Group by p50 ≤ 30 ms', measured: `${f(shape('c').p50)} ms`, pass: verdict(shape('c').p50 <= 30 && !shape('c').error, shape('c').n > 0) },
  {
    name: 'Group by ≥ 5× faster than PostgreSQL (p50)',
    measured: `${f((shape('c').pg?.p50 ?? NaN) / shape('c').p50, 1)}× (PG ${f(shape('c').pg?.p50)} ms)`,
    pass: verdict((shape('c').pg?.p50 ?? NaN) / shape('c').p50 >= 5, shape('c').n > 0 && (shape('c').pg?.n ?? 0) > 0),
  },
  { name: 'Ingest peak RSS ≤ 1 GB (1.34M)', measured: `${int(bigIngest.rssMiB)} MiB`, pass: verdict(bigIngest.rssMiB * 1024 * 1024 <= 1e9, Number.isFinite(bigIngest.rssMiB)) },
];
const mark = (p: boolean | null) => (p === null ? 'NOT MEASURED' : p ? 'PASS' : 'MISS');

// console table
console.log('\n=== Ingest (median of', RUNS, 'runs) ===');
console.table(
  ingest.map((g) => ({
    input: g.label,
    'plaza s': f(g.seconds),
    'rows/s': int(g.rowsPerSec),
    'best s': f(g.best),
    'peak RSS MiB': int(g.rssMiB),
    'raw DuckDB s': f(duckMed(g)),
    '× DuckDB (paired)': f(g.pairedDuck),
    'PG COPY s': f(median(g.pg)),
    '× PG (paired)': f(g.pairedPg),
    errors: g.errors.join('; ') || '',
  })),
);
console.log('=== Records API over HTTP, 1.34M rows (ms) ===');
console.table(
  shapes.map((s) => ({ shape: s.label.slice(0, 60), n: s.n, p50: f(s.p50), p99: f(s.p99), 'page SQL': f(s.engine?.page), 'count SQL': f(s.engine?.count), 'PG p50': f(s.pg?.p50), 'PG p99': f(s.pg?.p99), 'PG/Plaza p50': f((s.pg?.p50 ?? NaN) / s.p50, 1), error: s.error ?? s.pg?.error ?? '' })),
);
console.log('=== Targets ===');
for (const t of targets) console.log(`${mark(t.pass).padEnd(5)} ${t.name}: ${t.measured}`);

// RESULTS.md
const phaseRow = (g: IngestStats) => Object.entries(g.phases).map(([p, s]) => `${p} ${f(s)} s`).join(' · ');
const md = `# Plaza benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${startedAt.toISOString()}; the whole run took ${f(performance.now() / 1000, 0)} s.

## Machine

| | |
|---|---|
| CPU | ${machine.cpu} |
| \`nproc\` | ${machine.nproc} |
| Memory (\`free -g\`) | ${machine.free.split('\n')[1]?.trim().replace(/\s+/g, ' ') ?? machine.free} (total used free shared buff/cache available, GiB) |
| Node | ${machine.node} |
| DuckDB (@duckdb/node-api) | ${machine.duckdb} |
| PostgreSQL | ${machine.postgres} (127.0.0.1:5432, psql client) |
| Code | HEAD ${machine.commit}, ${machine.dirty} changed or new files under src/ not committed; hash of src/*.ts ${sourceAtStart.hash} (newest file ${sourceAtStart.newest}) |
${sourceAtEnd.hash !== sourceAtStart.hash ? `\n> **Warning:** src/ changed while the benchmark ran (hash ${sourceAtStart.hash} at the start, ${sourceAtEnd.hash} at the end): the parts of the run may have measured different code.\n` : ''}
Load (1-minute load average; other work shares this machine, so a high figure means noisy timings): ${loads.map((l) => `${l.at} ${f(l.load1, 1)}`).join(' · ')}.${
  Math.max(...loads.map((l) => l.load1)) > Number(machine.nproc) * 0.75
    ? `\n\n> **Warning:** the load average rose above ${f(Number(machine.nproc) * 0.75, 1)} during the run: other processes were using the CPUs, so the figures below are pessimistic and noisy. Re-run on a quiet machine before drawing fine conclusions.`
    : ''
}

## What ran

- Input: \`nyc_subway_stop_times.csv.gz\` gunzipped (${int(inputs[0]!.rows)} rows, 7 columns, ${f(inputs[0]!.bytes / 1e6, 1)} MB) and the same rows three times over (${int(inputs[1]!.rows)} rows, ${f(inputs[1]!.bytes / 1e6, 1)} MB).
- **Ingest**: one child process per run (\`bench/ingest-one.ts\`), fresh data dir: \`createDataset\` → \`addResource\` with the plain .csv → \`waitForJob\`. Time is from \`addResource\` (raw file copy included) to the job succeeded (typed, profiled Parquet version live). Peak RSS = the child's \`process.resourceUsage().maxRSS\`. ${RUNS} runs per size, median.
- **Reference A**: raw DuckDB \`COPY (SELECT * FROM read_csv(file)) TO 'out.parquet' (FORMAT parquet)\`, threads = 2, in the bench process, run right after each Plaza ingest of the same file (${RUNS} runs per size).
- **Reference B**: PostgreSQL \`\\copy st FROM file (FORMAT csv, HEADER)\` through psql into a fresh table typed as Plaza inferred (${inferred.map((c) => `${c.name} ${pgTypes[c.type]}`).join(', ')}), no indexes, run right after each 1.34M-row Plaza ingest (${RUNS} runs). "Paired" ratios are the median over the rounds of Plaza's time ÷ the reference's time in the same round, so that a busy moment on the machine hits both sides; the targets use them. Then, after the HTTP part, one more load, \`ANALYZE\` (${f(pgAnalyze)} s) and the same queries in SQL, timed by psql \`\\timing\` (client round trip), ${PG_RUNS} runs each after ${WARMUP / 4} warm-up runs.
- **Records API**: Plaza (\`buildApp\`) listening on 127.0.0.1, the 1.34M-row version, ${REQUESTS} sequential \`fetch\` requests per shape after ${WARMUP} warm-up requests; every response must be HTTP 200 with a non-empty \`results\`. Filters vary over 20 stop_ids (${stopIds.join(', ')}).

## Ingest (median of ${RUNS})

| Input | Plaza end to end (s) | Rows/s | Best run (s) · rows/s | Peak RSS (MiB) | Raw DuckDB (s) | Plaza ÷ DuckDB (paired) | Plaza ÷ DuckDB (medians) | PostgreSQL COPY (s) | Plaza ÷ PG COPY (paired) | Plaza ÷ PG COPY (medians) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${ingest
  .map(
    (g) =>
      `| ${g.label} | ${f(g.seconds)} | ${int(g.rowsPerSec)} | ${f(g.best)} · ${int(g.rows / g.best)} | ${int(g.rssMiB)} | ${f(duckMed(g))} | ${f(g.pairedDuck)}× | ${f(g.seconds / duckMed(g))}× | ${g.pg.length ? f(median(g.pg)) : '—'} | ${g.pg.length ? `${f(g.pairedPg)}×` : '—'} | ${g.pg.length ? `${f(g.seconds / median(g.pg))}×` : '—'} |`,
  )
  .join('\n')}

Every run (s), in order — ${ingest
  .map((g) => `${g.label}: Plaza ${g.runs.map((o) => f(o.seconds)).join(', ')}; raw DuckDB ${g.duck.map((x) => f(x)).join(', ')}${g.pg.length ? `; PostgreSQL COPY ${g.pg.map((x) => f(x)).join(', ')}` : ''}${g.errors.length ? ` — **errors:** ${g.errors.join('; ')}` : ''}`)
  .join('. ')}.

Ingest phases (median seconds, as seen by polling the job every 50 ms; "queued" covers the wait for the worker and the \`preparing\` phase, "profiling" runs until the job is done and includes \`publishing\`):

- 446,924 rows: ${phaseRow(smallIngest)}
- 1.34M rows: ${phaseRow(bigIngest)}

Time per DuckDB statement inside the ingest (median seconds; every \`run\` of the pipeline's connection is timed in the child):

| Statement | 446,924 rows (s) | 1.34M rows (s) | Share at 1.34M |
|---|---:|---:|---:|
${Object.keys(bigIngest.sql)
  .sort((a, b) => (bigIngest.sql[b] ?? 0) - (bigIngest.sql[a] ?? 0))
  .map((k) => `| ${k} | ${f(smallIngest.sql[k], 3)} | ${f(bigIngest.sql[k], 3)} | ${f((100 * (bigIngest.sql[k] ?? 0)) / bigIngest.seconds, 0)}% |`)
  .join('\n')}

## Records API over HTTP, 1.34M rows (ms)

| Shape | n | Plaza p50 | Plaza p99 | in-process action p50 | page SQL p50 | count SQL p50 | PostgreSQL p50 | PostgreSQL p99 | PG p50 ÷ Plaza p50 | Errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${shapes
  .map((s) => `| ${s.label} | ${s.n} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.engine?.action)} | ${f(s.engine?.page)} | ${f(s.engine?.count)} | ${f(s.pg?.p50)} | ${f(s.pg?.p99)} | ${f((s.pg?.p50 ?? NaN) / s.p50, 1)}× | ${[s.failures ? `${s.failures} failed requests` : '', s.error ?? '', s.pg?.error ? `PG: ${s.pg.error}` : ''].filter(Boolean).join('; ').replace(/\|/g, '\\|') || ''} |`)
  .join('\n')}

"In-process action / page SQL / count SQL" are diagnostics (median of ${DIAG_RUNS}, no HTTP, first request's parameters): \`queryRecords\` called directly, then the compiled page query and the \`total_count\` query run alone on the engine. They show where a request's time goes.

The Plaza figures are full HTTP round trips (routing, catalog lookup, the page query **and** the \`total_count\` query, JSON). The PostgreSQL figures are the page query only (no count), through psql. PostgreSQL's full-text equivalent is \`strpos(lower(col), word) > 0\` over the text columns (what Plaza's \`q\` does; no tsvector index); its deep page uses \`OFFSET ${deepPages * 100}\` as CKAN's DataStore does.${pgError ? `\n\n**PostgreSQL error:** ${pgError}` : ''}${httpError ? `\n\n**Records API error:** ${httpError}` : ''}

## Targets

| Target | Measured | Result |
|---|---|---|
${targets.map((t) => `| ${t.name} | ${t.measured} | ${mark(t.pass)} |`).join('\n')}
`;
await mkdir(join(ROOT, 'bench'), { recursive: true });
// Hand-written notes below this marker survive a re-run.
const MARKER = '<!-- notes: written by hand, kept when the benchmark rewrites this file -->';
const previous = await readFile(join(ROOT, 'bench/RESULTS.md'), 'utf8').catch(() => '');
const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n`;
// The catalog search section (part 5) is kept until part 5 rewrites it below.
const { extractCatalogSection, main: catalogSearch } = await import('./catalog/search.ts');
const catalogSection = extractCatalogSection(previous);
await writeFile(join(ROOT, 'bench/RESULTS.md'), `${md}\n${catalogSection ? `${catalogSection}\n\n` : ''}${notes}`);
log('wrote bench/RESULTS.md');
await catalogSearch();
const { main: pagesBench } = await import('./pages/serve.ts');
await pagesBench();
const { main: problemsBench } = await import('./problems/serve.ts');
await problemsBench();
const { main: lighthouseBench } = await import('./pages/lighthouse.ts');
await lighthouseBench();
const { main: startupBench } = await import('./startup.ts');
await startupBench();
const { main: compatBench } = await import('./compat/serve.ts');
await compatBench();
const { main: harvestBench } = await import('./harvest/measure.ts');
await harvestBench();
const { main: scaleBench } = await import('./scale/serve.ts');
await scaleBench();
process.exit(0);
