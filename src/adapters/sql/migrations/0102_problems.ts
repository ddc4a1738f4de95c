import type { SharedMigration } from './hooks.ts';

/**
 * The problem inventory: problems, one "me too" vote per account
 * and problem (the key makes a second vote a no-op), and each problem's
 * changes of status. `votes` on a problem is kept by the store in the same
 * transaction as its votes.
 */
export const problems: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('problems')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('description', types.text, (c) => c.notNull())
      .addColumn('affected', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('category', types.text, (c) => c.notNull())
      .addColumn('place', types.json, (c) => c.notNull())
      .addColumn('area', types.text)
      .addColumn('status', types.text, (c) => c.notNull())
      .addColumn('status_reason', types.text)
      .addColumn('organization_id', types.text, (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('author_id', types.text)
      .addColumn('hidden', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('merged_into', types.text)
      .addColumn('votes', types.count, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('problems_status').on('problems').columns(['status', 'votes']).execute();
    await db.schema.createIndex('problems_area').on('problems').columns(['area']).execute();
    // The list's default order: most votes, then newest.
    await db.schema.createIndex('problems_votes').on('problems').columns(['votes', 'seq']).execute();

    await db.schema
      .createTable('problem_votes')
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addColumn('user_id', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('problem_votes_pk', ['problem_id', 'user_id'])
      .execute();
    await db.schema.createIndex('problem_votes_recent').on('problem_votes').columns(['problem_id', 'created_at']).execute();
    await db.schema.createIndex('problem_votes_user').on('problem_votes').columns(['user_id']).execute();

    await db.schema
      .createTable('problem_status_changes')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addColumn('from_status', types.text, (c) => c.notNull())
      .addColumn('to_status', types.text, (c) => c.notNull())
      .addColumn('reason', types.text)
      .addColumn('actor_id', types.text, (c) => c.notNull())
      .addColumn('at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('problem_status_changes_problem').on('problem_status_changes').columns(['problem_id', 'seq']).execute();
  },
};
