import type { Job } from '../../domain/catalog/types.ts';

export type JobPatch = Partial<Pick<Job, 'status' | 'phase' | 'rowsRead' | 'rowsRejected' | 'errors' | 'result' | 'startedAt' | 'finishedAt'>>;

/** The background job queue. */
export interface JobStore {
  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  /** Takes the oldest queued job, marking it running; undefined when none waits. Safe with several workers. */
  claimJob(at: string): Promise<Job | undefined>;
  /** Jobs left running by a process that stopped: put back in the queue. */
  requeueRunningJobs(): Promise<number>;
  /** How many jobs wait and run, and when the oldest waiting one was queued (null when none waits). */
  queueCounts(): Promise<{ queued: number; running: number; oldestQueuedAt: string | null }>;
}
