import type { Job } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';

/**
 * The job queue as a worker sees it. Workers (`jobs/worker.ts`) take and
 * settle jobs through these actions, never through the catalog store.
 */

/** Jobs a stopped process left running are queued again; returns how many. */
export function requeueInterrupted(deps: Deps): Promise<number> {
  return deps.catalog.jobs.requeueRunningJobs();
}

/** Claims the oldest queued job for this worker, or none. */
export async function claimNextJob(deps: Deps): Promise<Job | undefined> {
  return (await deps.catalog.jobs.claimJob(deps.clock.now().toISOString())) ?? undefined;
}

/** Ends a job no handler is registered for, saying so on the job. */
export async function failUnknownKind(deps: Deps, job: Job): Promise<void> {
  await deps.catalog.jobs.updateJob(job.id, { status: 'failed', phase: 'failed', errors: [{ row: null, column: null, message: `No handler for jobs of type "${job.type}".` }] });
}
