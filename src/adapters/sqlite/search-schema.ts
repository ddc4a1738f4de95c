import { sql, type Kysely, type Migration } from 'kysely';

/** The SQLite search index: an FTS5 table over each dataset's text. */
export const sqliteSearchMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(dataset_id UNINDEXED, title, description, keywords, columns, organization, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  },
};
