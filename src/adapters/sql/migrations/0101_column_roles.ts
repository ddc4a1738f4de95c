import type { SharedMigration } from './hooks.ts';

/**
 * The publisher's choice of a column's role (ADR 27), kept in the data
 * dictionary beside its label: empty (NULL) while the inferred role stands.
 */
export const columnRoles: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('data_dictionary').addColumn('role', types.text).execute();
  },
};
