import type { SearchEngine } from '../sql/dialect.ts';
import { toDataset } from '../sql/rows.ts';
import { datasetVisible } from '../sql/visibility.ts';

/** Catalog search on SQLite. */
export const sqliteSearch: SearchEngine = {
  async index() {},
  async search(db, q) {
    let base = db.selectFrom('datasets').where((e) => datasetVisible(e, q.visibility)).where('status', 'in', q.statuses ?? ['published']);
    if (q.overdueAt) base = base.where('next_due_at', '<', q.overdueAt);
    const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('updated_at', 'desc').limit(q.limit).offset(q.offset).execute();
    return { total: Number(total.n), results: rows.map(toDataset), facets: {} };
  },
};
