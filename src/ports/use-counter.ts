import type { CatalogStore } from './catalog-store.ts';

/** Counts page views and downloads as they happen and writes them to the catalog in batches. */
export interface UseCounter {
  /** Counts one use of a dataset; never waits on a write. */
  add(datasetId: string): void;
  /** Writes what was counted; returns how many datasets it touched. Counts that fail to write are kept for the next flush. */
  flush(store: CatalogStore): Promise<number>;
}
