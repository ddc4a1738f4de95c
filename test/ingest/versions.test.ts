/**
 * Versions are immutable and an ingest is all-or-nothing: a new file makes a
 * new version, older versions stay queryable, and a failure at any point of
 * an ingest leaves the previous version live with no trace of the failed one.
 * Also: a job left `running` by a crash is queued again when a worker starts.
 */
import { readdir, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { runIngest } from '../../src/actions/ingest/run-ingest.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { JobWorker } from '../../src/jobs/worker.ts';
import { JOB_HANDLERS } from '../../src/main/background.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import type { IngestBounds, IngestSession, TableEngine } from '../../src/ports/table-engine.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

type Fault = 'write' | 'profile' | 'stage' | null;

/** The real DuckDB engine, whose next ingest session can be made to fail part-way. */
class FaultyEngine implements TableEngine {
  fault: Fault = null;
  sessions = 0;
  closedSessions = 0;
  constructor(readonly real: DuckTableEngine) {}

  async openIngest(bounds: IngestBounds): Promise<IngestSession> {
    const s = await this.real.openIngest(bounds);
    const fault = this.fault;
    this.fault = null;
    this.sessions++;
    return {
      stage: async (src) => {
        const staged = await s.stage(src);
        if (fault === 'stage') throw new Error('injected: the staging table vanished');
        return staged;
      },
      // Fails after the typed Parquet file was fully written to the scratch folder.
      write: async (staged, overrides, policy, dataPath) => {
        const written = await s.write(staged, overrides, policy, dataPath);
        if (fault === 'write') throw new Error('injected: disk full after writing Parquet');
        return written;
      },
      writeRejects: (path) => s.writeRejects(path),
      // Fails after profiling part of the columns.
      profile: async (dataPath, columns) => {
        if (fault === 'profile') {
          await s.profile(dataPath, columns.slice(0, 2));
          throw new Error('injected: profile crashed half-way');
        }
        return s.profile(dataPath, columns);
      },
      close: async () => {
        this.closedSessions++;
        await s.close();
      },
    };
  }
  relation(dataPath: string): string {
    return this.real.relation(dataPath);
  }
  query(...args: Parameters<TableEngine['query']>) {
    return this.real.query(...args);
  }
  stream(...args: Parameters<TableEngine['stream']>) {
    return this.real.stream(...args);
  }
  copyToParquet(...args: Parameters<TableEngine['copyToParquet']>) {
    return this.real.copyToParquet(...args);
  }
  memory() {
    return this.real.memory();
  }
  close(): Promise<void> {
    return this.real.close();
  }
}

let t: TestPlaza;
let engine: FaultyEngine;
let dir: string;
let slug: string;
let datasetId: string;

/** The DHS shelter census, cut to its first `n` records. */
async function dhsSlice(n: number): Promise<string> {
  const lines = (await readFile(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), 'utf8')).split(/\r?\n/);
  const p = join(dir, `dhs-${n}.csv`);
  await writeFile(p, lines.slice(0, n + 1).join('\n') + '\n');
  return p;
}
const versionIdOf = (job: Job): string => (job.payload as { versionId: string }).versionId;
const parquetKey = (versionId: string): string => `versions/${datasetId}/${versionId}/data.parquet`;
const scratchLeft = async (): Promise<string[]> => (await readdir(join(t.dir, 'tmp')).catch(() => [] as string[])).filter((d) => d.startsWith('ingest-'));

beforeAll(async () => {
  engine = new FaultyEngine(await DuckTableEngine.create({ threads: 2, memoryLimit: '1GB' }));
  // One attempt: an unexpected failure sets the job aside at once (retries: test/jobs/retry.test.ts).
  t = await startTestPlaza({ engine }, { jobs: { leaseMs: 60_000, maxAttempts: 1 } });
  dir = await mkdtemp(join(tmpdir(), 'plaza-versions-'));
  const v1 = await t.load(await dhsSlice(100), { slug: 'shelter-census' });
  slug = v1.slug;
  datasetId = (await getDataset(t.deps, t.admin, slug)).dataset.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('immutable versions', () => {
  let v1Rows: unknown;
  it('v1 is live with its 100 rows', async () => {
    const d = await getDataset(t.deps, t.admin, slug);
    expect(d.live?.number).toBe(1);
    expect(d.live?.rowCount).toBe(100);
    v1Rows = (await queryRecords(t.deps, t.admin, slug, { order_by: 'date_of_census', limit: 1000 })).results;
  });

  it('adding v2 (the whole file) makes it live; history is newest first; v1 stays queryable and unchanged', async () => {
    const job = await t.addVersion(slug, fixture('tabular/nyc_dhs_daily_shelter_census.csv'));
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ versionNumber: 2, rows: 1040, rejected: 0, columns: 13 });
    const d = await getDataset(t.deps, t.admin, slug);
    expect(d.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'ready'],
      [1, 'ready'],
    ]);
    expect(d.live?.number).toBe(2);
    expect(d.live?.rowCount).toBe(1040);
    expect(d.resources).toHaveLength(2);
    expect((await queryRecords(t.deps, t.admin, slug, {})).total).toBe(1040);
    const v1 = await queryRecords(t.deps, t.admin, slug, { order_by: 'date_of_census', limit: 1000 }, 1);
    expect(v1.total).toBe(100);
    expect(v1.results).toEqual(v1Rows);
    expect(d.versions[1]?.rowCount).toBe(100);
    expect(d.versions[1]?.profile.date_of_census?.count).toBe(100);
    for (const v of d.versions) expect(await t.deps.blobs.has(v.dataKey as string)).toBe(true);
    expect((await queryRecords(t.deps, t.admin, slug, {}, 2)).total).toBe(1040);
  });

  it('asking for a version that does not exist is a clear not-found', async () => {
    await expect(queryRecords(t.deps, t.admin, slug, {}, 9)).rejects.toThrow('The dataset "shelter-census" has no version 9.');
  });
});

describe('a failure in the middle of an ingest', () => {
  const liveBefore = async () => {
    const d = await getDataset(t.deps, t.admin, slug);
    return { number: d.live?.number, rows: (await queryRecords(t.deps, t.admin, slug, { order_by: 'date_of_census', limit: 20 })).results, total: (await queryRecords(t.deps, t.admin, slug, {})).total };
  };

  it.each([
    ['stage', 'injected: the staging table vanished'],
    ['write', 'injected: disk full after writing Parquet'],
    ['profile', 'injected: profile crashed half-way'],
  ] as const)('when %s throws: the job and version fail, the previous version stays live, no Parquet is left', async (fault, error) => {
    const before = await liveBefore();
    const versionsBefore = (await getDataset(t.deps, t.admin, slug)).versions.length;
    const sessions = engine.sessions;
    engine.fault = fault;
    const job = await t.addVersion(slug, await dhsSlice(500));
    expect(engine.sessions).toBe(sessions + 1);
    expect(engine.closedSessions).toBe(engine.sessions);
    const message = `The ingest failed: ${error}`;
    // Unexpected, on its last attempt: a dead letter for an administrator, saying why.
    expect(job.status).toBe('dead');
    expect(job.phase).toBe('dead');
    expect(job.errors).toEqual([{ row: null, column: null, message }, { row: null, column: null, message: `Attempt 1 of 1 failed: ${error}` }]);
    expect(job.result).toEqual({ versionId: versionIdOf(job), error: message, code: 'internal' });
    expect(job.finishedAt).not.toBeNull();
    const d = await getDataset(t.deps, t.admin, slug);
    expect(d.versions).toHaveLength(versionsBefore + 1);
    const failed = d.versions[0];
    expect(failed).toMatchObject({ id: versionIdOf(job), status: 'failed', error: message, dataKey: null, rowCount: null });
    expect(d.live?.number).toBe(before.number);
    expect(await liveBefore()).toEqual(before);
    expect(await t.deps.blobs.has(parquetKey(versionIdOf(job)))).toBe(false);
    expect(await scratchLeft()).toEqual([]);
    await expect(queryRecords(t.deps, t.admin, slug, {}, failed?.number)).rejects.toThrow(`Version ${failed?.number} of "shelter-census" is a failed load and has no data.`);
  });

  it('when publishing fails after the Parquet and rejects files were stored, both are removed', async () => {
    const real = t.deps.catalog;
    let armed = true;
    const failingTx = (tx: CatalogStore): CatalogStore => ({
      ...tx,
      datasets: {
        ...tx.datasets,
        setLiveVersion: async (...args) => {
          if (!armed) return tx.datasets.setLiveVersion(...args);
          armed = false;
          throw new Error('injected: the catalog went away');
        },
      },
    });
    t.deps.catalog = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'transaction') return <T>(fn: (tx: CatalogStore) => Promise<T>) => target.transaction((tx) => fn(failingTx(tx)));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const before = await liveBefore();
      // One impossible date among the dates: the version has a rejects file too.
      const text = (await readFile(await dhsSlice(1040), 'utf8')).replace('\n1/2/2015,', '\n2/30/2015,');
      const p = join(dir, 'dhs-bad-date.csv');
      await writeFile(p, text);
      const job = await t.addVersion(slug, p);
      expect(armed).toBe(false);
      expect(job.rowsRejected).toBe(1);
      expect(job.status).toBe('dead');
      expect(job.errors[0]?.message).toBe('The ingest failed: injected: the catalog went away');
      const d = await getDataset(t.deps, t.admin, slug);
      expect(d.versions[0]).toMatchObject({ status: 'failed', dataKey: null, rejectsKey: null });
      expect(await t.deps.blobs.has(parquetKey(versionIdOf(job)))).toBe(false);
      expect(await t.deps.blobs.has(`versions/${datasetId}/${versionIdOf(job)}/rejects.csv`)).toBe(false);
      expect(await liveBefore()).toEqual(before);
    } finally {
      t.deps.catalog = real;
    }
  });

  it('the next good file loads normally after the failures', async () => {
    const job = await t.addVersion(slug, await dhsSlice(300));
    expect(job.status).toBe('succeeded');
    const d = await getDataset(t.deps, t.admin, slug);
    expect(d.live?.number).toBe(d.versions[0]?.number);
    expect(d.live?.rowCount).toBe(300);
    expect(d.versions.map((v) => v.status)).toEqual(['ready', 'failed', 'failed', 'failed', 'failed', 'ready', 'ready']);
    expect((await queryRecords(t.deps, t.admin, slug, {}, 2)).total).toBe(1040);
  });
});

describe('a job left running by a crash', () => {
  it('is taken by another worker when its lease runs out, and publishes one whole version', async () => {
    await t.plaza.worker.stop();
    const versionsBefore = (await getDataset(t.deps, t.admin, slug)).versions.length;
    const { job } = await addResource(t.deps, t.admin, slug, { file: Readable.from([await readFile(await dhsSlice(42))]), filename: 'dhs-42.csv' });
    // A worker takes it and dies while publishing: half a Parquet file is left under the version's key, its lease runs out.
    const now = new Date();
    const taken = await t.deps.catalog.jobs.claimJob({ owner: 'gone:1:dead', at: now.toISOString(), leaseUntil: new Date(now.getTime() + 200).toISOString(), maxAttempts: 3 });
    expect(taken?.id).toBe(job.id);
    await t.deps.catalog.jobs.updateJob(job.id, { phase: 'publishing', rowsRead: 10 });
    const half = join(dir, 'half.parquet');
    await writeFile(half, 'PAR1 and then nothing');
    await t.deps.blobs.putFile(parquetKey(versionIdOf(job)), half);
    const liveBefore = (await getDataset(t.deps, t.admin, slug)).live?.number;

    const logged: object[] = [];
    const worker = new JobWorker(() => t.deps, JOB_HANDLERS, { info: (o) => logged.push(o), error: (o) => logged.push(o) }, { owner: 'here:2:live', leaseMs: 60_000, maxAttempts: 3, pollMs: 50 });
    try {
      await worker.start();
      const done = await waitForJob(t.deps, job.id, undefined, 30_000);
      expect(done).toMatchObject({ status: 'succeeded', phase: 'done', owner: 'here:2:live', attempts: 2 });
      const d = await getDataset(t.deps, t.admin, slug);
      expect(d.versions).toHaveLength(versionsBefore + 1);
      expect(d.live?.number).toBe((liveBefore ?? 0) + 1);
      expect(d.live?.rowCount).toBe(42);
      expect((await queryRecords(t.deps, t.admin, slug, {})).total).toBe(42);
      expect(logged).toContainEqual(expect.objectContaining({ job: job.id, attempt: 2 }));
      // Run once more (a second delivery): nothing is published twice.
      expect(await runIngest(t.deps, done)).toEqual({ skipped: `version ${d.live?.number} is already published` });
      expect((await getDataset(t.deps, t.admin, slug)).versions).toHaveLength(versionsBefore + 1);
    } finally {
      await worker.stop();
      await t.plaza.worker.start();
    }
  });

  it('logs a refused file at info, once, and a failure of its own at error with the stack', async () => {
    await t.plaza.worker.stop();
    const info: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    const worker = new JobWorker(() => t.deps, JOB_HANDLERS, { info: (o) => info.push(o as Record<string, unknown>), error: (o) => errors.push(o as Record<string, unknown>) }, { owner: 'w:1:logs', leaseMs: 60_000, maxAttempts: 1, pollMs: 50 });
    await worker.start();
    try {
      const refused = await addResource(t.deps, t.admin, slug, { file: Readable.from([Buffer.from('%PDF-1.7\n')]), filename: 'scan.csv' });
      expect((await waitForJob(t.deps, refused.job.id, undefined, 30_000)).status).toBe('failed');
      engine.fault = 'stage';
      const broken = await addResource(t.deps, t.admin, slug, { file: Readable.from([await readFile(await dhsSlice(20))]), filename: 'dhs-20.csv' });
      expect((await waitForJob(t.deps, broken.job.id, undefined, 30_000)).status).toBe('dead');
      await new Promise((r) => setTimeout(r, 200));
      expect(info.filter((o) => o.job === refused.job.id)).toEqual([expect.objectContaining({ code: 'bad_file', err: expect.stringMatching(/^This is a PDF/) })]);
      expect(info.filter((o) => 'stack' in o)).toEqual([]);
      expect(errors.filter((o) => o.job === refused.job.id)).toEqual([]);
      expect(errors.filter((o) => o.job === broken.job.id)).toEqual([expect.objectContaining({ err: 'injected: the staging table vanished', stack: expect.stringContaining('injected') })]);
    } finally {
      await worker.stop();
      await t.plaza.worker.start();
    }
  });

  it('ends a job of a kind no handler is registered for, saying so on the job', async () => {
    await t.plaza.worker.stop();
    const worker = new JobWorker(() => t.deps, {}, { info: () => undefined, error: () => undefined }, { owner: 'w:1:none', leaseMs: 60_000, maxAttempts: 1, pollMs: 50 });
    await worker.start();
    try {
      const queued = await addResource(t.deps, t.admin, slug, { file: Readable.from([await readFile(await dhsSlice(5))]), filename: 'dhs-5.csv' });
      const done = await waitForJob(t.deps, queued.job.id, undefined, 30_000);
      expect(done.status).toBe('failed');
      expect(done.errors).toEqual([{ row: null, column: null, message: 'No handler for jobs of type "ingest".' }]);
    } finally {
      await worker.stop();
      await t.plaza.worker.start();
    }
  });
});
