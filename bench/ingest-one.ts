/**
 * One end-to-end ingest in its own process, so that its peak RSS can be read:
 *   node bin/run-ts.mjs bench/ingest-one.ts <file.csv> <dataDir>
 *
 * Creates a Plaza in <dataDir>, an admin token, a dataset, adds the file as a
 * resource through the real actions and waits for the job. Prints one JSON line
 * on stdout: seconds (addResource → version live), rows, phase durations,
 * inferred columns, peak RSS (KiB) and the ids needed to reopen the dataset.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createAdminToken } from '../src/actions/auth/tokens.ts';
import { createDataset } from '../src/actions/catalog/create-dataset.ts';
import { principalForToken } from '../src/actions/auth/principal.ts';
import { changeStatus } from '../src/actions/catalog/change-status.ts';
import { addResource } from '../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../src/actions/jobs/get-job.ts';
import { loadConfig } from '../src/config.ts';
import { createPlaza } from '../src/main/container.ts';
import { DuckDBConnection } from '@duckdb/node-api';

// Time every statement the pipeline sends to DuckDB (runAndReadAll goes through run).
const sqlSeconds: Record<string, number> = {};
const labelOf = (sql: string): string => {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (/^SET /i.test(s)) return 'connect (SET)';
  if (/TEMP TABLE staged AS SELECT \* FROM read_csv/.test(s)) return 'stage: read_csv → temp table (all VARCHAR)';
  if (/TEMP TABLE staged AS SELECT .* FROM read_json/.test(s)) return 'stage: read_json → temp table';
  if (/stage_rejects|stage_scans/.test(s)) return 'stage: rejects bookkeeping';
  if (/^SELECT count\(\*\)::INTEGER AS n FROM staged$/.test(s)) return 'stage: count rows';
  if (/TEMP TABLE stage_sample/.test(s)) return 'infer: build sample table';
  if (/FROM (\(SELECT .*)?stage_sample\)?$/.test(s)) return 'infer pass 1: candidate patterns on the sample';
  if (/^SELECT .*FROM (\(SELECT .*)?staged\)?$/.test(s)) return 'infer pass 2: candidate failures over every row';
  if (/^COPY \(SELECT .* FROM staged.*FORMAT parquet/.test(s)) return 'write: typed COPY → Parquet (zstd)';
  if (/stage_bad/.test(s)) return 'write: rejects bookkeeping';
  if (/count\(\*\)::INTEGER FROM read_parquet/.test(s)) return 'write: count Parquet rows';
  if (/count\(\*\) AS __n/.test(s)) return 'profile: counts, distincts, min/max';
  if (/read_parquet/.test(s)) return 'profile: histograms / top values';
  return s.slice(0, 60);
};
const originalRun = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (this: DuckDBConnection, ...args: Parameters<typeof originalRun>) {
  const t = performance.now();
  try {
    return await originalRun.apply(this, args);
  } finally {
    const label = labelOf(args[0]);
    sqlSeconds[label] = (sqlSeconds[label] ?? 0) + (performance.now() - t) / 1000;
  }
};

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) {
  console.error('usage: ingest-one.ts FILE DATA_DIR');
  process.exit(2);
}

const config = loadConfig({}, { dataDir, demo: false, logLevel: 'silent' });
const plaza = await createPlaza(config);
await plaza.worker.start();
const actor = await principalForToken(plaza.deps, (await createAdminToken(plaza.deps, 'bench')).token);
const dataset = await createDataset(plaza.deps, actor, { title: `Bench ${basename(file)}`, organization: 'Bench', description: `Benchmark load of ${basename(file)}.`, license: 'cc-by-4.0' }, { createOrganization: true });

// Phase timing: waitForJob polls every 50 ms; a phase's duration is the time
// between the first polls that saw it and the next phase.
const phases: { phase: string; at: number }[] = [];
const t0 = performance.now();
const added = await addResource(plaza.deps, actor, dataset.id, { file: createReadStream(file, { highWaterMark: 1 << 20 }), filename: basename(file) }, {});
const tStored = performance.now();
phases.push({ phase: 'upload (storeRaw)', at: 0 });
phases.push({ phase: 'queued', at: tStored - t0 });
const job = await waitForJob(plaza.deps, added.job.id, (j) => {
  const last = phases[phases.length - 1];
  if (last && last.phase !== j.phase) phases.push({ phase: j.phase, at: performance.now() - t0 });
});
const seconds = (performance.now() - t0) / 1000;
const durations: Record<string, number> = {};
for (let i = 0; i < phases.length - 1; i++) durations[phases[i]!.phase] = (phases[i + 1]!.at - phases[i]!.at) / 1000;

const version = await plaza.deps.catalog.datasets.getVersion(added.versionId);
// The records benchmark reads it anonymously, as a resident would.
if (job.status === 'succeeded') await changeStatus(plaza.deps, actor, dataset.id, { status: 'published' });
const result = job.result as { rows?: number; seconds?: number } | null;
await plaza.close();

const out = {
  ok: job.status === 'succeeded',
  error: job.status === 'succeeded' ? null : JSON.stringify(job.errors).slice(0, 500),
  seconds,
  jobSeconds: result?.seconds ?? null,
  rows: version?.rowCount ?? result?.rows ?? 0,
  rejected: version?.rejectedCount ?? 0,
  columns: (version?.columns ?? []).map((c) => ({ name: c.name, type: c.type, physical: c.physical })),
  phases: durations,
  sql: sqlSeconds,
  maxRssKiB: process.resourceUsage().maxRSS,
  datasetId: dataset.id,
  datasetSlug: dataset.slug,
  versionNumber: version?.number ?? null,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
