import type { SharedMigration } from './hooks.ts';

/**
 * Showcases: what people built with the data, waiting for a moderator until
 * approved, and the datasets each uses (gone with the dataset).
 */
export const showcases: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('showcases')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('description', types.text, (c) => c.notNull())
      .addColumn('link', types.text, (c) => c.notNull())
      .addColumn('made_by', types.text, (c) => c.notNull())
      .addColumn('image', types.text)
      .addColumn('image_alt', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('state', types.text, (c) => c.notNull())
      .addColumn('state_reason', types.text)
      .addColumn('author_id', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('showcases_state').on('showcases').columns(['state', 'seq']).execute();
    await db.schema.createIndex('showcases_author').on('showcases').columns(['author_id']).execute();

    await db.schema
      .createTable('showcase_datasets')
      .addColumn('showcase_id', types.text, (c) => c.notNull().references('showcases.id').onDelete('cascade'))
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('showcase_datasets_pk', ['showcase_id', 'dataset_id'])
      .execute();
    await db.schema.createIndex('showcase_datasets_dataset').on('showcase_datasets').columns(['dataset_id']).execute();
  },
};
