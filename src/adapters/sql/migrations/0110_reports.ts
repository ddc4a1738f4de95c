import type { SharedMigration } from './hooks.ts';

/**
 * Reports of community items. `open_key` is `kind:item:reporter` while a
 * report is open and null once resolved: its unique index allows one open
 * report per person and item (nulls never collide), on both databases.
 */
export const reports: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('reports')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('item_id', types.text, (c) => c.notNull())
      .addColumn('reporter_id', types.text, (c) => c.notNull())
      .addColumn('reason', types.text, (c) => c.notNull())
      .addColumn('note', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('open_key', types.text)
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('resolved_at', types.instant)
      .addColumn('resolution', types.text)
      .addColumn('resolved_by', types.text)
      .execute();
    await db.schema.createIndex('reports_open_key').on('reports').column('open_key').unique().execute();
    await db.schema.createIndex('reports_item').on('reports').columns(['kind', 'item_id', 'seq']).execute();
  },
};
