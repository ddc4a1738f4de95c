import type { Deps } from '../deps.ts';

/** The job queue in figures, for metrics and the admin page. */
export interface QueueStats {
  /** Jobs waiting, including those waiting for their next attempt. */
  queued: number;
  running: number;
  /** Dead letters: jobs whose every attempt failed, waiting for an administrator. */
  dead: number;
  /** How long the oldest job that may run now has waited, in seconds; 0 when none waits. */
  oldestQueuedAgeSeconds: number;
}

/** Counts the queue. No authorization: metrics and the admin page's own action decide who sees it. */
export async function queueStats(deps: Pick<Deps, 'catalog' | 'clock'>): Promise<QueueStats> {
  const now = deps.clock.now();
  const c = await deps.catalog.jobs.jobCounts(now.toISOString());
  const oldest = c.oldestQueuedAt ? Math.max(0, (now.getTime() - Date.parse(c.oldestQueuedAt)) / 1000) : 0;
  return { queued: c.queued, running: c.running, dead: c.dead, oldestQueuedAgeSeconds: oldest };
}
