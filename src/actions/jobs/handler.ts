import type { Job } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';

/**
 * Runs one claimed job of a kind (ingest, and later harvest, compaction…) to
 * its end, recording its progress and outcome on the job. A thrown error is
 * logged by the worker; the job's own record says what users see.
 */
export type JobHandler = (deps: Deps, job: Job) => Promise<unknown>;
