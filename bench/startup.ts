/**
 * Part 8: how fast the `plaza` command starts. Medians over several runs of
 * `plaza help` and of `plaza load` of a 23-line file (22 rows) into a new data
 * folder each time, each run a new process, as a person at a terminal runs
 * them. Measured in the same run: Node starting and doing nothing (`node -e
 * 0`), the same file read and written to Parquet by DuckDB in a new Node
 * process, and loaded by PostgreSQL's COPY through psql; and the same two
 * commands run from the TypeScript through tsx, as the command did before it
 * was compiled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, ROOT, writeSection } from './pages/portal.ts';

const BEGIN = '<!-- start-up: written by bench/startup.ts -->';
const END = '<!-- start-up: end -->';
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
export const STARTUP_FILE = join(ROOT, 'test/fixtures/bench/nyc_subway_routes.csv');
const TARGETS = { help: 300, load: 700 };
const PG = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres'];

/** Milliseconds one command takes, start to exit; throws when it fails. */
function timed(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).slice(0, 500)}`);
  return ms;
}

interface Row {
  what: string;
  runs: number[];
  error?: string;
}

type Command = readonly [what: string, each: (dir: string) => number];

/** Runs the commands in rounds, each command once per round, so a busy moment of the shared machine falls on all of them alike. */
async function measure(commands: Command[]): Promise<Row[]> {
  const rows: Row[] = commands.map(([what]) => ({ what, runs: [] }));
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, each]] of commands.entries()) {
      const row = rows[k]!;
      if (row.error) continue;
      const dir = await mkdtemp(join(tmpdir(), 'plaza-startup-'));
      try {
        row.runs.push(each(dir));
      } catch (e) {
        row.error = (e as Error).message.split('\n')[0]!;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  for (const r of rows) console.log(`${r.what}: ${r.error ?? `median ${median(r.runs).toFixed(0)} ms (${r.runs.map((x) => x.toFixed(0)).join(', ')})`}`);
  return rows;
}

const DUCKDB_SCRIPT = `const { DuckDBInstance } = await import('@duckdb/node-api');
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
await c.run('COPY (SELECT * FROM read_csv(' + q(process.env.BENCH_CSV) + ')) TO ' + q(process.env.BENCH_OUT) + ' (FORMAT parquet)');`;

export async function main(): Promise<void> {
  const plaza = join(ROOT, 'bin/plaza.mjs');
  const runTs = join(ROOT, 'bin/run-ts.mjs');
  const cli = join(ROOT, 'src/main/cli.ts');
  const load = ['load', STARTUP_FILE, '--org', 'Bench Transit', '--create-org', '--title', 'Subway routes'];
  // Builds the command first if the sources changed since the last build, so no timed run pays for it.
  timed(process.execPath, [plaza, 'help']);
  const load1 = loadavg()[0]!;
  const rows = await measure([
    ['node -e 0 (Node starting, no code)', () => timed(process.execPath, ['-e', '0'])],
    ['plaza help', () => timed(process.execPath, [plaza, 'help'])],
    ['plaza help, through tsx (before)', () => timed(process.execPath, [runTs, cli, 'help'])],
    ['plaza load (23-line file, new data folder)', (dir) => timed(process.execPath, [plaza, ...load], { PLAZA_DATA_DIR: join(dir, 'data') })],
    ['plaza load, through tsx (before)', (dir) => timed(process.execPath, [runTs, cli, ...load], { PLAZA_DATA_DIR: join(dir, 'data') })],
    ['DuckDB in a new Node process: read_csv → Parquet', (dir) => timed(process.execPath, ['--input-type=module', '-e', DUCKDB_SCRIPT], { BENCH_CSV: STARTUP_FILE, BENCH_OUT: join(dir, 'out.parquet') })],
    [
      'PostgreSQL through psql: CREATE TABLE + \\copy',
      () =>
        timed('psql', [...PG, '-d', 'postgres', '-c', 'CREATE TEMP TABLE r (agency_id text, route_id text, route_short_name text, route_long_name text, route_type text, route_desc text, route_url text, route_color text, route_text_color text)', '-c', `\\copy r FROM '${STARTUP_FILE}' CSV HEADER`]),
    ],
  ]);
  const load2 = loadavg()[0]!;
  const by = (prefix: string) => rows.find((r) => r.what.startsWith(prefix));
  const med = (r: Row | undefined) => (r && !r.error && r.runs.length ? median(r.runs) : NaN);
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');
  const node0 = med(by('node -e 0'));
  const duck = med(by('DuckDB'));
  const help = med(by('plaza help'));
  const loadMs = med(by('plaza load ('));
  const mark = (x: number, target: number) => (Number.isFinite(x) ? (x < target ? '**PASS**' : '**MISS**') : '—');
  const section = `${BEGIN}
## Start-up of the \`plaza\` command (bench/startup.ts)

\`npm run bench -- startup\`, ${new Date().toISOString()}; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; 1-minute load average ${load1.toFixed(1)} before and ${load2.toFixed(1)} after (the machine is shared: a busy moment shows in every row alike).
Each figure is the median of ${RUNS} runs, each a new process timed from start to exit, the commands taking turns; \`plaza load\` reads \`test/fixtures/bench/nyc_subway_routes.csv\` (23 lines: a header and 22 rows, 9 columns) into a new data folder each run, so each run also makes the catalog, the first administrator and its password.

| Command | Median | Fastest | vs \`node -e 0\` | vs DuckDB |
|---|---|---|---|---|
${rows.map((r) => `| ${r.what} | ${r.error ? `failed: ${r.error.replaceAll('|', '\\|')}` : ms(med(r))} | ${r.runs.length ? ms(Math.min(...r.runs)) : '—'} | ${(med(r) / node0).toFixed(1)}× | ${(med(r) / duck).toFixed(1)}× |`).join('\n')}

| Target | Measured | Result |
|---|---|---|
| \`plaza help\` under ${TARGETS.help} ms | ${ms(help)} | ${mark(help, TARGETS.help)} |
| \`plaza load\` of a 23-line file under ${TARGETS.load} ms | ${ms(loadMs)} | ${mark(loadMs, TARGETS.load)} |
${END}`;
  await writeSection(BEGIN, END, section);
  console.log('wrote the start-up section of bench/RESULTS.md');
}
