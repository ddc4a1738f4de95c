import type { Kysely } from 'kysely';
import type { Dataset, Job } from '../../domain/catalog/types.ts';
import type { SearchQuery, SearchResult } from '../../domain/catalog/search.ts';
import type { CommunitySearchEngine } from './community-search/types.ts';
import type { CatalogDb } from './schema.ts';
import type { JobClaim } from '../../ports/store/jobs.ts';

export type Db = Kysely<CatalogDb>;

/** The catalog search as one database does it; the rest of the store is shared SQL. */
export interface SearchEngine {
  /** Rebuilds one dataset's entry in the index (inside the caller's transaction); removes it when the dataset is gone. */
  index(db: Db, datasetId: string): Promise<void>;
  search(db: Db, query: SearchQuery): Promise<SearchResult<Dataset>>;
}

/** What differs between SQLite and PostgreSQL. */
export interface SqlDialect {
  name: 'sqlite' | 'postgres';
  /** Takes the oldest due job atomically (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one UPDATE…RETURNING). */
  claimJob(db: Db, claim: JobClaim): Promise<Job | undefined>;
  search: SearchEngine;
  /** The community search index (problems, and other kinds as they join). */
  communitySearch: CommunitySearchEngine;
}
