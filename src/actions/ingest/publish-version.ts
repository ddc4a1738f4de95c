import { nextDueAt } from '../../domain/catalog/freshness.ts';
import { recordActivity } from '../activity/record.ts';
import { seedDictionary } from '../catalog/dictionary.ts';
import type { Deps } from '../deps.ts';
import type { BuiltTable } from './build-table.ts';
import type { IngestResult, IngestWork } from './ingest-work.ts';

/**
 * Phase 5, publishing: moves the Parquet file into the blob store, gives back
 * the scratch space, then in one catalog transaction completes the version,
 * makes it live, seeds its dictionary, records the activity and closes the job.
 */
export async function publishVersion(deps: Deps, work: IngestWork, built: BuiltTable): Promise<IngestResult> {
  const p = work.payload;
  const { staged, written, profile } = built;
  await work.phase('publishing');
  await deps.blobs.putFile(work.dataKey, built.dataPath, { move: true });
  const now = deps.clock.now().toISOString();
  const seconds = (performance.now() - work.started) / 1000;
  const number = (await deps.catalog.datasets.getVersion(p.versionId))?.number ?? 0;
  const result: IngestResult = { versionId: p.versionId, versionNumber: number, rows: written.rowCount, rejected: written.rejectedCount, columns: written.columns.length, seconds };
  // Done before the job is marked finished, so a finished job has left nothing behind.
  await work.cleanUp();
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
        dataKey: work.dataKey,
        rejectsKey: built.hasRejects ? work.rejectsKey : null,
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
    await tx.jobs.updateJob(work.job.id, { status: 'succeeded', phase: 'done', result, finishedAt: now });
  });
  work.progressed();
  return result;
}
