import type { IngestIssue } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps } from '../deps.ts';
import type { JobRun } from '../jobs/handler.ts';
import type { IngestWork } from './ingest-work.ts';

/**
 * When any phase fails: removes the version's files, marks the version
 * failed (the previous one stays live), records the activity and closes the
 * job with the reason. Returns the error to throw: work stopped for a full
 * disk says so, not how the engine was interrupted.
 *
 * Not when another attempt follows (ADR 54): an unexpected failure with
 * attempts left only gives back what this attempt held and removes its
 * files, the version staying pending; and a job this worker let go of
 * (handed back at shutdown, or taken by another worker) is left alone.
 */
export async function failVersion(deps: Deps, work: IngestWork, caught: unknown, run?: JobRun): Promise<unknown> {
  const p = work.payload;
  const e: unknown = work.disk.signal.aborted ? work.disk.signal.reason : caught;
  if (run?.signal.aborted) {
    await work.cleanUp().catch(() => undefined);
    return e;
  }
  if (run && !run.lastAttempt && !(e instanceof AppError && e.final)) {
    await work.cleanUp().catch(() => undefined);
    await deps.blobs.delete(work.dataKey).catch(() => undefined);
    await deps.blobs.delete(work.rejectsKey).catch(() => undefined);
    return e;
  }
  const message = e instanceof AppError ? e.message : `The ingest failed: ${(e as Error).message}`;
  const problems = e instanceof AppError && Array.isArray(e.details?.problems) ? (e.details.problems as IngestIssue[]) : [];
  const now = deps.clock.now().toISOString();
  await work.cleanUp().catch(() => undefined);
  await deps.blobs.delete(work.dataKey).catch(() => undefined);
  await deps.blobs.delete(work.rejectsKey).catch(() => undefined);
  await deps.catalog.transaction(async (tx) => {
    await tx.datasets.failVersion(p.versionId, message, now);
    const dataset = await tx.datasets.getDataset(p.datasetId);
    if (dataset) await recordActivity(deps, tx, { system: 'Plaza' }, { verb: 'version.failed', datasetId: dataset.id, organizationId: dataset.organizationId, summary: `could not load ${p.filename}: ${message}`, details: { version: p.versionId } });
    // An unexpected failure on the last attempt: the worker sets the job aside as a dead letter, with these errors.
    const deadLetter = run !== undefined && !(e instanceof AppError && e.final);
    await tx.jobs.updateJob(work.job.id, {
      ...(deadLetter ? {} : { status: 'failed' as const, finishedAt: now }),
      phase: 'failed',
      errors: [{ row: null, column: null, message }, ...problems].slice(0, 101),
      result: { versionId: p.versionId, error: message, code: e instanceof AppError ? e.code : 'internal' },
    });
  });
  work.progressed();
  return e;
}
