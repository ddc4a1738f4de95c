/**
 * The data of the compatible-APIs benchmark: the 1.34M-row stop times with
 * each stop's point, ingested and published through the actions, and the
 * 10,000 generated datasets of the catalog benchmark, in one fresh Plaza data
 * folder (SQLite catalog, the default).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { loadConfig } from '../../src/config.ts';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { createPlaza, type Plaza } from '../../src/main/container.ts';
import { generateCatalog, type GeneratedCatalog } from '../catalog/generate.ts';
import { load as loadCatalog } from '../catalog/search.ts';
import { ROOT } from '../pages/portal.ts';

export const STOP_TIMES = resolve(ROOT, '../shared/data/bench/nyc_subway_stop_times.csv.gz');
export const STOPS = resolve(ROOT, '../shared/data/bench/nyc_subway_stops.csv');
const CATALOG_SEED = 20_260_101;

export interface Prepared {
  plaza: Plaza;
  dataDir: string;
  rows: number;
  csvBytes: number;
  ingestSeconds: number;
  catalogSeconds: number;
  catalog: GeneratedCatalog;
  /** Generated datasets an anonymous reader sees. */
  visibleGenerated: number;
  slug: string;
  datasetId: string;
  /** The resource whose file made the live version. */
  resourceId: string;
  fourByFour: string;
  /** The point column ingest derived from stop_lat/stop_lon. */
  pointColumn: string;
  columns: { name: string; type: string }[];
  /** 20 stop_ids spread over the frequency ranks, 101S first (as bench/run.ts picks them). */
  stopIds: string[];
}

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The 1,340,772-row file as bench/run.ts builds it (the gunzipped rows three
 * times over, the header once), then joined in DuckDB with the stops on
 * stop_id to add stop_lat and stop_lon, in the original row order.
 */
async function buildInput(work: string): Promise<{ file: string; stopIds: string[] }> {
  const small = join(work, 'stop_times.csv');
  const big = join(work, 'stop_times_x3.csv');
  const out = join(work, 'stop_times_points.csv');
  await pipeline(createReadStream(STOP_TIMES), createGunzip(), createWriteStream(small));
  {
    const text = await readFile(small, 'utf8');
    const nl = text.indexOf('\n');
    const header = text.slice(0, nl + 1);
    let body = text.slice(nl + 1);
    if (!body.endsWith('\n')) body += '\n';
    const w = createWriteStream(big);
    w.write(header);
    for (let i = 0; i < 3; i++) w.write(body);
    await new Promise<void>((res, rej) => w.end((e?: Error | null) => (e ? rej(e) : res())));
  }
  const duck = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await duck.connect();
  try {
    await c.run(
      `COPY (SELECT st.trip_id, st.arrival_time, st.departure_time, st.stop_id, st.stop_sequence, st.pickup_type, st.drop_off_type, s.stop_lat, s.stop_lon
         FROM (SELECT *, row_number() OVER () AS rn FROM read_csv(${sq(big)}, all_varchar = true)) st
         LEFT JOIN read_csv(${sq(STOPS)}, all_varchar = true) s USING (stop_id)
         ORDER BY st.rn) TO ${sq(out)} (FORMAT csv, HEADER true)`,
    );
    const r = await c.runAndReadAll(`SELECT stop_id, count(*) AS n FROM read_csv(${sq(small)}, all_varchar = true) GROUP BY 1 ORDER BY n DESC, stop_id`);
    const all = r.getRowObjectsJson().map((x) => String(x.stop_id));
    const stopIds = ['101S'];
    const step = Math.max(1, Math.floor(all.length / 19));
    for (let i = 0; stopIds.length < 20 && i < all.length; i += step) if (!stopIds.includes(all[i]!)) stopIds.push(all[i]!);
    return { file: out, stopIds };
  } finally {
    c.closeSync();
    duck.closeSync();
  }
}

export async function prepare(work: string, datasets: number, log: (...a: unknown[]) => void): Promise<Prepared> {
  const { file, stopIds } = await buildInput(work);
  const csvBytes = (await stat(file)).size;
  log(`input with points: ${(csvBytes / 1e6).toFixed(1)} MB`);

  const dataDir = join(work, 'plaza');
  const plaza = await createPlaza(loadConfig({}, { dataDir, demo: false, logLevel: 'silent' }));
  await plaza.worker.start();
  const { deps } = plaza;
  const admin = await principalForToken(deps, (await createAdminToken(deps, 'bench compat')).token);
  const dataset = await createDataset(deps, admin, { title: 'NYC Subway Stop Times with Stops', organization: 'Bench', description: 'Benchmark load of the subway stop times, each with its stop\'s point.', license: 'cc-by-4.0' }, { createOrganization: true });
  const t0 = performance.now();
  const added = await addResource(deps, admin, dataset.id, { file: createReadStream(file, { highWaterMark: 1 << 20 }), filename: 'stop_times_points.csv' }, {});
  const job = await waitForJob(deps, added.job.id);
  const ingestSeconds = (performance.now() - t0) / 1000;
  if (job.status !== 'succeeded') throw new Error(`ingest failed: ${JSON.stringify(job.errors).slice(0, 500)}`);
  await changeStatus(deps, admin, dataset.id, { status: 'published' });
  // Nothing else to ingest: the server measured next runs no background work, as the catalog's server process does not.
  await plaza.worker.stop();
  const version = await deps.catalog.datasets.getVersion(added.versionId);
  if (!version) throw new Error('the ingested version is missing');
  const point = version.columns.find((c) => c.type === 'geometry' && c.point);
  if (!point) throw new Error(`no point column was detected from stop_lat/stop_lon (columns: ${version.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  const resourceId = version.resourceId ?? added.resource?.id;
  if (!resourceId) throw new Error('the live version names no resource');
  log(`ingested ${version.rowCount} rows in ${ingestSeconds.toFixed(1)} s; point column ${point.name}`);

  const catalog = generateCatalog(datasets, CATALOG_SEED);
  log(`loading ${datasets} generated datasets`);
  const catalogSeconds = await loadCatalog(deps.catalog, catalog);
  log(`  loaded in ${catalogSeconds.toFixed(1)} s`);
  return {
    plaza,
    dataDir,
    rows: version.rowCount ?? 0,
    csvBytes,
    ingestSeconds,
    catalogSeconds,
    catalog,
    visibleGenerated: catalog.datasets.filter((g) => g.dataset.status === 'published' && g.dataset.accessLevel !== 'private').length,
    slug: dataset.slug,
    datasetId: dataset.id,
    resourceId,
    fourByFour: fourByFour(dataset.id),
    pointColumn: point.name,
    columns: version.columns.map((c) => ({ name: c.name, type: c.type })),
    stopIds,
  };
}
