import type { SharedMigration } from './hooks.ts';

/** The community item an activity entry is about (`problem:<id>`), so its followers hear of it and its page shows its history. */
export const activitySubject: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('activity').addColumn('subject', types.text).execute();
    await db.schema.createIndex('activity_subject').on('activity').columns(['subject', 'seq']).execute();
  },
};
