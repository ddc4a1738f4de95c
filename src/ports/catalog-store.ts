import type { AccountStore } from './store/accounts.ts';
import type { ActivityStore } from './store/activity.ts';
import type { DatasetStore } from './store/datasets.ts';
import type { JobStore } from './store/jobs.ts';
import type { SiteStore } from './store/site.ts';

export type { DatasetListQuery, DatasetPatch, NewVersion, VersionCompletion } from './store/datasets.ts';
export type { UserPatch } from './store/accounts.ts';
export type { ActivityQuery, DeliveryPatch } from './store/activity.ts';
export type { JobPatch } from './store/jobs.ts';

/**
 * The catalog database: datasets and search, accounts, activity and
 * notifications, jobs, and the site's settings. Implementations: SQLite (embedded) and PostgreSQL,
 * both checked by one contract test suite. Every method runs in the store's
 * own transaction unless it is called on the store given to `transaction`.
 */
export interface CatalogStore extends DatasetStore, AccountStore, ActivityStore, JobStore, SiteStore {
  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T>;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
