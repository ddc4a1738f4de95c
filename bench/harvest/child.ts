/**
 * The harvesting process of the harvest benchmark, on its own so that the
 * parent can sample its memory from /proc:
 * `node bin/run-ts.mjs bench/harvest/child.ts '<json>'` with
 * `{ mode, dataDir, kind, url, databaseUrl? }`.
 *
 * - `harvest`: a fresh Plaza (SQLite in `dataDir`, or PostgreSQL at
 *   `databaseUrl`) with the source added, then one `runHarvest` per `run`
 *   line on stdin.
 * - `reference` (a Plaza on SQLite, only for its guarded fetch): the floor
 *   any harvester pays, on `read`: the same reader
 *   over the same address, nothing written (fetch, JSON.parse, the mapping);
 *   then on `write`: the records it read inserted into one plain table in
 *   one transaction (better-sqlite3; or PostgreSQL `\copy` through psql).
 *
 * Prints one JSON line when ready and one per command, with the wall time
 * and the CPU time this process spent (user + system), which a busy shared
 * machine does not inflate as it does the wall time.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { READERS } from '../../src/actions/harvest/readers/index.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { SourceFetch } from '../../src/actions/harvest/source-fetch.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { loadConfig } from '../../src/config.ts';
import type { HarvestKind, HarvestSource, HarvestedRecord } from '../../src/domain/harvest/types.ts';
import { createPlaza } from '../../src/main/container.ts';

export interface ChildArgs {
  mode: 'harvest' | 'reference';
  dataDir: string;
  kind: HarvestKind;
  url: string;
  databaseUrl?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
const plaza = await createPlaza(loadConfig({}, { dataDir: args.dataDir, demo: false, logLevel: 'silent', allowPrivateUrls: true, ...(args.databaseUrl && args.mode === 'harvest' ? { databaseUrl: args.databaseUrl } : {}) }));
const { deps } = plaza;

let source: HarvestSource;
if (args.mode === 'harvest') {
  const admin = await principalForToken(deps, (await createAdminToken(deps, 'bench harvest')).token);
  source = await addSource(deps, admin, { kind: args.kind, url: args.url, name: 'Generated City', schedule_hours: null });
} else {
  const now = new Date().toISOString();
  source = { id: 'reference', name: 'Generated City', kind: args.kind, url: args.url, organizationId: 'none', harvest: true, peer: false, scheduleHours: null, nextRunAt: null, lastRunId: null, createdBy: null, createdAt: now, updatedAt: now };
}

let records: HarvestedRecord[] = [];

/** The reader alone: every page read and mapped, nothing kept but the records (for the write reference). */
async function readOnly(): Promise<Record<string, unknown>> {
  const reader = READERS[args.kind];
  if (!reader) throw new Error(`no reader for ${args.kind}`);
  const fetch = new SourceFetch(deps);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out: HarvestedRecord[] = [];
  let errors = 0;
  for await (const page of reader.read({ source, since: null, fetch })) {
    out.push(...page.records);
    errors += page.errors?.length ?? 0;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  records = out;
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, records: out.length, errors, bytes: fetch.bytes };
}

const COLUMNS = ['remote_id', 'identifier', 'title', 'description', 'keywords', 'themes', 'publisher', 'contact_point', 'license', 'frequency', 'temporal', 'spatial', 'issued', 'modified', 'language', 'landing_page', 'distributions'];
const row = (r: HarvestedRecord): (string | null)[] => [
  r.remoteId, r.identifier, r.title, r.description, JSON.stringify(r.keywords), JSON.stringify(r.themes), r.publisher, r.contactPoint && JSON.stringify(r.contactPoint),
  r.license, r.frequency, r.temporal && JSON.stringify(r.temporal), r.spatial && JSON.stringify(r.spatial), r.issued, r.modified, JSON.stringify(r.language), r.landingPage, JSON.stringify(r.distributions),
];

/** The records into one plain SQLite table (the catalog's own settings: WAL, synchronous NORMAL), one transaction. */
function writeSqlite(): Record<string, unknown> {
  const db = new Database(join(args.dataDir, 'reference.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`DROP TABLE IF EXISTS bench_reference; CREATE TABLE bench_reference (${COLUMNS.map((c, i) => `${c} TEXT${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`);
  const t0 = performance.now();
  const insert = db.prepare(`INSERT INTO bench_reference VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const r of records) insert.run(row(r));
  })();
  const seconds = (performance.now() - t0) / 1000;
  const count = (db.prepare('SELECT count(*) AS n FROM bench_reference').get() as { n: number }).n;
  db.close();
  return { seconds, rows: count, store: 'sqlite' };
}

/** The same rows through PostgreSQL `\copy` (psql, client side, as CKAN's loaders do); psql's own timing of the copy. */
async function writePostgres(url: string): Promise<Record<string, unknown>> {
  const file = join(args.dataDir, 'reference.tsv');
  const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  await writeFile(file, `${records.map((r) => row(r).map(esc).join('\t')).join('\n')}\n`);
  const script = `DROP TABLE IF EXISTS bench_reference;\nCREATE TABLE bench_reference (${COLUMNS.map((c, i) => `${c} text${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')});\n\\timing on\n\\copy bench_reference FROM '${file}'\n\\timing off\nSELECT count(*) FROM bench_reference;\n`;
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-tA', url], { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${(r.stderr || r.error?.message || '').slice(0, 300)}`);
  const ms = [...r.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  const rows = Number(r.stdout.trim().split('\n').pop());
  return { seconds: (ms[ms.length - 1] ?? NaN) / 1000, rows, store: 'postgres' };
}

say({ ready: true });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [cmd] = line.trim().split(' ');
  try {
    if (cmd === 'run') {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const run = await runHarvest(deps, source.id, { trigger: 'manual' });
      const cpu = process.cpuUsage(cpu0);
      say({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, status: run.status, counts: run.counts, message: run.message, bytes: run.bytes, firstError: run.errors[0] ?? null });
    } else if (cmd === 'read') {
      say(await readOnly());
    } else if (cmd === 'write') {
      say(args.databaseUrl ? await writePostgres(args.databaseUrl) : writeSqlite());
    } else if (cmd === 'quit') {
      break;
    } else {
      say({ error: `unknown command ${line}` });
    }
  } catch (e) {
    say({ error: (e as Error).stack ?? String(e) });
  }
}
lines.close();
await plaza.close();
process.exit(0);
