import type { UseKind } from '../domain/program/facts.ts';
import type { CatalogStore } from './catalog-store.ts';

/**
 * Counts page views, downloads and API calls as they happen and writes them
 * to the catalog in batches: each dataset's popularity, and its uses per UTC
 * day. Only counts are kept, never who used what.
 */
export interface UseCounter {
  /** Counts one use of a dataset (a page view unless `kind` says otherwise) on the UTC day of `at` (now by default); never waits on a write. */
  add(datasetId: string, kind?: UseKind, at?: Date): void;
  /** Writes what was counted; returns how many datasets it touched. Counts that fail to write are kept for the next flush. */
  flush(store: CatalogStore): Promise<number>;
}
