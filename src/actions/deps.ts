import type { BlobStore } from '../ports/blob-store.ts';
import type { CatalogStore } from '../ports/catalog-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { ExportWriters } from '../ports/export-writers.ts';
import type { SourcePreparer } from '../ports/source-preparer.ts';
import type { TableEngine } from '../ports/table-engine.ts';

/** The limits actions enforce, taken from the settings. */
export interface Limits {
  maxUploadBytes: number;
  queryTimeoutMs: number;
  fetchTimeoutMs: number;
}

/** What every action may use. Built once in `src/main`, passed explicitly. */
export interface Deps {
  catalog: CatalogStore;
  blobs: BlobStore;
  engine: TableEngine;
  preparer: SourcePreparer;
  exportWriters: ExportWriters;
  clock: Clock;
  limits: Limits;
  newId: () => string;
  /** Tells the worker a job is waiting. */
  notifyJobs: () => void;
}

/** Who is asking. Step 1 knows anonymous readers and holders of an admin token. */
export type Actor = { kind: 'anonymous' } | { kind: 'admin'; tokenId: string; name: string };

export const anonymous: Actor = { kind: 'anonymous' };
