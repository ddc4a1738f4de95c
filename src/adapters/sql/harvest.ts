import type { Generated, Selectable } from 'kysely';
import type { HarvestCounts, HarvestError, HarvestKind, HarvestOrigin, HarvestRun, HarvestRunStatus, HarvestSource, HarvestTrigger } from '../../domain/harvest/types.ts';
import { EMPTY_COUNTS } from '../../domain/harvest/types.ts';
import type { HarvestNotes, HarvestRunPatch, HarvestSourcePatch, HarvestStore } from '../../ports/store/harvest.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The harvest tables (migration 0125). */
type HarvestTables = {
  harvest_sources: {
    seq: Generated<number>;
    id: string;
    name: string;
    kind: string;
    url: string;
    organization_id: string;
    harvest: number;
    peer: number;
    schedule_hours: number | null;
    next_run_at: string | null;
    last_run_id: string | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  harvest_runs: {
    seq: Generated<number>;
    id: string;
    source_id: string;
    job_id: string | null;
    trigger: string;
    status: string;
    started_at: string;
    finished_at: string | null;
    counts: string;
    errors: string;
    message: string | null;
    since: string | null;
    bytes: number | string;
  };
  harvest_origins: {
    dataset_id: string;
    source_id: string;
    remote_id: string;
    identifier: string;
    identifier_key: string;
    original_url: string | null;
    remote_modified: string | null;
    content_hash: string;
    first_seen_at: string;
    last_seen_at: string;
    last_run_id: string;
    removed_at: string | null;
  };
  harvest_notes: { dataset_id: string; notes: string; updated_by: string | null; updated_at: string };
};

const tables = (db: Db) => db.withTables<HarvestTables>();

/** Ids per statement when a list goes into `IN (…)`, well under either database's limit on bound values. */
const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

const toSource = (r: Selectable<HarvestTables['harvest_sources']>): HarvestSource => ({
  id: r.id,
  name: r.name,
  kind: r.kind as HarvestKind,
  url: r.url,
  organizationId: r.organization_id,
  harvest: Number(r.harvest) === 1,
  peer: Number(r.peer) === 1,
  scheduleHours: r.schedule_hours === null ? null : Number(r.schedule_hours),
  nextRunAt: r.next_run_at,
  lastRunId: r.last_run_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRun = (r: Selectable<HarvestTables['harvest_runs']>): HarvestRun => ({
  id: r.id,
  sourceId: r.source_id,
  jobId: r.job_id,
  trigger: r.trigger as HarvestTrigger,
  status: r.status as HarvestRunStatus,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  counts: { ...EMPTY_COUNTS, ...(JSON.parse(r.counts) as Partial<HarvestCounts>) },
  errors: JSON.parse(r.errors) as HarvestError[],
  message: r.message,
  since: r.since,
  bytes: Number(r.bytes),
});

const toOrigin = (r: Selectable<HarvestTables['harvest_origins']>): HarvestOrigin => ({
  datasetId: r.dataset_id,
  sourceId: r.source_id,
  remoteId: r.remote_id,
  identifier: r.identifier,
  originalUrl: r.original_url,
  remoteModified: r.remote_modified,
  contentHash: r.content_hash,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  lastRunId: r.last_run_id,
  removedAt: r.removed_at,
});

/** Harvest sources, runs, origins and notes on SQL. */
export class SqlHarvest implements HarvestStore {
  static readonly effects: Effects<HarvestStore> = {
    createSource: 'changes pages',
    getSource: 'reads',
    listSources: 'reads',
    updateSource: 'changes pages',
    deleteSource: 'changes pages',
    dueSources: 'reads',
    createRun: 'writes',
    getRun: 'reads',
    updateRun: 'writes',
    listRuns: 'reads',
    originsOfSource: 'reads',
    originsOf: 'reads',
    findByIdentifierKey: 'reads',
    putOrigin: 'changes pages',
    markSeen: 'writes',
    markRemoved: 'changes pages',
    getNotes: 'reads',
    putNotes: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createSource(s: HarvestSource): Promise<void> {
    await tables(this.db)
      .insertInto('harvest_sources')
      .values({
        id: s.id, name: s.name, kind: s.kind, url: s.url, organization_id: s.organizationId, harvest: s.harvest ? 1 : 0, peer: s.peer ? 1 : 0,
        schedule_hours: s.scheduleHours, next_run_at: s.nextRunAt, last_run_id: s.lastRunId, created_by: s.createdBy, created_at: s.createdAt, updated_at: s.updatedAt,
      })
      .execute();
  }

  async getSource(id: string): Promise<HarvestSource | undefined> {
    const r = await tables(this.db).selectFrom('harvest_sources').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSource(r);
  }

  async listSources(): Promise<HarvestSource[]> {
    const rows = await tables(this.db).selectFrom('harvest_sources').selectAll().orderBy('name').orderBy('seq').execute();
    return rows.map(toSource);
  }

  async updateSource(id: string, p: HarvestSourcePatch): Promise<void> {
    const v: Partial<Omit<HarvestTables['harvest_sources'], 'seq'>> = {};
    if (p.name !== undefined) v.name = p.name;
    if (p.url !== undefined) v.url = p.url;
    if (p.organizationId !== undefined) v.organization_id = p.organizationId;
    if (p.harvest !== undefined) v.harvest = p.harvest ? 1 : 0;
    if (p.peer !== undefined) v.peer = p.peer ? 1 : 0;
    if (p.scheduleHours !== undefined) v.schedule_hours = p.scheduleHours;
    if (p.nextRunAt !== undefined) v.next_run_at = p.nextRunAt;
    if (p.lastRunId !== undefined) v.last_run_id = p.lastRunId;
    if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
    if (Object.keys(v).length) await tables(this.db).updateTable('harvest_sources').set(v).where('id', '=', id).execute();
  }

  async deleteSource(id: string): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).deleteFrom('harvest_origins').where('source_id', '=', id).execute();
      await tables(db).deleteFrom('harvest_runs').where('source_id', '=', id).execute();
      await tables(db).deleteFrom('harvest_sources').where('id', '=', id).execute();
    });
  }

  async dueSources(at: string): Promise<HarvestSource[]> {
    const rows = await tables(this.db)
      .selectFrom('harvest_sources')
      .selectAll()
      .where('harvest', '=', 1)
      .where('schedule_hours', 'is not', null)
      .where((eb) => eb.or([eb('next_run_at', 'is', null), eb('next_run_at', '<=', at)]))
      .orderBy('next_run_at')
      .execute();
    return rows.map(toSource);
  }

  async createRun(r: HarvestRun): Promise<void> {
    await tables(this.db)
      .insertInto('harvest_runs')
      .values({
        id: r.id, source_id: r.sourceId, job_id: r.jobId, trigger: r.trigger, status: r.status, started_at: r.startedAt, finished_at: r.finishedAt,
        counts: JSON.stringify(r.counts), errors: JSON.stringify(r.errors), message: r.message, since: r.since, bytes: r.bytes,
      })
      .execute();
  }

  async getRun(id: string): Promise<HarvestRun | undefined> {
    const r = await tables(this.db).selectFrom('harvest_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRun(r);
  }

  async updateRun(id: string, p: HarvestRunPatch): Promise<void> {
    const v: Partial<Omit<HarvestTables['harvest_runs'], 'seq'>> = {};
    if (p.jobId !== undefined) v.job_id = p.jobId;
    if (p.status !== undefined) v.status = p.status;
    if (p.finishedAt !== undefined) v.finished_at = p.finishedAt;
    if (p.counts !== undefined) v.counts = JSON.stringify(p.counts);
    if (p.errors !== undefined) v.errors = JSON.stringify(p.errors);
    if (p.message !== undefined) v.message = p.message;
    if (p.bytes !== undefined) v.bytes = p.bytes;
    if (p.since !== undefined) v.since = p.since;
    if (Object.keys(v).length) await tables(this.db).updateTable('harvest_runs').set(v).where('id', '=', id).execute();
  }

  async listRuns(sourceId: string, limit: number): Promise<HarvestRun[]> {
    const rows = await tables(this.db).selectFrom('harvest_runs').selectAll().where('source_id', '=', sourceId).orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toRun);
  }

  async originsOfSource(sourceId: string): Promise<HarvestOrigin[]> {
    const rows = await tables(this.db).selectFrom('harvest_origins').selectAll().where('source_id', '=', sourceId).execute();
    return rows.map(toOrigin);
  }

  async originsOf(datasetIds: string[]): Promise<HarvestOrigin[]> {
    const out: HarvestOrigin[] = [];
    for (const ids of chunks(datasetIds)) {
      const rows = await tables(this.db).selectFrom('harvest_origins').selectAll().where('dataset_id', 'in', ids).orderBy('first_seen_at').execute();
      out.push(...rows.map(toOrigin));
    }
    return out;
  }

  async findByIdentifierKey(key: string): Promise<HarvestOrigin | undefined> {
    const r = await tables(this.db).selectFrom('harvest_origins').selectAll().where('identifier_key', '=', key).orderBy('first_seen_at').executeTakeFirst();
    return r && toOrigin(r);
  }

  async putOrigin(o: HarvestOrigin, identifierKey: string): Promise<void> {
    const row = {
      dataset_id: o.datasetId, source_id: o.sourceId, remote_id: o.remoteId, identifier: o.identifier, identifier_key: identifierKey, original_url: o.originalUrl,
      remote_modified: o.remoteModified, content_hash: o.contentHash, first_seen_at: o.firstSeenAt, last_seen_at: o.lastSeenAt, last_run_id: o.lastRunId, removed_at: o.removedAt,
    };
    const { source_id: _s, remote_id: _r, first_seen_at: _f, ...changes } = row;
    await tables(this.db)
      .insertInto('harvest_origins')
      .values(row)
      .onConflict((oc) => oc.columns(['source_id', 'remote_id']).doUpdateSet(changes))
      .execute();
  }

  async markSeen(sourceId: string, remoteIds: string[], runId: string, at: string): Promise<void> {
    for (const ids of chunks(remoteIds)) {
      await tables(this.db).updateTable('harvest_origins').set({ last_seen_at: at, last_run_id: runId }).where('source_id', '=', sourceId).where('remote_id', 'in', ids).execute();
    }
  }

  async markRemoved(sourceId: string, remoteIds: string[], at: string): Promise<void> {
    for (const ids of chunks(remoteIds)) {
      await tables(this.db).updateTable('harvest_origins').set({ removed_at: at }).where('source_id', '=', sourceId).where('remote_id', 'in', ids).execute();
    }
  }

  async getNotes(datasetId: string): Promise<HarvestNotes | undefined> {
    const r = await tables(this.db).selectFrom('harvest_notes').selectAll().where('dataset_id', '=', datasetId).executeTakeFirst();
    return r && { datasetId: r.dataset_id, notes: r.notes, updatedBy: r.updated_by, updatedAt: r.updated_at };
  }

  async putNotes(n: HarvestNotes): Promise<void> {
    await tables(this.db)
      .insertInto('harvest_notes')
      .values({ dataset_id: n.datasetId, notes: n.notes, updated_by: n.updatedBy, updated_at: n.updatedAt })
      .onConflict((oc) => oc.column('dataset_id').doUpdateSet({ notes: n.notes, updated_by: n.updatedBy, updated_at: n.updatedAt }))
      .execute();
  }
}
