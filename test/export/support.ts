import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import type { Principal } from '../../src/actions/deps.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { resolveVersion } from '../../src/actions/records/resolve-version.ts';
import { loadConfig } from '../../src/config.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { compileRecordsQuery, presentRow } from '../../src/domain/query/index.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPlaza, type Plaza } from '../../src/main/container.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const CHICAGO = join(FIXTURES, 'tabular', 'chicago_crimes_2014-09.csv');
export const SHELTER = join(FIXTURES, 'tabular', 'nyc_dhs_daily_shelter_census.csv');
export const FOOD_SITES = join(FIXTURES, 'geo', 'nyc_efap_food_sites.geojson');
export const UHF42 = join(FIXTURES, 'geo', 'nyc_uhf42.geojson');

/** A real Plaza on a temporary data folder, its worker running, and the web app on top. */
export interface Harness {
  plaza: Plaza;
  app: FastifyInstance;
  actor: Principal;
  dir: string;
  close(): Promise<void>;
}

export async function startPlaza(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'plaza-export-'));
  const plaza = await createPlaza(loadConfig({}, { dataDir: dir, demo: false, logLevel: 'silent' }));
  await plaza.worker.start();
  const token = await createAdminToken(plaza.deps, 'export tests');
  const actor = await principalForToken(plaza.deps, token.token);
  const app = await buildApp({ deps: plaza.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  return {
    plaza,
    app,
    actor,
    dir,
    async close() {
      await app.close();
      await plaza.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a dataset and loads a file into it through the real actions; fails the test unless the ingest succeeds. */
export async function ingest(h: Harness, title: string, file: string | Buffer, filename: string): Promise<Dataset> {
  const dataset = await createDataset(h.plaza.deps, h.actor, { title, organization: 'Export Tests', description: `Export test data from ${filename}.`, license: 'cc0-1.0' }, { createOrganization: true });
  const input = typeof file === 'string' ? createReadStream(file) : Readable.from([file]);
  const added = await addResource(h.plaza.deps, h.actor, dataset.id, { file: input, filename });
  const job = await waitForJob(h.plaza.deps, added.job.id);
  expect(job.status, `ingest of ${filename}: ${JSON.stringify(job.errors.slice(0, 3))}`).toBe('succeeded');
  return changeStatus(h.plaza.deps, h.actor, dataset.id, { status: 'published' });
}

export interface Table {
  columns: ColumnInfo[];
  rows: Record<string, unknown>[];
}

/** A dataset's live version: its columns, and its rows as the records API presents them, filtered and ordered. */
export async function readTable(h: Harness, dataset: string, req: { where?: string; order_by?: string } = {}): Promise<Table> {
  const { version, dataPath } = await resolveVersion(h.plaza.deps, h.actor, dataset);
  const compiled = compileRecordsQuery(req, version.columns, h.plaza.deps.engine.relation(dataPath), { maxLimit: Number.MAX_SAFE_INTEGER, defaultLimit: Number.MAX_SAFE_INTEGER });
  const result = await h.plaza.deps.engine.query(compiled.sql, compiled.params, { timeoutMs: 60_000 });
  return { columns: version.columns, rows: result.rows.map((r) => presentRow(compiled, r)) };
}

/** Exports through HTTP, expecting success. */
export async function exportFile(h: Harness, dataset: string, format: string, query: Record<string, string> = {}): Promise<{ body: Buffer; headers: Record<string, unknown> }> {
  const qs = new URLSearchParams(query).toString();
  const res = await h.app.inject({ method: 'GET', url: `/api/v1/datasets/${dataset}/export/${format}${qs ? `?${qs}` : ''}` });
  expect(res.statusCode, res.statusCode === 200 ? '' : res.body).toBe(200);
  return { body: res.rawPayload, headers: res.headers };
}
