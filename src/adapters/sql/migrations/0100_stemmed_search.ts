import type { SharedMigration } from './hooks.ts';

/**
 * Search stems English and Spanish on both databases (ADR 20): SQLite's text
 * index takes text stemmed by the store, and every dataset's entry is written
 * again in the languages it declares (all of them when it declares none).
 */
export const stemmedSearch: SharedMigration = {
  async up(db, { stemmedSearchText, reindexSearch }) {
    await stemmedSearchText(db);
    await reindexSearch(db);
  },
};
