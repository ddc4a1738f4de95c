import type { SharedMigration } from './hooks.ts';

/** Comments on problems: who wrote them, when, and whether a moderator hid them. */
export const problemComments: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('problem_comments')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addColumn('author_id', types.text, (c) => c.notNull())
      .addColumn('body', types.text, (c) => c.notNull())
      .addColumn('hidden', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('problem_comments_problem').on('problem_comments').columns(['problem_id', 'seq']).execute();
  },
};
