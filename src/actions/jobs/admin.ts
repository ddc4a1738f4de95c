import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import type { Job } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { queueStats, type QueueStats } from './stats.ts';

/** The statuses the queue's administrators list jobs by. */
export const LISTED_STATUSES = ['queued', 'running', 'dead'] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

/** The most jobs of one status a list shows. */
export const MAX_LISTED = 100;

/** The job queue is for site administrators. */
function requireSiteAdmin(p: Principal, doing: string): void {
  if (!isSiteAdmin(p)) deny(p, `${doing} is for site administrators.`);
}

/** Jobs of one status, for a site administrator: waiting and running ones oldest first, dead letters newest first. */
export async function listJobsFor(deps: Deps, p: Principal, status: ListedStatus, limit = MAX_LISTED): Promise<Job[]> {
  requireSiteAdmin(p, 'The job queue');
  return deps.catalog.jobs.listJobs(status, Math.min(Math.max(1, limit), MAX_LISTED));
}

/** What the queue page shows: the figures, the running jobs with who holds them, and the dead letters. */
export interface QueueView {
  stats: QueueStats;
  running: Job[];
  dead: Job[];
}

export async function queueViewFor(deps: Deps, p: Principal): Promise<QueueView> {
  requireSiteAdmin(p, 'The job queue');
  const [stats, running, dead] = await Promise.all([queueStats(deps), deps.catalog.jobs.listJobs('running', MAX_LISTED), deps.catalog.jobs.listJobs('dead', MAX_LISTED)]);
  return { stats, running, dead };
}

/** Queues a dead letter again with its attempts back at zero, for a site administrator; a worker takes it at once. */
export async function retryDeadJob(deps: Deps, p: Principal, id: string): Promise<Job> {
  requireSiteAdmin(p, 'Retrying a job');
  const job = await deps.catalog.jobs.getJob(id);
  if (!job) throw notFound('Job', id);
  if (!(await deps.catalog.jobs.reviveJob(id, deps.clock.now().toISOString()))) {
    throw new AppError('conflict', `Only a dead job can be retried; this one is ${job.status}.`);
  }
  deps.signals.send('job-queued');
  return (await deps.catalog.jobs.getJob(id)) ?? job;
}
