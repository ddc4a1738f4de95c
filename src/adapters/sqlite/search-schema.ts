import { sql, type Kysely, type Migration } from 'kysely';
import { reindexSearch } from '../sql/migrations/reindex-search.ts';
import { sqliteSearch } from './search.ts';

/**
 * The SQLite search index: a contentless FTS5 table over each dataset's text
 * (Porter stemming, diacritics folded), keyed by `search_docs`; the spelling
 * neighbourhood of every known word, for typo tolerance; and a covering index
 * for facet counting. Datasets already in the catalog are indexed here.
 */
export const sqliteSearchMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, dataset_id TEXT NOT NULL UNIQUE)`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, columns, organization, description, other,
      content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`CREATE TABLE search_term_variants (variant TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (variant, term)) WITHOUT ROWID`.execute(db);
    await sql`CREATE INDEX search_facets_doc ON search_facets (dataset_id, facet, value)`.execute(db);
    await reindexSearch(db, sqliteSearch);
  },
};

/**
 * The FTS5 table for text stemmed before it is stored (ADR 20): the same
 * columns, tokenized by `unicode61` alone (the text is folded already), with
 * the entries of the Porter-stemmed table dropped for a reindex.
 */
export async function sqliteStemmedSearchText(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE search_fts`.execute(db);
  await sql`DELETE FROM search_docs`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, columns, organization, description, other,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
}
