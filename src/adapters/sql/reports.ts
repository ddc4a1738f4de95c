import type { Generated, Selectable } from 'kysely';
import type { Report, ReportedItem, ReportReason, ReportResolution } from '../../domain/community/reports.ts';
import type { ReportResolutionChange, ReportStore } from '../../ports/store/reports.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The reports table (migration 0110). */
type ReportTables = {
  reports: {
    seq: Generated<number>;
    id: string;
    kind: string;
    item_id: string;
    reporter_id: string;
    reason: string;
    note: string;
    open_key: string | null;
    created_at: string;
    resolved_at: string | null;
    resolution: string | null;
    resolved_by: string | null;
  };
};

const tables = (db: Db) => db.withTables<ReportTables>();

const openKey = (kind: string, itemId: string, reporterId: string): string => JSON.stringify([kind, itemId, reporterId]);

const toReport = (r: Selectable<ReportTables['reports']>): Report => ({
  id: r.id,
  kind: r.kind,
  itemId: r.item_id,
  reporterId: r.reporter_id,
  reason: r.reason as ReportReason,
  note: r.note,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution as ReportResolution | null,
  resolvedBy: r.resolved_by,
});

/** Reports of community items on SQL. */
export class SqlReports implements ReportStore {
  static readonly effects: Effects<ReportStore> = {
    fileReport: 'writes',
    reportQueue: 'reads',
    reportsOf: 'reads',
    resolveReports: 'writes',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  /** The open key's unique index makes a second open report a no-op, even when both arrive at once. */
  async fileReport(r: Omit<Report, 'resolvedAt' | 'resolution' | 'resolvedBy'>): Promise<boolean> {
    const done = await tables(this.db)
      .insertInto('reports')
      .values({ id: r.id, kind: r.kind, item_id: r.itemId, reporter_id: r.reporterId, reason: r.reason, note: r.note, open_key: openKey(r.kind, r.itemId, r.reporterId), created_at: r.createdAt })
      .onConflict((oc) => oc.column('open_key').doNothing())
      .executeTakeFirst();
    return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async reportQueue(limit: number, offset: number): Promise<{ total: number; results: ReportedItem[] }> {
    const open = tables(this.db).selectFrom('reports').where('open_key', 'is not', null);
    const counted = await tables(this.db)
      .selectFrom(open.select(['kind', 'item_id']).groupBy(['kind', 'item_id']).as('items'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    const groups = await open
      .select((eb) => ['kind', 'item_id', eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('first_at'), eb.fn.max('created_at').as('last_at')])
      .groupBy(['kind', 'item_id'])
      .orderBy('n', 'desc')
      .orderBy('first_at')
      .orderBy('item_id')
      .limit(limit)
      .offset(offset)
      .execute();
    const results: ReportedItem[] = [];
    for (const g of groups) {
      const rows = await open.select(['reason', 'note']).where('kind', '=', g.kind).where('item_id', '=', g.item_id).orderBy('seq').execute();
      const reasons: Partial<Record<ReportReason, number>> = {};
      for (const r of rows) reasons[r.reason as ReportReason] = (reasons[r.reason as ReportReason] ?? 0) + 1;
      results.push({ kind: g.kind, itemId: g.item_id, count: Number(g.n), reasons, notes: rows.map((r) => r.note).filter((n) => n.length > 0), firstAt: String(g.first_at), lastAt: String(g.last_at) });
    }
    return { total: Number(counted?.n ?? 0), results };
  }

  async reportsOf(kind: string, itemId: string): Promise<Report[]> {
    const rows = await tables(this.db).selectFrom('reports').selectAll().where('kind', '=', kind).where('item_id', '=', itemId).orderBy('seq').execute();
    return rows.map(toReport);
  }

  async resolveReports(c: ReportResolutionChange): Promise<number> {
    const done = await tables(this.db)
      .updateTable('reports')
      .set({ open_key: null, resolved_at: c.at, resolution: c.resolution, resolved_by: c.by })
      .where('kind', '=', c.kind)
      .where('item_id', '=', c.itemId)
      .where('open_key', 'is not', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows);
  }
}
