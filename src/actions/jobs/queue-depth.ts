import type { Deps } from '../deps.ts';

/** The job queue as `/metrics` shows it. */
export interface QueueDepth {
  queued: number;
  running: number;
  /** Dead letters: none until the queue sets jobs aside after their last attempt. */
  dead: number;
  oldestQueuedAgeSeconds: number;
}

/** How many jobs wait and run, and how long the oldest waiting one has waited. */
export async function queueDepth(deps: Deps): Promise<QueueDepth> {
  const c = await deps.catalog.jobs.queueCounts();
  const age = c.oldestQueuedAt ? Math.max(0, (deps.clock.now().getTime() - Date.parse(c.oldestQueuedAt)) / 1000) : 0;
  return { queued: c.queued, running: c.running, dead: 0, oldestQueuedAgeSeconds: age };
}
