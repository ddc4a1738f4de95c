/**
 * OGC API – Features items page on a 1.34M-row point dataset, next to the
 * records API's answer to the same question in the same run:
 * `node bin/run-ts.mjs bench/compat/ogc.ts`.
 *
 * The dataset is the bench's subway stop times three times over (1.34M
 * rows), each row given its stop's latitude and longitude, so Plaza builds
 * a point column. Both shapes are timed over HTTP (sequential `fetch`,
 * after warm-up): `GET /ogc/collections/{slug}/items?bbox=-74.0,40.7,-73.9,40.8&limit=100`
 * and `GET /api/v1/datasets/{slug}/records?where=in_bbox(location, 40.7, -74.0, 40.8, -73.9)&limit=100`.
 * It prints p50/p99 and the ratio (target: within 1.2×); it never fails.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { createPlaza } from '../../src/main/container.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = resolve(ROOT, '../shared/data/bench');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

const dir = await mkdtemp(join(tmpdir(), 'plaza-bench-ogc-'));
try {
  const csv = join(dir, 'stop_times_points.csv');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const times = join(DATA, 'nyc_subway_stop_times.csv.gz').replaceAll("'", "''");
  const stops = join(DATA, 'nyc_subway_stops.csv').replaceAll("'", "''");
  await conn.run(`COPY (
    SELECT t.trip_id, t.arrival_time, t.stop_id, t.stop_sequence, s.stop_lat AS latitude, s.stop_lon AS longitude
    FROM (SELECT * FROM read_csv('${times}', all_varchar = true) UNION ALL SELECT * FROM read_csv('${times}', all_varchar = true) UNION ALL SELECT * FROM read_csv('${times}', all_varchar = true)) t
    JOIN read_csv('${stops}', all_varchar = true) s USING (stop_id)
  ) TO '${csv.replaceAll("'", "''")}' (HEADER, DELIMITER ',')`);
  const rows = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${csv.replaceAll("'", "''")}')`)).getRowObjects()[0]?.n);
  conn.closeSync();

  const plaza = await createPlaza(loadConfig({}, { dataDir: join(dir, 'data'), demo: false, logLevel: 'silent' }), {});
  await plaza.worker.start();
  const { token } = await createAdminToken(plaza.deps, 'bench');
  const admin = await principalForToken(plaza.deps, token);
  const ds = await createDataset(plaza.deps, admin, { title: 'Subway stop times with places', organization: 'Bench', description: 'Bench.', license: 'cc-by-4.0', slug: 'stop-times-points' }, { createOrganization: true });
  const started = Date.now();
  const { job } = await addResource(plaza.deps, admin, ds.slug, { file: createReadStream(csv), filename: 'stop_times_points.csv' }, {});
  await waitForJob(plaza.deps, job.id);
  await changeStatus(plaza.deps, admin, ds.id, { status: 'published' });
  console.log(`ingested ${rows.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const app = await buildApp({ deps: plaza.deps, siteName: 'Bench', baseUrl: 'http://127.0.0.1', registry: new ApiRegistry() }, { logLevel: 'silent' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const shapes = {
    ogc: `${address}/ogc/collections/${ds.slug}/items?bbox=-74.0,40.7,-73.9,40.8&limit=100`,
    native: `${address}/api/v1/datasets/${ds.slug}/records?where=${encodeURIComponent('in_bbox(location, 40.7, -74.0, 40.8, -73.9)')}&limit=100`,
  };
  // The two shapes alternate, request by request, so a busy moment on the machine hits both.
  const elapsed: Record<string, number[]> = { ogc: [], native: [] };
  const matched: Record<string, unknown> = {};
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    for (const [name, url] of Object.entries(shapes)) {
      const t0 = performance.now();
      const res = await fetch(url);
      const body = (await res.json()) as { numberMatched?: number; total_count?: number; total?: number };
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      if (i >= WARMUP) elapsed[name]?.push(performance.now() - t0);
      matched[name] = body.numberMatched ?? body.total_count ?? body.total;
    }
  }
  const figures = Object.fromEntries(Object.entries(elapsed).map(([name, ms]) => [name, { p50: pct(ms, 50), p99: pct(ms, 99), matched: matched[name] }]));
  console.table(Object.entries(figures).map(([shape, x]) => ({ shape, p50: x.p50.toFixed(2), p99: x.p99.toFixed(2), matched: x.matched })));
  const ratio = (figures.ogc?.p50 ?? NaN) / (figures.native?.p50 ?? NaN);
  console.log(`OGC items p50 / records API p50: ${ratio.toFixed(2)}× (target ≤ 1.2×: ${ratio <= 1.2 ? 'PASS' : 'MISS'})`);
  await app.close();
  await plaza.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
