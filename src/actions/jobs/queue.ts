import type { Job } from '../../domain/catalog/types.ts';
import { jobRetryDelayMs } from '../../domain/catalog/job-retry.ts';
import type { Deps } from '../deps.ts';

/**
 * The job queue as a worker sees it (ADR 54). Workers (`jobs/worker.ts`)
 * take, renew and settle jobs through these actions, never through the
 * catalog store.
 */

/** Who takes jobs, and on what terms. */
export interface JobHolder {
  /** `host:pid:random`, new for each process. */
  owner: string;
  leaseMs: number;
  maxAttempts: number;
}

/** What happened to a job whose handler failed unexpectedly. */
export type FailureOutcome = { kind: 'retry'; runAfter: string } | { kind: 'dead' } | { kind: 'lost' };

const until = (deps: Deps, ms: number): string => new Date(deps.clock.now().getTime() + ms).toISOString();

/** Takes the oldest due job for this worker (a queued one, or one whose worker stopped answering), or none. */
export async function claimNextJob(deps: Deps, h: JobHolder): Promise<Job | undefined> {
  const at = deps.clock.now().toISOString();
  return (await deps.catalog.jobs.claimJob({ owner: h.owner, at, leaseUntil: until(deps, h.leaseMs), maxAttempts: h.maxAttempts })) ?? undefined;
}

/** Extends this worker's lease on a job it runs; false when another worker has taken it since. */
export function renewJobLease(deps: Deps, h: JobHolder, job: Job): Promise<boolean> {
  return deps.catalog.jobs.renewJobLease(job.id, h.owner, until(deps, h.leaseMs));
}

/** Ends this worker's hold on a job its handler ran to its end (closing it as succeeded if the handler did not say). */
export function finishJob(deps: Deps, h: JobHolder, job: Job): Promise<boolean> {
  return deps.catalog.jobs.settleJob(job.id, h.owner, { status: 'settled', at: deps.clock.now().toISOString() });
}

/**
 * A job whose handler failed unexpectedly: queued again after a growing,
 * jittered wait while it has attempts left, else set aside as dead. Its
 * errors keep what each attempt said.
 */
export async function failJob(deps: Deps, h: JobHolder, job: Job, err: unknown, random: () => number = Math.random): Promise<FailureOutcome> {
  const attempts = job.attempts ?? 1;
  const now = deps.clock.now();
  const current = (await deps.catalog.jobs.getJob(job.id)) ?? job;
  const message = `Attempt ${attempts} of ${h.maxAttempts} failed: ${err instanceof Error ? err.message : String(err)}`;
  const errors = [...current.errors, { row: null, column: null, message }].slice(-101);
  if (attempts < h.maxAttempts) {
    const runAfter = new Date(now.getTime() + jobRetryDelayMs(attempts, random)).toISOString();
    return (await deps.catalog.jobs.settleJob(job.id, h.owner, { status: 'queued', runAfter, errors })) ? { kind: 'retry', runAfter } : { kind: 'lost' };
  }
  return (await deps.catalog.jobs.settleJob(job.id, h.owner, { status: 'dead', at: now.toISOString(), errors })) ? { kind: 'dead' } : { kind: 'lost' };
}

/** Gives back a job this worker is stopping before it ends: queued for the next worker at once, the attempt not counted. */
export function handBackJob(deps: Deps, h: JobHolder, job: Job): Promise<boolean> {
  return deps.catalog.jobs.settleJob(job.id, h.owner, { status: 'queued', runAfter: null, uncount: true });
}

/** Ends a job no handler is registered for, saying so on the job. */
export async function failUnknownKind(deps: Deps, h: JobHolder, job: Job): Promise<void> {
  await deps.catalog.jobs.updateJob(job.id, { status: 'failed', phase: 'failed', errors: [{ row: null, column: null, message: `No handler for jobs of type "${job.type}".` }], finishedAt: deps.clock.now().toISOString() });
  await finishJob(deps, h, job);
}

/** The request a new job is queued by, for its `requestId` (nothing outside a request). */
export function queuedBy(deps: Pick<Deps, 'trace'>): { requestId?: string } {
  const requestId = deps.trace.requestId();
  return requestId ? { requestId } : {};
}
