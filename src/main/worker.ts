import type { Plaza } from './container.ts';

/**
 * Starts the worker role of a built Plaza: queued jobs (ingest) and the
 * background steps (notifications, digests, mail, counted views, clean-up).
 * Several workers may share one catalog: each job is claimed by one of them.
 */
export async function startWorker(plaza: Plaza): Promise<void> {
  await plaza.worker.start();
}
