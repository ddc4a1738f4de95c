import type { SharedMigration } from './hooks.ts';

/**
 * Dataset requests and approved showcases join the community search index
 * (ADR 37): every item already posted is indexed again, with the new kinds.
 */
export const requestShowcaseSearch: SharedMigration = {
  async up(db, { reindexCommunitySearch }) {
    await reindexCommunitySearch(db);
  },
};
