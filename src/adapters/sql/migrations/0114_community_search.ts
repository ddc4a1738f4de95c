import type { SharedMigration } from './hooks.ts';

/**
 * The community search index (ADR 37): the community's own known words and
 * their spelling neighbourhoods, for typo tolerance and completions, shaped
 * as the catalog's; then each engine's text index of community items, by
 * kind and item id; then every item already posted is indexed.
 */
export const communitySearch: SharedMigration = {
  async up(db, { types, communitySearchIndex, reindexCommunitySearch }) {
    await db.schema.createTable('community_search_terms').addColumn('term', types.text, (c) => c.primaryKey()).execute();
    await db.schema
      .createTable('community_search_term_variants')
      .addColumn('variant', types.text, (c) => c.notNull())
      .addColumn('term', types.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('community_search_term_variants_pk', ['variant', 'term'])
      .execute();
    await communitySearchIndex(db);
    await reindexCommunitySearch(db);
  },
};
