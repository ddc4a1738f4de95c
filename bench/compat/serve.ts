/**
 * Part 10: the compatible APIs (CKAN, SoQL, OGC API Features, DCAT-US
 * `/data.json`) next to Plaza's own API for the same questions, in the same
 * run: `npm run bench -- compat`. See bench/README.md.
 *
 * A fresh Plaza data folder gets the 1.34M-row stop times with each stop's
 * point (prepare.ts) and the 10,000 generated datasets; then
 * - four questions asked natively and through a compatible API in turn
 *   (pairs.ts, questions.ts), p50/p99 per run, medians of the runs, and the
 *   paired ratio compatible ÷ native (target ≤ 1.2×);
 * - `/data.json` for the whole catalog, time and the serving process's peak
 *   memory, next to the same catalog read through the native API in pages
 *   (catalog-memory.ts).
 * Writes its own section of bench/RESULTS.md.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/http/app.ts';
import { measureCatalogReads, type CatalogRead } from './catalog-memory.ts';
import { timePairs, type PairResult } from './pairs.ts';
import { prepare, STOP_TIMES, STOPS, type Prepared } from './prepare.ts';
import { candidateWords, questions } from './questions.ts';
import { codeState, compatSection, writeCompatSection, type CompatRun } from './section.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DATASETS = Number(process.env.BENCH_COMPAT_DATASETS ?? 10_000);
const WARMUP = 20;

const log = (...a: unknown[]) => console.log(`[compat ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

/** Up to 20 candidate words that the native search finds something for. */
async function searchWords(base: string, prepared: Prepared): Promise<string[]> {
  const words: string[] = [];
  for (const w of candidateWords(prepared.catalog)) {
    const res = await fetch(`${base}/api/v1/datasets?q=${encodeURIComponent(w)}&limit=1&facets=`);
    const body = (await res.json()) as { total?: number };
    if (res.status === 200 && (body.total ?? 0) > 0) words.push(w);
    if (words.length === 20) break;
  }
  return words;
}

export async function main(): Promise<void> {
  for (const input of [STOP_TIMES, STOPS]) {
    if (!existsSync(input)) {
      console.log(`SKIP: the compatible-APIs benchmark needs ${input} (it lives in ../shared, outside the repository).`);
      return;
    }
  }
  const t0 = performance.now();
  const started = new Date().toISOString();
  const codeAtStart = await codeState();
  const loads: { at: string; load1: number }[] = [{ at: 'start', load1: loadavg()[0]! }];
  const work = await mkdtemp(join(tmpdir(), 'plaza-bench-compat-'));
  let prepared: Prepared | undefined;
  let pairs: PairResult[] = [];
  let reads: CatalogRead[] = [];
  let words: string[] = [];
  try {
    prepared = await prepare(work, DATASETS, log);
    loads.push({ at: 'prepared', load1: loadavg()[0]! });
    const app = await buildApp({ deps: prepared.plaza.deps, siteName: 'Bench', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      words = await searchWords(base, prepared);
      log(`search words: ${words.join(' ')}`);
      log(`stop_ids: ${prepared.stopIds.join(' ')}`);
      const qs = questions({ slug: prepared.slug, resourceId: prepared.resourceId, fourByFour: prepared.fourByFour, pointColumn: prepared.pointColumn, stopIds: prepared.stopIds, words, visible: prepared.visibleGenerated + 1 });
      pairs = await timePairs(base, qs, RUNS, REQUESTS, WARMUP, log);
      loads.push({ at: 'after the questions', load1: loadavg()[0]! });
    } finally {
      await app.close();
      await prepared.plaza.close();
    }
    reads = await measureCatalogReads(prepared.dataDir, RUNS, log);
    loads.push({ at: 'end', load1: loadavg()[0]! });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const run: CompatRun = { started, seconds: (performance.now() - t0) / 1000, runs: RUNS, requests: REQUESTS, warmup: WARMUP, loads, codeAtStart, codeAtEnd: await codeState(), prepared, words, pairs, reads };
  const section = compatSection(run);
  console.log(section);
  await writeCompatSection(section);
  log('wrote the compatible APIs section of bench/RESULTS.md');
}
