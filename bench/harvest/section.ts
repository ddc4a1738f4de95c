/**
 * The "Harvest" section of bench/RESULTS.md (part 11), between its own
 * markers, after the compatible-APIs section.
 */
import { availableParallelism, cpus } from 'node:os';
import type { HarvestCounts, HarvestKind } from '../../src/domain/harvest/types.ts';
import type { CodeState } from '../compat/section.ts';
import { median, writeSection } from '../pages/portal.ts';

const BEGIN = '<!-- harvest: written by bench/harvest/measure.ts -->';
const END = '<!-- harvest: end -->';
const AFTER = '<!-- compatible APIs: end -->';

export interface HarvestRunFigures {
  which: 'full' | 'unchanged' | 'changed';
  seconds: number;
  /** CPU time of the harvesting process during the run (user + system). */
  cpuSeconds: number;
  /** Resident memory: the most sampled during the run minus the figure just before it, and that figure. */
  peakMiB: number;
  baseMiB: number;
  samples: number;
  counts: HarvestCounts;
  bytes: number;
}

export interface Round {
  reference: { read: number; readCpu: number; readPeakMiB: number; write: number; bytes: number };
  runs: HarvestRunFigures[];
  problems: string[];
}

export interface Line {
  key: string;
  source: string;
  kind: HarvestKind;
  store: 'sqlite' | 'postgres';
  rounds: Round[];
  problems: string[];
  peerLoadSeconds?: number;
}

export interface HarvestBench {
  started: string;
  seconds: number;
  runs: number;
  datasets: number;
  changed: number;
  loads: { at: string; load1: number }[];
  codeAtStart: CodeState;
  codeAtEnd: CodeState;
  lines: Line[];
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Median, with the lowest and highest: "12.30 (11.90–13.10)". */
const spread = (xs: number[], d = 2) => (xs.length ? `${f(median(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})` : '—');

const runOf = (r: Round, which: HarvestRunFigures['which']) => r.runs.find((x) => x.which === which);
const seconds = (l: Line, which: HarvestRunFigures['which']) => l.rounds.map((r) => runOf(r, which)?.seconds ?? NaN).filter(Number.isFinite);
/** The median over the rounds of a run's time ÷ the reference's time in the same round. */
const paired = (l: Line, which: HarvestRunFigures['which'], ref: (r: Round) => number) => median(l.rounds.map((r) => (runOf(r, which)?.seconds ?? NaN) / ref(r)).filter(Number.isFinite));

function row(l: Line, n: number): string {
  if (!l.rounds.length) return `| ${cell(l.source)} | ${l.store} | — | — | — | — | — | — | — | — | — | — | — | — | ${cell(l.problems.join('; ')) || 'not measured'} |`;
  const full = seconds(l, 'full');
  const peak = l.rounds.map((r) => runOf(r, 'full')?.peakMiB ?? NaN).filter(Number.isFinite);
  const peakAll = l.rounds.map((r) => Math.max(...r.runs.map((x) => x.peakMiB)));
  const problems = [...l.problems, ...l.rounds.flatMap((r, i) => r.problems.map((p) => `round ${i + 1}: ${p}`))];
  return [
    cell(l.source),
    l.store,
    spread(full),
    spread(l.rounds.map((r) => runOf(r, 'full')?.cpuSeconds ?? NaN).filter(Number.isFinite)),
    f(n / median(full), 0),
    `${spread(peak, 0)}; any run ${f(median(peakAll), 0)}`,
    spread(seconds(l, 'unchanged')),
    spread(seconds(l, 'changed')),
    spread(l.rounds.map((r) => r.reference.read)),
    spread(l.rounds.map((r) => r.reference.write), 3),
    `${f(paired(l, 'full', (r) => r.reference.read), 1)}×`,
    `${f(paired(l, 'full', (r) => r.reference.read + r.reference.write), 1)}×`,
    `${f(paired(l, 'unchanged', (r) => r.reference.read), 1)}×`,
    `${f(median(l.rounds.map((r) => (runOf(r, 'full')?.cpuSeconds ?? NaN) / r.reference.readCpu).filter(Number.isFinite)), 1)}×`,
    cell(problems.join('; ')) || 'all counts as expected',
  ].join(' | ').replace(/^/, '| ').concat(' |');
}

function everyRound(l: Line): string {
  return l.rounds
    .map((r, i) => `round ${i + 1}: ${r.runs.map((x) => `${x.which} ${f(x.seconds)} s (CPU ${f(x.cpuSeconds)} s) +${f(x.peakMiB, 0)} MiB`).join(', ')}; reference read ${f(r.reference.read)} s (CPU ${f(r.reference.readCpu)} s, +${f(r.reference.readPeakMiB, 0)} MiB, ${f(r.reference.bytes / 1e6, 1)} MB), write ${f(r.reference.write, 3)} s`)
    .join(' · ');
}

export function harvestSection(b: HarvestBench): string {
  const code = b.codeAtStart;
  const peer = b.lines.find((l) => l.peerLoadSeconds !== undefined);
  const pct = f(b.changed * 100, 0);
  return `${BEGIN}
## Harvest: ${f(b.datasets, 0)}-dataset sources (part 11)

Run by \`npm run bench -- harvest\` (bench/harvest/measure.ts) on ${b.started}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}; the part took ${f(b.seconds, 0)} s. Load (1-minute average): ${b.loads.map((l) => `${l.at} ${f(l.load1, 1)}`).join(' · ')}. Code: HEAD ${code.head}, ${code.uncommitted} files under src/ not committed, hash of src/*.ts(x) ${code.hash}${b.codeAtEnd.hash === code.hash ? ', the same at the end' : `; **src/ changed during the run** (${b.codeAtEnd.hash} at the end)`}.

**Sources.** (1) A generated DCAT-US 1.1 \`data.json\` of ${f(b.datasets, 0)} datasets (bench/harvest/generate.ts, seeded: titles, departments, themes, licences and frequencies from the catalog benchmark's vocabulary of real records; descriptions of 260–660 characters, 5–10 keywords, a publisher and a contact point on each, temporal and spatial coverage, 2–4 distributions each; the first 200 checked against the real POD non-federal schema), served from memory by a plain Node HTTP server on 127.0.0.1. (2) A second Plaza holding ${f(b.datasets, 0)} generated datasets, all published and public (the catalog benchmark's generator, loaded through the catalog store${peer ? ` in ${f(peer.peerLoadSeconds ?? NaN, 1)} s` : ''}), served by its own process (bench/harvest/peer-child.ts) on 127.0.0.1.

**Runs.** Each round starts a fresh harvesting process (bench/harvest/child.ts: \`createPlaza\` on a new data folder, SQLite by default or a new PostgreSQL database, \`PLAZA_ALLOW_PRIVATE_URLS\` on for loopback, the source added by \`addSource\`) and calls \`runHarvest\` three times: the whole catalog (every dataset created), again with nothing changed (every dataset unchanged), and again after ${pct}% of the datasets changed at the source (title, description and modification date; each run's counts are checked). Times are \`runHarvest\` alone, in the process. Memory is the harvesting process's resident set read from \`/proc/<pid>/status\` every 50 ms by the benchmark's process: the highest sample during the run minus the figure just before it. ${b.runs} rounds per line; medians, with the lowest and highest round in brackets.

**References, measured in the same round, each in its own fresh process, right before the harvest.** *Read*: the floor any harvester pays: the same reader over the same address with nothing written (\`SourceFetch\` through Plaza's guarded fetch, \`JSON.parse\`, the reader's mapping of every record), i.e. the harvest minus everything Plaza does with a record. *Write*: the records that read produced, inserted as one row each (17 columns, lists as JSON text) into one plain table with a primary key, in one transaction: better-sqlite3 with the catalog's own settings (WAL, \`synchronous = NORMAL\`) for the SQLite lines, PostgreSQL \`\\copy\` through psql (its own timing) for the PostgreSQL line. Ratios are paired: the median over the rounds of the run's time ÷ the reference's time of the same round. CPU time is the process's own (user + system, \`process.cpuUsage\`): on a busy shared machine it stays close to what a quiet one would take when the wall time does not.

| Source | Store | Whole catalog (s) | Its CPU time (s) | Datasets/s | Peak memory, whole catalog (MiB) | Nothing changed (s) | ${pct}% changed (s) | Reference: read (s) | Reference: write (s) | Whole ÷ read | Whole ÷ (read + write) | Nothing changed ÷ read | Whole ÷ read, CPU time | Checks |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${b.lines.map((l) => row(l, b.datasets)).join('\n')}

Every round: ${b.lines.map((l) => `**${cell(l.source)}, ${l.store}** — ${everyRound(l) || 'none'}`).join('. ')}.
${END}`;
}

export const writeHarvestSection = (section: string): Promise<void> => writeSection(BEGIN, END, section, AFTER);
