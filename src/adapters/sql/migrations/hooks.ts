import type { Kysely } from 'kysely';
import type { SerialKey } from '../ddl.ts';

/**
 * The column types a shared migration writes, named by what a column holds.
 * Most are the same on both databases, because the one set of queries reads
 * them the same way (ADR 6): JSON is text the store parses, instants are ISO
 * 8601 UTC text (which sorts as time does), flags are 0/1 integers.
 */
export interface ColumnTypes {
  text: 'text';
  /** A list or an object, as JSON text; default `'[]'` or `'{}'`. */
  json: 'text';
  /** An instant, as ISO 8601 text in UTC. */
  instant: 'text';
  /** A yes/no, as 0 or 1; default 0 or 1. */
  flag: 'integer';
  /** A small whole number (a position, a version number). */
  integer: 'integer';
  /** A count or a size that may pass 2^31 (rows, bytes, views): PostgreSQL `bigint`; SQLite's INTEGER is 64-bit already. */
  count: 'integer' | 'bigint';
}

/** What a shared migration asks of the database it runs on, where SQLite and PostgreSQL differ. */
export interface SchemaHooks {
  types: ColumnTypes;
  /** An auto-increment integer primary key (SQLite: AUTOINCREMENT; PostgreSQL: an identity column). */
  serialKey: SerialKey;
  /**
   * Rebuilds every dataset's search entry (SQLite: FTS5; PostgreSQL:
   * `tsvector`), for a migration that changes what the search reads.
   */
  reindexSearch(db: Kysely<unknown>): Promise<void>;
  /**
   * Makes the engine's text index take text the store has stemmed itself, in
   * every language search knows, and empties it for `reindexSearch` (SQLite:
   * FTS5 made again without its Porter stemmer; PostgreSQL stems with its own
   * text search configurations and has nothing to change).
   */
  stemmedSearchText(db: Kysely<unknown>): Promise<void>;
  /**
   * Makes the engine's community search tables, beside the shared ones
   * (SQLite: FTS5 and the row ids naming kind and item; PostgreSQL: a
   * `tsvector` per kind and item under a GIN index, and a pattern index on
   * the community's known words).
   */
  communitySearchIndex(db: Kysely<unknown>): Promise<void>;
  /** Rebuilds every community item's entry, for a migration that changes what community search reads. */
  reindexCommunitySearch(db: Kysely<unknown>): Promise<void>;
}

/** A migration written once for both databases: the same steps, with the hooks for what differs. */
export interface SharedMigration {
  up(db: Kysely<unknown>, hooks: SchemaHooks): Promise<void>;
}
