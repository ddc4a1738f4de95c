import type { UseKind } from '../../domain/program/facts.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { UseCounter as UseCounterPort } from '../../ports/use-counter.ts';
import type { Deps } from '../deps.ts';

type DayCounts = { views: number; downloads: number; apiCalls: number };
const FIELD: Record<UseKind, keyof DayCounts> = { view: 'views', download: 'downloads', api: 'apiCalls' };

/**
 * Counts page views, downloads and API calls in memory and writes them in
 * one go, so that reading a dataset never waits on a write: the dataset's
 * total popularity (every use) and its uses on each UTC day. Held by the
 * composition root; the notifier flushes it every few seconds and at
 * shutdown. Only numbers are held: nothing about who.
 */
export class UseCounter implements UseCounterPort {
  /** Keyed by dataset id and day. */
  private pending = new Map<string, { datasetId: string; day: string } & DayCounts>();

  add(datasetId: string, kind: UseKind = 'view', at: Date = new Date()): void {
    const day = at.toISOString().slice(0, 10);
    const key = `${datasetId}\n${day}`;
    const entry = this.pending.get(key) ?? { datasetId, day, views: 0, downloads: 0, apiCalls: 0 };
    entry[FIELD[kind]] += 1;
    this.pending.set(key, entry);
  }

  /** Writes what was counted; returns how many datasets it touched. Counts that fail to write are kept for the next flush. */
  async flush(store: CatalogStore): Promise<number> {
    if (!this.pending.size) return 0;
    const batch = this.pending;
    this.pending = new Map();
    const totals = new Map<string, number>();
    for (const e of batch.values()) totals.set(e.datasetId, (totals.get(e.datasetId) ?? 0) + e.views + e.downloads + e.apiCalls);
    try {
      await store.transaction(async (tx) => {
        for (const [id, n] of totals) await tx.datasets.addPopularity(id, n);
        for (const e of batch.values()) await tx.program.addUseDay(e);
      });
    } catch (e) {
      for (const [key, entry] of batch) {
        const kept = this.pending.get(key);
        this.pending.set(key, kept ? { ...kept, views: kept.views + entry.views, downloads: kept.downloads + entry.downloads, apiCalls: kept.apiCalls + entry.apiCalls } : entry);
      }
      throw e;
    }
    return totals.size;
  }
}

/** The notifier step that writes the counts. It reports nothing more to do, so a pass runs it once. */
export const popularityStep = {
  name: 'popularity',
  perProcess: true,
  async run(deps: Deps): Promise<number> {
    await deps.uses.flush(deps.catalog);
    return 0;
  },
};
