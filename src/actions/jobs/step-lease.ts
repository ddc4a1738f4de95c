import type { Deps } from '../deps.ts';

/**
 * Background steps (mail, webhooks, digests…) run by one worker at a time
 * (ADR 54): the notifier (`jobs/notifier.ts`) takes a step's lease before it
 * runs it, renews it while it runs, and lets it go after.
 */

/** Takes or renews the lease of step `name` for `owner` for `leaseMs`; false when another worker holds it. */
export function claimStep(deps: Deps, name: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = deps.clock.now();
  return deps.catalog.jobs.claimStep(name, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
}

/** Lets step `name` go, so the next worker to pass runs it. */
export function releaseStep(deps: Deps, name: string, owner: string): Promise<void> {
  return deps.catalog.jobs.releaseStep(name, owner);
}
