import type { SharedMigration } from './hooks.ts';

/** Moderators of the community areas: an account flag beside the site administrator's. */
export const moderators: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('users').addColumn('is_moderator', types.flag, (c) => c.notNull().defaultTo(0)).execute();
  },
};
