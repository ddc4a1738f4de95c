import type { SharedMigration } from './hooks.ts';

/**
 * Data champions: profiles (opt-in, public once published) with their
 * channels and topics as JSON, linked to an account when the person chose
 * to, and the datasets each looks after (gone with the dataset).
 */
export const champions: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('champions')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('slug', types.text, (c) => c.notNull().unique())
      .addColumn('name', types.text, (c) => c.notNull())
      .addColumn('tier', types.text, (c) => c.notNull())
      .addColumn('organization_id', types.text, (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('department', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('topics', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('bio', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('channels', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('user_id', types.text, (c) => c.unique())
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('consent', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('champions_tier').on('champions').columns(['published', 'tier']).execute();

    await db.schema
      .createTable('champion_datasets')
      .addColumn('champion_id', types.text, (c) => c.notNull().references('champions.id').onDelete('cascade'))
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('champion_datasets_pk', ['champion_id', 'dataset_id'])
      .execute();
    await db.schema.createIndex('champion_datasets_dataset').on('champion_datasets').columns(['dataset_id']).execute();
  },
};
