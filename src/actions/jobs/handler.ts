import type { Job } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';

/** What a handler knows of the attempt it runs. */
export interface JobRun {
  /**
   * Aborted when this worker no longer holds the job: it was handed back at
   * shutdown, or another worker took it after the lease ran out. A handler
   * then stops writing what it would undo for the next attempt (ADR 54).
   */
  signal: AbortSignal;
  /** No attempt follows this one if it fails unexpectedly: the handler records its failure for users. */
  lastAttempt: boolean;
}

/**
 * Runs one claimed job of a kind (ingest, harvest…) to its end, recording
 * its progress and outcome on the job. Runs at least once, and again after a
 * worker died or an unexpected failure, so a second run must not repeat what
 * the first one finished. An `AppError` marked `expected` (a file the job
 * refuses) ends it; any other error is retried while attempts are left.
 */
export type JobHandler = (deps: Deps, job: Job, run: JobRun) => Promise<unknown>;
