import type { SharedMigration } from './hooks.ts';

/**
 * Scope-a-thons and the problem statements they write: events with the
 * problems they take up and who registered (a capacity, then a waiting list;
 * attendance marked by staff), and problem statements, each linked to the
 * problems it came from and the datasets that bear on it. A statement may be
 * written without an event; it stays when its event is deleted.
 */
export const eventsStatements: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('events')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('slug', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('description', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('agenda', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('starts_at', types.instant, (c) => c.notNull())
      .addColumn('ends_at', types.instant, (c) => c.notNull())
      .addColumn('place', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('link', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('capacity', types.integer)
      .addColumn('notes', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('state', types.text, (c) => c.notNull())
      .addColumn('organization_id', types.text, (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('created_by', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_starts').on('events').columns(['starts_at']).execute();

    await db.schema
      .createTable('event_problems')
      .addColumn('event_id', types.text, (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('event_problems_pk', ['event_id', 'problem_id'])
      .execute();
    await db.schema.createIndex('event_problems_problem').on('event_problems').columns(['problem_id']).execute();

    await db.schema
      .createTable('event_registrations')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('event_id', types.text, (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('user_id', types.text, (c) => c.notNull())
      // registered | waiting | cancelled; the waiting list moves up in seq order.
      .addColumn('state', types.text, (c) => c.notNull())
      .addColumn('attended', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_registrations_one').on('event_registrations').columns(['event_id', 'user_id']).unique().execute();
    await db.schema.createIndex('event_registrations_user').on('event_registrations').columns(['user_id']).execute();

    await db.schema
      .createTable('problem_statements')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('affected', types.text, (c) => c.notNull())
      .addColumn('need', types.text, (c) => c.notNull())
      .addColumn('measure', types.text, (c) => c.notNull())
      .addColumn('data_notes', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('event_id', types.text, (c) => c.references('events.id').onDelete('set null'))
      .addColumn('author_id', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('problem_statements_event').on('problem_statements').columns(['event_id']).execute();

    await db.schema
      .createTable('problem_statement_problems')
      .addColumn('statement_id', types.text, (c) => c.notNull().references('problem_statements.id').onDelete('cascade'))
      .addColumn('problem_id', types.text, (c) => c.notNull().references('problems.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('problem_statement_problems_pk', ['statement_id', 'problem_id'])
      .execute();
    await db.schema.createIndex('problem_statement_problems_problem').on('problem_statement_problems').columns(['problem_id']).execute();

    await db.schema
      .createTable('problem_statement_datasets')
      .addColumn('statement_id', types.text, (c) => c.notNull().references('problem_statements.id').onDelete('cascade'))
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('problem_statement_datasets_pk', ['statement_id', 'dataset_id'])
      .execute();
  },
};
