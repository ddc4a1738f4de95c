import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { UseCounter as UseCounterPort } from '../../ports/use-counter.ts';
import type { Deps } from '../deps.ts';

/**
 * Counts page views and downloads in memory and writes them in one go, so
 * that reading a dataset never waits on a write. Held by the composition
 * root; the notifier flushes it every few seconds and at shutdown.
 */
export class UseCounter implements UseCounterPort {
  private pending = new Map<string, number>();

  add(datasetId: string): void {
    this.pending.set(datasetId, (this.pending.get(datasetId) ?? 0) + 1);
  }

  /** Writes what was counted; returns how many datasets it touched. Counts that fail to write are kept for the next flush. */
  async flush(store: CatalogStore): Promise<number> {
    if (!this.pending.size) return 0;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await store.transaction(async (tx) => {
        for (const [id, n] of batch) await tx.datasets.addPopularity(id, n);
      });
    } catch (e) {
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw e;
    }
    return batch.size;
  }
}

/** The notifier step that writes the counts. It reports nothing more to do, so a pass runs it once. */
export const popularityStep = {
  name: 'popularity',
  async run(deps: Deps): Promise<number> {
    await deps.uses.flush(deps.catalog);
    return 0;
  },
};
