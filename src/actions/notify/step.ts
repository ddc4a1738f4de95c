import type { Deps } from '../deps.ts';

/**
 * One kind of background work: sending due mail, fanning out new activity,
 * delivering webhooks, composing digests, writing counted views. Returns how
 * many items it handled; a full batch means there may be more.
 */
export interface NotifyStep {
  name: string;
  /**
   * Works on what this process alone keeps (views counted in memory): run by
   * every process, without a lease. Other steps run under a lease, one
   * worker at a time (ADR 54).
   */
  perProcess?: boolean;
  run(deps: Deps): Promise<number>;
}
