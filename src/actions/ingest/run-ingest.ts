import { join } from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { IngestIssue, Job } from '../../domain/catalog/types.ts';
import { noRowsIssues } from '../../domain/ingest/no-rows.ts';
import type { ScratchDir } from '../../ports/scratch.ts';
import type { IngestSession } from '../../ports/table-engine.ts';
import { nextDueAt } from '../../domain/catalog/freshness.ts';
import { recordActivity } from '../activity/record.ts';
import { seedDictionary } from '../catalog/dictionary.ts';
import type { Deps } from '../deps.ts';
import type { IngestPayload } from './add-resource.ts';

export type IngestPhase = 'preparing' | 'reading' | 'typing' | 'profiling' | 'publishing' | 'done' | 'failed';

export interface IngestResult extends Record<string, unknown> {
  versionId: string;
  versionNumber: number;
  rows: number;
  rejected: number;
  columns: number;
  seconds: number;
}

/**
 * Turns a resource's raw file into a new version: prepare the text, stage it,
 * infer types over whole columns, write Parquet, profile, then flip the live
 * version in one catalog transaction. On any failure the version is marked
 * failed, its files are removed, and the previous version stays live.
 */
export async function runIngest(deps: Deps, job: Job): Promise<IngestResult> {
  const p = job.payload as IngestPayload;
  const started = performance.now();
  const phase = (name: IngestPhase, extra: { rowsRead?: number; rowsRejected?: number; errors?: IngestIssue[] } = {}) =>
    deps.catalog.jobs.updateJob(job.id, { phase: name, ...extra });
  const dataKey = `versions/${p.datasetId}/${p.versionId}/data.parquet`;
  const rejectsKey = `versions/${p.datasetId}/${p.versionId}/rejects.csv`;
  let session: IngestSession | undefined;
  let scratch: ScratchDir | undefined;
  // Stops the work when the disk comes down to the space kept free.
  const disk = deps.scratch.watch();
  // Done before the job is marked finished, so a finished job has left nothing behind.
  const cleanUp = async (): Promise<void> => {
    disk.stop();
    await session?.close();
    session = undefined;
    await scratch?.release();
  };
  try {
    const resource = await deps.catalog.datasets.getResource(p.resourceId);
    if (!resource?.blobKey) throw new AppError('not_found', 'The file of this resource is missing.');
    const rawPath = await deps.blobs.localPath(resource.blobKey);
    // Refused before anything is written when the disk cannot hold what the file expands to.
    scratch = await deps.scratch.acquire('ingest', { needBytes: await deps.preparer.scratchNeeded(rawPath, deps.limits) });
    await phase('preparing');
    const prepared = await deps.preparer.prepare(rawPath, p.filename, scratch.path, { limits: deps.limits, signal: disk.signal, ...(p.options.sheet ? { sheet: p.options.sheet } : {}) });
    await phase('reading');
    session = await deps.engine.openIngest({ maxRows: deps.limits.maxRows, signal: disk.signal });
    const staged = await session.stage(prepared);
    await phase('typing', { rowsRead: staged.rowCount + staged.rejected.length, rowsRejected: staged.rejected.length, errors: staged.warnings });
    const dataPath = join(scratch.path, 'data.parquet');
    const written = await session.write(staged, p.options.types, p.options.policy, dataPath);
    written.warnings.push(...noRowsIssues(written.rowCount, written.rejectedCount));
    await phase('profiling', { rowsRead: written.rowCount + written.rejectedCount, rowsRejected: written.rejectedCount, errors: [...written.warnings, ...written.rejected] });
    const profile = await session.profile(dataPath, written.columns);
    let hasRejects = false;
    if (written.rejectedCount > 0) {
      const rejectsPath = join(scratch.path, 'rejects.csv');
      await session.writeRejects(rejectsPath);
      await deps.blobs.putFile(rejectsKey, rejectsPath, { move: true });
      hasRejects = true;
    }
    await phase('publishing');
    await deps.blobs.putFile(dataKey, dataPath, { move: true });
    const now = deps.clock.now().toISOString();
    const seconds = (performance.now() - started) / 1000;
    const number = (await deps.catalog.datasets.getVersion(p.versionId))?.number ?? 0;
    const result: IngestResult = { versionId: p.versionId, versionNumber: number, rows: written.rowCount, rejected: written.rejectedCount, columns: written.columns.length, seconds };
    await cleanUp();
    await deps.catalog.transaction(async (tx) => {
      await tx.datasets.completeVersion(
        p.versionId,
        {
          rowCount: written.rowCount,
          rejectedCount: written.rejectedCount,
          columns: written.columns,
          profile,
          source: staged.source,
          warnings: [...written.warnings, ...written.rejected.map(({ record: _record, ...issue }) => issue)].slice(0, 100),
          dataKey,
          rejectsKey: hasRejects ? rejectsKey : null,
        },
        now,
      );
      await tx.datasets.setLiveVersion(p.datasetId, p.versionId, now);
      const dataset = await tx.datasets.getDataset(p.datasetId);
      const live = await tx.datasets.getVersion(p.versionId);
      if (dataset && live) {
        await seedDictionary(tx, dataset.id, live);
        await tx.datasets.updateDataset(dataset.id, { nextDueAt: nextDueAt(dataset) });
        await recordActivity(deps, tx, { system: 'Plaza' }, {
          verb: 'version.published',
          datasetId: dataset.id,
          organizationId: dataset.organizationId,
          summary: `loaded version ${number}: ${written.rowCount.toLocaleString('en-US')} rows from ${p.filename}`,
          details: { version: number, rows: written.rowCount, rejected: written.rejectedCount },
        });
      }
      await tx.jobs.updateJob(job.id, { status: 'succeeded', phase: 'done', result, finishedAt: now });
    });
    return result;
  } catch (caught) {
    // Work stopped for a full disk says so, not how the engine was interrupted.
    const e: unknown = disk.signal.aborted ? disk.signal.reason : caught;
    const message = e instanceof AppError ? e.message : `The ingest failed: ${(e as Error).message}`;
    const problems = e instanceof AppError && Array.isArray(e.details?.problems) ? (e.details.problems as IngestIssue[]) : [];
    const now = deps.clock.now().toISOString();
    await cleanUp().catch(() => undefined);
    await deps.blobs.delete(dataKey).catch(() => undefined);
    await deps.blobs.delete(rejectsKey).catch(() => undefined);
    await deps.catalog.transaction(async (tx) => {
      await tx.datasets.failVersion(p.versionId, message, now);
      const dataset = await tx.datasets.getDataset(p.datasetId);
      if (dataset) await recordActivity(deps, tx, { system: 'Plaza' }, { verb: 'version.failed', datasetId: dataset.id, organizationId: dataset.organizationId, summary: `could not load ${p.filename}: ${message}`, details: { version: p.versionId } });
      await tx.jobs.updateJob(job.id, {
        status: 'failed',
        phase: 'failed',
        errors: [{ row: null, column: null, message }, ...problems].slice(0, 101),
        result: { versionId: p.versionId, error: message, code: e instanceof AppError ? e.code : 'internal' },
        finishedAt: now,
      });
    });
    throw e;
  } finally {
    await cleanUp();
  }
}
