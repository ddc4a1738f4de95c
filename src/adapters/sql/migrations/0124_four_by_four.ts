import { sql } from 'kysely';
import { fourByFour } from '../../../domain/compat/four-by-four.ts';
import type { SharedMigration } from './hooks.ts';

/**
 * Each dataset's Socrata-style four-by-four id (`xxxx-xxxx`), by which SODA
 * clients ask for it (ADR 43): unique, so an id finds one dataset; filled in
 * for the datasets that exist, and by the store for each new one.
 */
export const fourByFourIds: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('datasets').addColumn('four_by_four', types.text).execute();
    const rows = await sql<{ id: string }>`SELECT id FROM datasets ORDER BY created_at, id`.execute(db);
    const taken = new Set<string>();
    for (const { id } of rows.rows) {
      const code = fourByFour(id);
      if (taken.has(code)) continue;
      taken.add(code);
      await sql`UPDATE datasets SET four_by_four = ${code} WHERE id = ${id}`.execute(db);
    }
    await db.schema.createIndex('datasets_four_by_four').on('datasets').column('four_by_four').unique().execute();
  },
};
