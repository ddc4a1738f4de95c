import type { SharedMigration } from './hooks.ts';

/**
 * Links from a problem to the datasets (later requests and projects) that
 * bear on it: one per problem, kind and target (the key makes a second link
 * a no-op), with who linked it and when.
 */
export const problemLinks: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('problem_links')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('target_id', types.text, (c) => c.notNull())
      .addColumn('linked_by', types.text, (c) => c.notNull())
      .addColumn('linked_at', types.instant, (c) => c.notNull())
      .addUniqueConstraint('problem_links_unique', ['problem_id', 'kind', 'target_id'])
      .execute();
    await db.schema.createIndex('problem_links_target').on('problem_links').columns(['kind', 'target_id']).execute();
  },
};
