import type { Deps } from '../deps.ts';

/** Readiness: resolves when the catalog database answers, and fails as it does otherwise. */
export async function checkReady(deps: Deps): Promise<void> {
  await deps.catalog.ping();
}
