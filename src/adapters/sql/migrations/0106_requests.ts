import type { SharedMigration } from './hooks.ts';

/**
 * Dataset requests: the requests, one vote per account and request (the key
 * makes a second vote a no-op; `votes` is kept by the store in the same
 * transaction), the city's answers in order, and comments.
 */
export const requests: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('requests')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('description', types.text, (c) => c.notNull())
      .addColumn('organization_id', types.text, (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('author_id', types.text)
      .addColumn('status', types.text, (c) => c.notNull())
      .addColumn('status_note', types.text)
      .addColumn('decline_reason', types.text)
      .addColumn('target_date', types.text)
      .addColumn('dataset_id', types.text, (c) => c.references('datasets.id').onDelete('set null'))
      .addColumn('hidden', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('votes', types.count, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('requests_votes').on('requests').columns(['votes', 'seq']).execute();
    await db.schema.createIndex('requests_status').on('requests').columns(['status']).execute();
    await db.schema.createIndex('requests_dataset').on('requests').columns(['dataset_id']).execute();

    await db.schema
      .createTable('request_votes')
      .addColumn('request_id', types.text, (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('user_id', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('request_votes_pk', ['request_id', 'user_id'])
      .execute();
    await db.schema.createIndex('request_votes_user').on('request_votes').columns(['user_id']).execute();

    await db.schema
      .createTable('request_status_changes')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('request_id', types.text, (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('from_status', types.text, (c) => c.notNull())
      .addColumn('to_status', types.text, (c) => c.notNull())
      .addColumn('note', types.text)
      .addColumn('decline_reason', types.text)
      .addColumn('target_date', types.text)
      .addColumn('dataset_id', types.text)
      .addColumn('actor_id', types.text, (c) => c.notNull())
      .addColumn('at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('request_status_changes_request').on('request_status_changes').columns(['request_id', 'seq']).execute();

    await db.schema
      .createTable('request_comments')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('request_id', types.text, (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('author_id', types.text, (c) => c.notNull())
      .addColumn('body', types.text, (c) => c.notNull())
      .addColumn('hidden', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('request_comments_request').on('request_comments').columns(['request_id', 'seq']).execute();
  },
};
