import type { SharedMigration } from './hooks.ts';

/**
 * Uses of each dataset per UTC day: page views, downloads and API calls,
 * counted in aggregate. Nothing says who: no user, address or session is
 * kept, only the three numbers for a dataset and a day.
 */
export const datasetUseDays: SharedMigration = {
  async up(db, { types }) {
    await db.schema
      .createTable('dataset_use_days')
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      // The UTC day, as YYYY-MM-DD.
      .addColumn('day', types.text, (c) => c.notNull())
      .addColumn('views', types.count, (c) => c.notNull().defaultTo(0))
      .addColumn('downloads', types.count, (c) => c.notNull().defaultTo(0))
      .addColumn('api_calls', types.count, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('dataset_use_days_pk', ['dataset_id', 'day'])
      .execute();
    await db.schema.createIndex('dataset_use_days_day').on('dataset_use_days').columns(['day']).execute();
  },
};
