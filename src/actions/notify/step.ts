import type { Deps } from '../deps.ts';

/**
 * One kind of background work: sending due mail, fanning out new activity,
 * delivering webhooks, composing digests, writing counted views. Returns how
 * many items it handled; a full batch means there may be more.
 */
export interface NotifyStep {
  name: string;
  run(deps: Deps): Promise<number>;
}
