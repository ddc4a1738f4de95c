import { sql, type Kysely, type Migration } from 'kysely';
import { reindexSearch } from '../sql/migrations/reindex-search.ts';
import { postgresSearch } from './search.ts';

/**
 * The PostgreSQL search index: one weighted `tsvector` per dataset (`english`
 * configuration) under a GIN index; a pattern index on the known words, for
 * completions of the last word typed; the spelling neighbourhood of every
 * known word, for typo tolerance; and a covering index for facet counting.
 * Datasets already in the catalog are indexed here. (Why no pg_trgm: see
 * docs/adr/0007-catalog-search.md.)
 */
export const postgresSearchMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE search_docs (dataset_id text PRIMARY KEY, document tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX search_docs_document ON search_docs USING gin (document)`.execute(db);
    await sql`CREATE INDEX search_terms_prefix ON search_terms (term text_pattern_ops)`.execute(db);
    await sql`CREATE TABLE search_term_variants (variant text NOT NULL, term text NOT NULL, PRIMARY KEY (variant, term))`.execute(db);
    await sql`CREATE INDEX search_facets_doc ON search_facets (dataset_id, facet, value)`.execute(db);
    await reindexSearch(db, postgresSearch);
  },
};
