/**
 * The "Compatible APIs" section of bench/RESULTS.md (part 10), between its
 * own markers, after the start-up section.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { median, ROOT, writeSection } from '../pages/portal.ts';
import type { CatalogRead } from './catalog-memory.ts';
import type { PairResult } from './pairs.ts';
import type { Prepared } from './prepare.ts';
import { BOXES } from './questions.ts';

const BEGIN = '<!-- compatible APIs: written by bench/compat/serve.ts -->';
const END = '<!-- compatible APIs: end -->';
const AFTER = '<!-- start-up: end -->';
/** Target: a compatible API answers within 1.2× the native API's time for the same question (p50, paired). */
export const TARGET_RATIO = 1.2;

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${f(bytes / 1024, 1)} KB` : '—');
const mib = (kib: number) => f(kib / 1024, 1);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const sh = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return 'unavailable';
  }
};

export interface CodeState {
  head: string;
  uncommitted: number;
  hash: string;
}

/** Which code ran: HEAD, files under src/ not committed, and a hash of src/ (others edit it while the benchmark runs). */
export async function codeState(): Promise<CodeState> {
  const files = (await readdir(join(ROOT, 'src'), { recursive: true })).filter((x) => /\.tsx?$/.test(x)).sort();
  const h = createHash('sha256');
  for (const rel of files) h.update(rel).update(await readFile(join(ROOT, 'src', rel)));
  return {
    head: sh('git', ['rev-parse', '--short', 'HEAD']),
    uncommitted: sh('git', ['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length,
    hash: h.digest('hex').slice(0, 12),
  };
}

export interface CompatRun {
  started: string;
  seconds: number;
  runs: number;
  requests: number;
  warmup: number;
  loads: { at: string; load1: number }[];
  codeAtStart: CodeState;
  codeAtEnd: CodeState;
  prepared: Prepared;
  words: string[];
  pairs: PairResult[];
  reads: CatalogRead[];
}

function pairRow(p: PairResult): string {
  const problems = [
    p.native.failures ? `native: ${p.native.failures} failed (${p.native.error ?? ''})` : p.native.error ? `native: ${p.native.error}` : '',
    p.compat.failures ? `compatible: ${p.compat.failures} failed (${p.compat.error ?? ''})` : p.compat.error ? `compatible: ${p.compat.error}` : '',
    p.mismatches ? `${p.mismatches} answers disagree, e.g. ${p.mismatch ?? ''}` : '',
  ].filter(Boolean);
  const every = (s: PairResult['native']) => s.runs.map((r) => `${f(r.p50)}/${f(r.p99)}`).join(' · ');
  const compat = p.available ? [f(p.compat.p50), f(p.compat.p99), `${f(p.ratioP50)}×`, `${f(p.ratioP99)}×`, kb(p.compat.bytes), every(p.compat)] : ['not available', '—', '—', '—', '—', '—'];
  return `| ${cell(p.label)} | ${p.native.n} | ${f(p.native.p50)} | ${f(p.native.p99)} | ${compat.slice(0, 4).join(' | ')} | ${kb(p.native.bytes)} / ${compat[4]} | ${every(p.native)} / ${compat[5]} | ${cell(problems.join('; ')) || (p.available ? 'agree' : 'native only')} |`;
}

function readRow(r: CatalogRead): string {
  if (!r.available) return `| ${r.name} | not available | — | — | — | — | — | — | — | — |`;
  if (!r.runs.length) return `| ${r.name} | — | — | — | — | — | — | — | — | **error:** ${cell(r.error ?? '')} |`;
  const m = (k: (x: CatalogRead['runs'][number]) => number) => median(r.runs.map(k));
  return `| ${r.name} | ${f(m((x) => x.ms), 0)} | ${f(m((x) => x.again), 0)} | ${f(m((x) => x.datasets), 0)} | ${f(m((x) => x.bytes) / 1e6, 1)} MB in ${f(m((x) => x.requests), 0)} request(s) | ${mib(m((x) => x.rssBefore))} | ${mib(m((x) => x.hwmBefore))} | ${mib(m((x) => x.hwmAfter))} | **${mib(m((x) => x.hwmAfter - x.hwmBefore))}** | ${r.runs.map((x) => `${f(x.ms, 0)} ms +${mib(x.hwmAfter - x.hwmBefore)} MiB`).join(' · ')}${r.error ? `; **error:** ${cell(r.error)}` : ''} |`;
}

export function compatSection(run: CompatRun): string {
  const p = run.prepared;
  const code = run.codeAtStart;
  const checks: string[] = [];
  for (const x of run.pairs) {
    if (x.native.failures || x.native.error) checks.push(`${x.key}: the native side failed (${x.native.error ?? ''})`);
    if (x.available && (x.compat.failures || x.compat.error)) checks.push(`${x.key}: the compatible side failed (${x.compat.error ?? ''})`);
    if (x.mismatches) checks.push(`${x.key}: ${x.mismatches} answers disagree (${x.mismatch ?? ''})`);
  }
  const [dataJson, native] = run.reads;
  const visible = p.visibleGenerated + 1;
  for (const r of run.reads) {
    if (r.error) checks.push(`${r.name}: ${r.error}`);
    for (const x of r.runs) if (x.datasets !== visible) checks.push(`${r.name} listed ${x.datasets} datasets, ${visible} are visible`);
  }
  const missing = [...run.pairs.filter((x) => !x.available).map((x) => x.key), ...run.reads.filter((r) => !r.available).map((r) => r.name)];
  const mark = (x: PairResult) => (!x.available ? 'NOT AVAILABLE' : !Number.isFinite(x.ratioP50) || x.compat.failures || x.mismatches ? 'NOT MEASURED' : x.ratioP50 <= TARGET_RATIO ? 'PASS' : 'MISS');
  const growth = (r: CatalogRead | undefined) => (r?.runs.length ? median(r.runs.map((x) => x.hwmAfter - x.hwmBefore)) : NaN);
  const time = (r: CatalogRead | undefined) => (r?.runs.length ? median(r.runs.map((x) => x.ms)) : NaN);
  return `${BEGIN}
## Compatible APIs next to the native API (part 10)

Run by \`npm run bench -- compat\` (bench/compat/serve.ts) on ${run.started}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}; the part took ${f(run.seconds, 0)} s. Load (1-minute average): ${run.loads.map((l) => `${l.at} ${f(l.load1, 1)}`).join(' · ')}. Code: HEAD ${code.head}, ${code.uncommitted} files under src/ not committed, hash of src/*.ts(x) ${code.hash}${run.codeAtEnd.hash === code.hash ? ', the same at the end' : `; **src/ changed during the run** (${run.codeAtEnd.hash} at the end)`}.${missing.length ? `\n\n> **Not available** in this build (the route answered 404, or CKAN "Action name not known"): ${missing.join(', ')}. Only the native side of those rows was measured.` : ''}${checks.length ? `\n\n> **Check failed:** ${checks.map(cell).join('; ')}.` : ''}

**Data.** A fresh data folder (SQLite catalog, the default). The stop times three times over (as parts 1–4 build the 1.34M-row file) joined in DuckDB with \`nyc_subway_stops.csv\` on stop_id to add \`stop_lat\` and \`stop_lon\`, written as CSV (${f(p.csvBytes / 1e6, 1)} MB), then \`createDataset\` → \`addResource\` → \`waitForJob\` → published (${f(p.ingestSeconds, 1)} s): ${f(p.rows, 0)} rows, columns ${p.columns.map((c) => `${c.name} ${c.type}`).join(', ')}; ingest made the point column \`${p.pointColumn}\` from stop_lat/stop_lon. Then ${f(p.catalog.datasets.length, 0)} generated datasets (bench/catalog/generate.ts, as part 5; ${f(p.visibleGenerated, 0)} visible to anonymous readers) loaded through the catalog store (${f(p.catalogSeconds, 1)} s), so the catalog holds ${f(visible, 0)} datasets a visitor sees.

**Questions.** Plaza (\`buildApp\`) listening on 127.0.0.1, anonymous sequential \`fetch\` requests from the benchmark's process. Each question is asked natively and through the compatible API in turn (native first on even rounds, compatible first on odd ones) with the same filter value, ${run.warmup} untimed rounds then ${run.requests} timed rounds per run, ${run.runs} run${run.runs === 1 ? '' : 's'}; p50 and p99 per run, the medians of the runs shown. "÷ native" is paired: the median over the runs of the compatible figure ÷ the native figure of the same run. Every answer must be HTTP 200 and non-empty, and both answers of a round must agree (rows, totals where both give one, the group counts for the group-by). Filter values: stop_ids ${p.stopIds.join(', ')}; search words ${run.words.join(', ')}; areas ${BOXES.map((b) => b[0]).join(', ')}. Both catalog searches count the same five facets (organization, theme or group, keyword or tag, format, license), as a catalog page asks for them.

| Question | Requests per side | Native p50 ms | Native p99 ms | Compatible p50 ms | Compatible p99 ms | ÷ native p50 | ÷ native p99 | Response size native / compatible (median) | Every run p50/p99 native / compatible | Answers |
|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|
${run.pairs.map(pairRow).join('\n')}

**The whole catalog.** Each measurement starts a fresh server process (\`bench/compat/serve-child.ts\`: \`createPlaza\` + \`buildApp\` on the prepared folder, no worker), warms it with \`GET /api/v1/datasets?limit=1\`, reads its VmRSS and VmHWM from \`/proc/<pid>/status\`, reads the catalog, then VmHWM again: the growth of the peak is the memory the read cost the server. Then the same read again in the same process ("again"). ${run.runs} round${run.runs === 1 ? '' : 's'}, each measuring both reads (in alternating order), medians shown. The reference is the same catalog through the native API, \`limit=1000\` per page until every dataset is read.

| Read | Time ms | Again ms | Datasets | Size | RSS before MiB | Peak before MiB | Peak after MiB | Peak growth MiB | Every round |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
${run.reads.map(readRow).join('\n')}

| Target | Measured | Result |
|---|---|---|
${run.pairs.map((x) => `| ${x.key}: compatible within ${TARGET_RATIO}× the native API (p50, paired) | ${x.available ? `${f(x.ratioP50)}× (${f(x.compat.p50)} ms vs ${f(x.native.p50)} ms; p99 ${f(x.ratioP99)}×)` : `not available (native p50 ${f(x.native.p50)} ms)`} | ${mark(x)} |`).join('\n')}
| \`/data.json\`, ${f(visible, 0)} datasets: time and the server's peak memory (no target set) | ${dataJson?.available ? `${f(time(dataJson), 0)} ms, peak +${mib(growth(dataJson))} MiB (native pages: ${f(time(native), 0)} ms, +${mib(growth(native))} MiB)` : `not available (native pages: ${f(time(native), 0)} ms, +${mib(growth(native))} MiB)`} | — |
${END}`;
}

export const writeCompatSection = (section: string): Promise<void> => writeSection(BEGIN, END, section, AFTER);
