import { sql } from 'kysely';
import type { DatasetFacts, ItemFacts, UseDay } from '../../domain/program/facts.ts';
import type { ProgramStore } from '../../ports/store/program.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The tables the program's figures read besides the catalog's own (migrations 0102, 0104, 0108, 0116, 0122). */
type ProgramTables = {
  dataset_use_days: { dataset_id: string; day: string; views: number | string; downloads: number | string; api_calls: number | string };
  problems: { id: string; title: string; status: string; hidden: number; merged_into: string | null; created_at: string };
  problem_status_changes: { problem_id: string; at: string };
  requests: { id: string; title: string; status: string; hidden: number; created_at: string };
  request_status_changes: { request_id: string; at: string };
  showcases: { id: string; state: string };
  events: { starts_at: string; state: string };
};

const tables = (db: Db) => db.withTables<ProgramTables>();

const parseList = (text: string): string[] => {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** The open data program's figures on SQL. */
export class SqlProgram implements ProgramStore {
  static readonly effects: Effects<ProgramStore> = {
    addUseDay: 'writes',
    listUseDays: 'reads',
    listDatasetFacts: 'reads',
    listProblemFacts: 'reads',
    listRequestFacts: 'reads',
    listShowcaseApprovals: 'reads',
    listEventStarts: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async addUseDay(u: UseDay): Promise<void> {
    // Inserted from the dataset's row, so a dataset deleted before the counts are written is skipped.
    await tables(this.db)
      .insertInto('dataset_use_days')
      .columns(['dataset_id', 'day', 'views', 'downloads', 'api_calls'])
      .expression((eb) =>
        eb
          .selectFrom('datasets')
          .select([
            'datasets.id',
            sql<string>`${u.day}`.as('day'),
            sql<number>`${u.views}`.as('views'),
            sql<number>`${u.downloads}`.as('downloads'),
            sql<number>`${u.apiCalls}`.as('api_calls'),
          ])
          .where('datasets.id', '=', u.datasetId),
      )
      .onConflict((oc) =>
        oc.columns(['dataset_id', 'day']).doUpdateSet((eb) => ({
          views: eb('dataset_use_days.views', '+', eb.ref('excluded.views')),
          downloads: eb('dataset_use_days.downloads', '+', eb.ref('excluded.downloads')),
          api_calls: eb('dataset_use_days.api_calls', '+', eb.ref('excluded.api_calls')),
        })),
      )
      .execute();
  }

  async listUseDays(from: string, to: string): Promise<UseDay[]> {
    const rows = await tables(this.db).selectFrom('dataset_use_days').selectAll().where('day', '>=', from).where('day', '<=', to).orderBy('day').orderBy('dataset_id').execute();
    return rows.map((r) => ({ datasetId: r.dataset_id, day: r.day, views: Number(r.views), downloads: Number(r.downloads), apiCalls: Number(r.api_calls) }));
  }

  async listDatasetFacts(): Promise<DatasetFacts[]> {
    const rows = await this.db
      .selectFrom('datasets')
      .innerJoin('organizations', 'organizations.id', 'datasets.organization_id')
      .select([
        'datasets.id', 'datasets.slug', 'datasets.title', 'datasets.organization_id', 'organizations.name as organization_name', 'organizations.slug as organization_slug',
        'datasets.themes', 'datasets.status', 'datasets.access_level', 'datasets.frequency', 'datasets.data_updated_at', 'datasets.next_due_at',
      ])
      .orderBy('datasets.title')
      .orderBy('datasets.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      organizationSlug: r.organization_slug,
      themes: parseList(r.themes),
      status: r.status,
      accessLevel: r.access_level,
      frequency: r.frequency,
      dataUpdatedAt: r.data_updated_at,
      nextDueAt: r.next_due_at,
    }));
  }

  async listProblemFacts(): Promise<ItemFacts[]> {
    const rows = await tables(this.db)
      .selectFrom('problems')
      .leftJoin(
        (eb) => eb.selectFrom('problem_status_changes').select(['problem_id', (e) => e.fn.min<string>('at').as('first_at')]).groupBy('problem_id').as('firsts'),
        (join) => join.onRef('firsts.problem_id', '=', 'problems.id'),
      )
      .select(['problems.id', 'problems.title', 'problems.status', 'problems.hidden', 'problems.merged_into', 'problems.created_at', 'firsts.first_at'])
      .orderBy('problems.created_at')
      .orderBy('problems.id')
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, hidden: Number(r.hidden) === 1, mergedInto: r.merged_into, createdAt: r.created_at, firstAnsweredAt: r.first_at ?? null }));
  }

  async listRequestFacts(): Promise<ItemFacts[]> {
    const rows = await tables(this.db)
      .selectFrom('requests')
      .leftJoin(
        (eb) => eb.selectFrom('request_status_changes').select(['request_id', (e) => e.fn.min<string>('at').as('first_at')]).groupBy('request_id').as('firsts'),
        (join) => join.onRef('firsts.request_id', '=', 'requests.id'),
      )
      .select(['requests.id', 'requests.title', 'requests.status', 'requests.hidden', 'requests.created_at', 'firsts.first_at'])
      .orderBy('requests.created_at')
      .orderBy('requests.id')
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, hidden: Number(r.hidden) === 1, mergedInto: null, createdAt: r.created_at, firstAnsweredAt: r.first_at ?? null }));
  }

  async listShowcaseApprovals(from: string, to: string): Promise<Array<{ showcaseId: string; at: string }>> {
    // Approvals are in the activity stream, one entry per dataset the showcase uses, naming it in their details.
    const rows = await this.db.selectFrom('activity').select(['at', 'details']).where('verb', '=', 'showcase.approved').where('at', '>=', from).where('at', '<', to).orderBy('at').execute();
    const last = new Map<string, string>();
    for (const r of rows) {
      let id: unknown;
      try {
        id = (JSON.parse(r.details) as { showcase_id?: unknown }).showcase_id;
      } catch {
        id = undefined;
      }
      if (typeof id === 'string') last.set(id, r.at);
    }
    if (!last.size) return [];
    const approved = await tables(this.db).selectFrom('showcases').select('id').where('state', '=', 'approved').where('id', 'in', [...last.keys()]).execute();
    return approved.map((s) => ({ showcaseId: s.id, at: last.get(s.id)! })).sort((a, b) => a.at.localeCompare(b.at) || a.showcaseId.localeCompare(b.showcaseId));
  }

  async listEventStarts(from: string, to: string): Promise<string[]> {
    const rows = await tables(this.db).selectFrom('events').select('starts_at').where('starts_at', '>=', from).where('starts_at', '<', to).where('state', '<>', 'cancelled').orderBy('starts_at').execute();
    return rows.map((r) => r.starts_at);
  }
}
