import type { Job } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';
import type { JobRun } from '../jobs/handler.ts';
import { buildTable } from './build-table.ts';
import { failVersion } from './fail-version.ts';
import { startWork, type IngestResult } from './ingest-work.ts';
import { prepareSource } from './prepare-source.ts';
import { publishVersion } from './publish-version.ts';

/**
 * Turns a resource's raw file into a new version: prepare the text
 * (prepare-source.ts), stage it, infer types over whole columns, write
 * Parquet and profile it (build-table.ts), then flip the live version in one
 * catalog transaction (publish-version.ts). On any failure the version is
 * marked failed, its files are removed, and the previous version stays live
 * (fail-version.ts).
 *
 * Run again after a crash or an unexpected failure (ADR 54), it starts over
 * on the same version: its files have the same keys, and the version is made
 * live only in the one transaction that closes the job, so a dataset never
 * gets two versions from one upload, nor a half-written one. An attempt
 * that fails unexpectedly with attempts left leaves the version pending for
 * the next; one whose worker let go of the job leaves everything to the
 * worker that took it.
 */
export async function runIngest(deps: Deps, job: Job, run?: JobRun): Promise<IngestResult | { skipped: string }> {
  const done = await alreadyPublished(deps, job);
  if (done) return done;
  const work = startWork(deps, job);
  try {
    const prepared = await prepareSource(deps, work);
    const built = await buildTable(deps, work, prepared);
    const result = await publishVersion(deps, work, built);
    deps.metrics.ingestFinished({ seconds: result.seconds, rows: result.rows, ok: true });
    return result;
  } catch (caught) {
    deps.metrics.ingestFinished({ seconds: (performance.now() - work.started) / 1000, rows: 0, ok: false });
    throw await failVersion(deps, work, caught, run);
  } finally {
    await work.cleanUp();
  }
}

/** A job whose version was published by an earlier attempt (it cannot be, as the job closes with it; but a retried dead letter could be): closed as it is. */
async function alreadyPublished(deps: Deps, job: Job): Promise<{ skipped: string } | undefined> {
  const versionId = typeof job.payload.versionId === 'string' ? job.payload.versionId : undefined;
  const version = versionId ? await deps.catalog.datasets.getVersion(versionId) : undefined;
  if (version?.status !== 'ready') return undefined;
  await deps.catalog.jobs.updateJob(job.id, { status: 'succeeded', phase: 'done', finishedAt: deps.clock.now().toISOString() });
  return { skipped: `version ${version.number} is already published` };
}
