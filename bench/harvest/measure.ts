/**
 * Part 11: harvesting, `npm run bench -- harvest`. See bench/README.md.
 *
 * Two sources of 10,000 datasets, each harvested by `runHarvest` in its own
 * process (child.ts) into a fresh Plaza, three runs in a row: the whole
 * catalog, again with nothing changed, and again after 1% of the datasets
 * changed. In each round the reference runs first in its own process: the
 * same reader over the same address with nothing written, then the records
 * it read inserted into one plain table in one transaction.
 * - a generated DCAT-US `data.json` (generate.ts) served from memory on
 *   loopback; on SQLite, and on PostgreSQL when it is reachable;
 * - a Plaza peer holding generated datasets (peer.ts), served by its own
 *   process, read with the `plaza` reader, or through its `/data.json` with
 *   the DCAT-US reader while this build has no `plaza` reader.
 * Writes its own section of bench/RESULTS.md (section.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { READERS } from '../../src/actions/harvest/readers/index.ts';
import type { HarvestCounts } from '../../src/domain/harvest/types.ts';
import { codeState } from '../compat/section.ts';
import type { ChildArgs } from './child.ts';
import { changeSome, generateDataJson, type PodCatalog } from './generate.ts';
import { preparePeer } from './peer.ts';
import { Proc } from './process.ts';
import { checkSample } from './pod-check.ts';
import { harvestSection, writeHarvestSection, type Line, type Round } from './section.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DATASETS = Number(process.env.BENCH_HARVEST_DATASETS ?? 10_000);
const PG_URL = process.env.BENCH_HARVEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'plaza_bench_harvest';
const CHANGED = 0.01;

const log = (...a: unknown[]) => console.log(`[harvest ${(performance.now() / 1000).toFixed(1)}s]`, ...a);
const mib = (kib: number) => kib / 1024;

interface RunOut {
  seconds: number;
  cpuSeconds: number;
  status: string;
  counts: HarvestCounts;
  message: string | null;
  bytes: number;
  firstError: unknown;
}

async function onServer(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
const pgUrl = () => {
  const u = new URL(PG_URL);
  u.pathname = `/${PG_DB}`;
  return u.toString();
};

/** One round of a line: the reference, then the three harvest runs; `change` alters 1% of the source and returns how many. */
async function round(work: string, args: Omit<ChildArgs, 'mode' | 'dataDir'>, change: () => Promise<number>, i: number): Promise<Round> {
  const problems: string[] = [];
  // A fresh database: the reference's table, then the harvesting Plaza's catalog.
  if (args.databaseUrl) {
    await onServer(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${PG_DB}`);
  }
  const refDir = await mkdtemp(join(work, 'ref-'));
  const ref = await Proc.start('bench/harvest/child.ts', [JSON.stringify({ ...args, mode: 'reference', dataDir: refDir })]);
  const read = await ref.send<{ seconds: number; cpuSeconds: number; records: number; errors: number; bytes: number }>('read');
  const write = await ref.send<{ seconds: number; rows: number }>('write');
  await ref.stop();
  await rm(refDir, { recursive: true, force: true });
  if (read.out.records !== DATASETS) problems.push(`the reference read ${read.out.records} records, not ${DATASETS}`);
  log(`round ${i + 1} reference: read ${read.out.seconds.toFixed(2)} s (CPU ${read.out.cpuSeconds.toFixed(2)} s, ${read.out.records} records, ${(read.out.bytes / 1e6).toFixed(1)} MB, +${mib(read.peakKiB - read.baseKiB).toFixed(0)} MiB), write ${write.out.seconds.toFixed(3)} s`);

  const dataDir = await mkdtemp(join(work, 'harvest-'));
  const h = await Proc.start('bench/harvest/child.ts', [JSON.stringify({ ...args, mode: 'harvest', dataDir })]);
  const runs = [];
  try {
    for (const which of ['full', 'unchanged', 'changed'] as const) {
      const expected = which === 'changed' ? await change() : 0;
      const a = await h.send<RunOut>('run');
      const c = a.out.counts;
      // An incremental reader lists the records that did not change without sending them: those are kept but may go uncounted.
      const want = which === 'full' ? { created: DATASETS, updated: 0, unchanged: 0 } : { created: 0, updated: expected };
      const off = Object.entries({ ...want, archived: 0, errors: 0 }).filter(([k, v]) => c[k as keyof HarvestCounts] !== v);
      if (which !== 'full' && c.unchanged !== DATASETS - expected) problems.push(`${which} run: ${DATASETS - expected - c.unchanged} datasets listed by the source as not changed were not counted as unchanged`);
      if (a.out.status !== 'succeeded' || off.length) problems.push(`${which} run: ${a.out.status}${a.out.message ? ` (${a.out.message})` : ''}, counts ${JSON.stringify(c)}${a.out.firstError ? `, first error ${JSON.stringify(a.out.firstError)}` : ''}`);
      runs.push({ which, seconds: a.out.seconds, cpuSeconds: a.out.cpuSeconds, peakMiB: mib(a.peakKiB - a.baseKiB), baseMiB: mib(a.baseKiB), samples: a.samples, counts: c, bytes: a.out.bytes });
      log(`round ${i + 1} ${which}: ${a.out.seconds.toFixed(2)} s (CPU ${a.out.cpuSeconds.toFixed(2)} s), ${a.out.status}${a.out.message ? ` (${a.out.message})` : ''}, ${JSON.stringify(c)}, peak +${mib(a.peakKiB - a.baseKiB).toFixed(0)} MiB over ${mib(a.baseKiB).toFixed(0)} MiB (${a.samples} samples)`);
    }
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { reference: { read: read.out.seconds, readCpu: read.out.cpuSeconds, readPeakMiB: mib(read.peakKiB - read.baseKiB), write: write.out.seconds, bytes: read.out.bytes }, runs, problems };
}

function serveJson(): { server: Server; set(body: string): void; url: Promise<string> } {
  let body = Buffer.from('{}');
  // A connection per request: each run reads the file afresh, as runs hours apart do.
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, connection: 'close' }).end(body));
  const url = new Promise<string>((res) => server.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`)));
  return { server, set: (s) => (body = Buffer.from(s)), url };
}

/** A line of the generated data.json on one store. */
async function dataJsonLine(work: string, store: 'sqlite' | 'postgres', url: string, served: ReturnType<typeof serveJson>, original: string, sample: string | null): Promise<Line> {
  const line: Line = { key: `data.json ${store}`, source: 'generated DCAT-US `data.json`', kind: 'dcat-us', store, rounds: [], problems: sample ? [`schema: ${sample}`] : [] };
  for (let i = 0; i < RUNS; i++) {
    served.set(original);
    const change = async () => {
      const copy = JSON.parse(original) as PodCatalog;
      const n = changeSome(copy, CHANGED, new Date().toISOString(), 1000 + i).length;
      served.set(JSON.stringify(copy));
      return n;
    };
    line.rounds.push(await round(work, { kind: 'dcat-us', url, ...(store === 'postgres' ? { databaseUrl: pgUrl() } : {}) }, change, i));
  }
  return line;
}

/** The line of a Plaza peer, prepared in `work` and served by its own process. */
async function peerLine(work: string): Promise<Line> {
  const peerDir = join(work, 'peer');
  const peerLoadSeconds = await preparePeer(peerDir, DATASETS);
  log(`peer: ${DATASETS} datasets loaded through the store in ${peerLoadSeconds.toFixed(1)} s`);
  const kind = READERS.plaza ? 'plaza' : 'dcat-us';
  const line: Line = { key: 'plaza peer sqlite', source: `Plaza peer (${kind === 'plaza' ? 'its CKAN-compatible API, kind `plaza`' : '`/data.json`, kind `dcat-us`: this build has no `plaza` reader'})`, kind, store: 'sqlite', rounds: [], problems: [], peerLoadSeconds };
  const peer = await Proc.start('bench/harvest/peer-child.ts', [peerDir]);
  try {
    const address = String(peer.ready.address);
    for (let i = 0; i < RUNS; i++) {
      const change = async () => (await peer.send<{ changed: number }>(`change ${2000 + i}`)).out.changed;
      line.rounds.push(await round(work, { kind, url: kind === 'plaza' ? address : `${address}/data.json` }, change, i));
    }
  } finally {
    await peer.stop();
  }
  return line;
}

export async function main(): Promise<void> {
  const t0 = performance.now();
  const started = new Date().toISOString();
  const codeAtStart = await codeState();
  const loads: { at: string; load1: number }[] = [{ at: 'start', load1: loadavg()[0]! }];
  const work = await mkdtemp(join(tmpdir(), 'plaza-bench-harvest-'));
  const lines: Line[] = [];
  // The section is written after each line, so that a long run interrupted keeps what it measured.
  const write = async () => {
    const section = harvestSection({ started, seconds: (performance.now() - t0) / 1000, runs: RUNS, datasets: DATASETS, changed: CHANGED, loads, codeAtStart, codeAtEnd: await codeState(), lines });
    await writeHarvestSection(section);
    return section;
  };
  let pgProblem: string | null = process.env.BENCH_HARVEST_POSTGRES === 'off' ? 'skipped (BENCH_HARVEST_POSTGRES=off)' : null;
  if (!pgProblem) await onServer('SELECT 1').catch((e: Error) => (pgProblem = `PostgreSQL not reachable: ${e.message}`));
  const served = serveJson();
  try {
    const catalog = generateDataJson(DATASETS);
    const original = JSON.stringify(catalog);
    const sample = checkSample(catalog, 200);
    log(`generated data.json: ${DATASETS} datasets, ${(original.length / 1e6).toFixed(1)} MB; POD schema on a sample of 200: ${sample ?? 'valid'}`);
    const url = await served.url;
    lines.push(await dataJsonLine(work, 'sqlite', url, served, original, sample));
    loads.push({ at: 'data.json on SQLite', load1: loadavg()[0]! });
    await write();
    lines.push(await peerLine(work));
    loads.push({ at: 'Plaza peer', load1: loadavg()[0]! });
    await write();
    if (pgProblem) lines.push({ key: 'data.json postgres', source: 'generated DCAT-US `data.json`', kind: 'dcat-us', store: 'postgres', rounds: [], problems: [pgProblem] });
    else {
      lines.push(await dataJsonLine(work, 'postgres', url, served, original, sample));
      await onServer(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    }
    loads.push({ at: 'end', load1: loadavg()[0]! });
  } finally {
    served.server.close();
    await rm(work, { recursive: true, force: true });
  }
  console.log(await write());
  log('wrote the harvest section of bench/RESULTS.md');
}
