import type { Job, JobStatus } from '../../domain/catalog/types.ts';

export type JobPatch = Partial<Pick<Job, 'status' | 'phase' | 'rowsRead' | 'rowsRejected' | 'errors' | 'result' | 'startedAt' | 'finishedAt'>>;

/** What a worker asks for when it takes a job. */
export interface JobClaim {
  /** The worker taking it (`host:pid:random`). */
  owner: string;
  /** Now, as ISO 8601. */
  at: string;
  /** When its lease runs out unless renewed. */
  leaseUntil: string;
  /** A job whose lease ran out after this many attempts is set aside as dead rather than taken again. */
  maxAttempts: number;
}

/** The queue in figures, for the admin page and metrics. */
export interface JobCounts {
  queued: number;
  running: number;
  dead: number;
  /** When the oldest job waiting now was queued (or became due again), or null when none waits. */
  oldestQueuedAt: string | null;
}

/** The background job queue, shared by every worker on the catalog (ADR 54). */
export interface JobStore {
  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  /**
   * Takes the oldest job that is due, for one owner: a queued job whose
   * `runAfter` has come, or a running job whose lease ran out (its worker
   * stopped answering). The taker holds it until `leaseUntil`, and its
   * attempts go up by one. A job whose lease ran out with no attempts left
   * becomes dead instead. Undefined when none is due. Safe with several workers.
   */
  claimJob(claim: JobClaim): Promise<Job | undefined>;
  /** Extends the lease of a job `owner` holds; false when it holds it no longer. */
  renewJobLease(id: string, owner: string, until: string): Promise<boolean>;
  /**
   * Settles a job `owner` holds: `queued` (not before `runAfter`, attempts
   * kept, or one fewer with `uncount`: a job handed back at shutdown), `dead`
   * (with its errors), or — when its handler already wrote its outcome —
   * just the end of the hold. False when `owner` holds it no longer.
   */
  settleJob(id: string, owner: string, outcome: JobSettlement): Promise<boolean>;
  /** Jobs of one status, oldest first (dead letters: newest first). */
  listJobs(status: JobStatus, limit: number): Promise<Job[]>;
  /** A dead job queued again with its attempts back at 0; false when it is not dead. */
  reviveJob(id: string, at: string): Promise<boolean>;
  jobCounts(at: string): Promise<JobCounts>;
  /**
   * Takes the lease of a background step (`mail`, `webhooks`…) until
   * `until`, when no other owner holds it now; true when `owner` holds it.
   */
  claimStep(name: string, owner: string, at: string, until: string): Promise<boolean>;
  /** Lets a step go, when `owner` holds it. */
  releaseStep(name: string, owner: string): Promise<void>;
}

export type JobSettlement =
  | { status: 'queued'; runAfter: string | null; errors?: Job['errors']; uncount?: boolean }
  | { status: 'dead'; at: string; errors: Job['errors'] }
  | { status: 'settled'; at: string };
