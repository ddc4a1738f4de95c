import type { Generated, Selectable } from 'kysely';
import type { EventState, ProgramEvent, Registration, RegistrationState } from '../../domain/program/events.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { EventQuery, EventStore, StatementQuery } from '../../ports/store/events.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The tables of scope-a-thons and problem statements (migration 0116). */
type EventTables = {
  events: {
    seq: Generated<number>;
    id: string;
    slug: string;
    title: string;
    description: string;
    agenda: string;
    starts_at: string;
    ends_at: string;
    place: string;
    link: string;
    capacity: number | null;
    notes: string;
    state: string;
    organization_id: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  event_problems: { event_id: string; problem_id: string };
  event_registrations: { seq: Generated<number>; event_id: string; user_id: string; state: string; attended: number; created_at: string; updated_at: string };
  problem_statements: {
    seq: Generated<number>;
    id: string;
    title: string;
    affected: string;
    need: string;
    measure: string;
    data_notes: string;
    event_id: string | null;
    author_id: string;
    created_at: string;
    updated_at: string;
  };
  problem_statement_problems: { statement_id: string; problem_id: string };
  problem_statement_datasets: { statement_id: string; dataset_id: string };
};

const tables = (db: Db) => db.withTables<EventTables>();

const eventRow = (e: ProgramEvent) => ({
  id: e.id,
  slug: e.slug,
  title: e.title,
  description: e.description,
  agenda: e.agenda,
  starts_at: e.startsAt,
  ends_at: e.endsAt,
  place: e.place,
  link: e.link,
  capacity: e.capacity,
  notes: e.notes,
  state: e.state,
  organization_id: e.organizationId,
  created_by: e.createdBy,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

const toEvent = (r: Selectable<EventTables['events']>, problemIds: string[]): ProgramEvent => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  description: r.description,
  agenda: r.agenda,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  place: r.place,
  link: r.link,
  capacity: r.capacity === null ? null : Number(r.capacity),
  notes: r.notes,
  state: r.state as EventState,
  organizationId: r.organization_id,
  createdBy: r.created_by,
  problemIds,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toStatement = (r: Selectable<EventTables['problem_statements']>, problemIds: string[], datasetIds: string[]): ProblemStatement => ({
  id: r.id,
  title: r.title,
  affected: r.affected,
  need: r.need,
  measure: r.measure,
  dataNotes: r.data_notes,
  eventId: r.event_id,
  problemIds,
  datasetIds,
  authorId: r.author_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Scope-a-thons and problem statements on SQL. */
export class SqlEvents implements EventStore {
  static readonly effects: Effects<EventStore> = {
    createEvent: 'changes pages',
    updateEvent: 'changes pages',
    getEvent: 'reads',
    listEvents: 'reads',
    slugTaken: 'reads',
    listRegistrations: 'reads',
    addRegistration: 'changes pages',
    setRegistrationState: 'changes pages',
    setAttendance: 'changes pages',
    eventsOfUser: 'reads',
    createStatement: 'changes pages',
    getStatement: 'reads',
    listStatements: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createEvent(e: ProgramEvent): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).insertInto('events').values(eventRow(e)).execute();
      await this.putProblems(db, e);
    });
  }

  private async putProblems(db: Db, e: ProgramEvent): Promise<void> {
    await tables(db).deleteFrom('event_problems').where('event_id', '=', e.id).execute();
    const ids = [...new Set(e.problemIds)];
    if (ids.length) await tables(db).insertInto('event_problems').values(ids.map((p) => ({ event_id: e.id, problem_id: p }))).execute();
  }

  async updateEvent(e: ProgramEvent): Promise<void> {
    await this.scope.atomically(async (db) => {
      const { id: _id, created_at: _c, created_by: _b, ...fields } = eventRow(e);
      await tables(db).updateTable('events').set(fields).where('id', '=', e.id).execute();
      await this.putProblems(db, e);
    });
  }

  /** The problems of each event given, by id. */
  private async problemsOf(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await tables(this.db).selectFrom('event_problems').select(['event_id', 'problem_id']).where('event_id', 'in', ids).orderBy('problem_id').execute();
    for (const r of rows) out.get(r.event_id)?.push(r.problem_id);
    return out;
  }

  async getEvent(idOrSlug: string): Promise<ProgramEvent | undefined> {
    const r = await tables(this.db).selectFrom('events').selectAll().where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
    return r && toEvent(r, (await this.problemsOf([r.id])).get(r.id) ?? []);
  }

  async listEvents(q: EventQuery): Promise<ProgramEvent[]> {
    let b = tables(this.db).selectFrom('events').selectAll();
    if (q.endsAfter) b = b.where('ends_at', '>', q.endsAfter).orderBy('starts_at', 'asc');
    if (q.endedBy) b = b.where('ends_at', '<=', q.endedBy).orderBy('starts_at', 'desc');
    if (!q.endsAfter && !q.endedBy) b = b.orderBy('starts_at', 'desc');
    const problemId = q.problemId;
    if (problemId) b = b.where('id', 'in', (eb) => eb.selectFrom('event_problems').select('event_id').where('problem_id', '=', problemId));
    const rows = await b.orderBy('seq').limit(q.limit).execute();
    const problems = await this.problemsOf(rows.map((r) => r.id));
    return rows.map((r) => toEvent(r, problems.get(r.id) ?? []));
  }

  async slugTaken(slug: string): Promise<boolean> {
    return !!(await tables(this.db).selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirst());
  }

  async listRegistrations(eventId: string): Promise<Registration[]> {
    const rows = await tables(this.db).selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).orderBy('seq').execute();
    return rows.map((r) => ({ eventId: r.event_id, userId: r.user_id, state: r.state as RegistrationState, attended: Number(r.attended) === 1, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  async addRegistration(r: Registration): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).deleteFrom('event_registrations').where('event_id', '=', r.eventId).where('user_id', '=', r.userId).execute();
      await tables(db)
        .insertInto('event_registrations')
        .values({ event_id: r.eventId, user_id: r.userId, state: r.state, attended: r.attended ? 1 : 0, created_at: r.createdAt, updated_at: r.updatedAt })
        .execute();
    });
  }

  async setRegistrationState(eventId: string, userId: string, state: RegistrationState, at: string): Promise<void> {
    await tables(this.db).updateTable('event_registrations').set({ state, updated_at: at }).where('event_id', '=', eventId).where('user_id', '=', userId).execute();
  }

  async setAttendance(eventId: string, attendedUserIds: string[], at: string): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).updateTable('event_registrations').set({ attended: 0, updated_at: at }).where('event_id', '=', eventId).where('attended', '=', 1).execute();
      if (attendedUserIds.length) await tables(db).updateTable('event_registrations').set({ attended: 1, updated_at: at }).where('event_id', '=', eventId).where('user_id', 'in', attendedUserIds).execute();
    });
  }

  async eventsOfUser(userId: string): Promise<string[]> {
    const rows = await tables(this.db).selectFrom('event_registrations').select('event_id').where('user_id', '=', userId).where('state', '!=', 'cancelled').orderBy('seq').execute();
    return rows.map((r) => r.event_id);
  }

  async createStatement(s: ProblemStatement): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db)
        .insertInto('problem_statements')
        .values({ id: s.id, title: s.title, affected: s.affected, need: s.need, measure: s.measure, data_notes: s.dataNotes, event_id: s.eventId, author_id: s.authorId, created_at: s.createdAt, updated_at: s.updatedAt })
        .execute();
      const problems = [...new Set(s.problemIds)];
      if (problems.length) await tables(db).insertInto('problem_statement_problems').values(problems.map((p) => ({ statement_id: s.id, problem_id: p }))).execute();
      const datasets = [...new Set(s.datasetIds)];
      if (datasets.length) await tables(db).insertInto('problem_statement_datasets').values(datasets.map((d) => ({ statement_id: s.id, dataset_id: d }))).execute();
    });
  }

  /** The problems and datasets of each statement given. */
  private async linksOf(ids: string[]): Promise<{ problems: Map<string, string[]>; datasets: Map<string, string[]> }> {
    const problems = new Map<string, string[]>(ids.map((id) => [id, []]));
    const datasets = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length) {
      const p = await tables(this.db).selectFrom('problem_statement_problems').selectAll().where('statement_id', 'in', ids).orderBy('problem_id').execute();
      for (const r of p) problems.get(r.statement_id)?.push(r.problem_id);
      const d = await tables(this.db).selectFrom('problem_statement_datasets').selectAll().where('statement_id', 'in', ids).orderBy('dataset_id').execute();
      for (const r of d) datasets.get(r.statement_id)?.push(r.dataset_id);
    }
    return { problems, datasets };
  }

  async getStatement(id: string): Promise<ProblemStatement | undefined> {
    const r = await tables(this.db).selectFrom('problem_statements').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const links = await this.linksOf([id]);
    return toStatement(r, links.problems.get(id) ?? [], links.datasets.get(id) ?? []);
  }

  async listStatements(q: StatementQuery): Promise<{ total: number; results: ProblemStatement[] }> {
    let b = tables(this.db).selectFrom('problem_statements');
    if (q.eventId) b = b.where('event_id', '=', q.eventId);
    const problemId = q.problemId;
    if (problemId) b = b.where('id', 'in', (eb) => eb.selectFrom('problem_statement_problems').select('statement_id').where('problem_id', '=', problemId));
    const counted = await b.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await b.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    const links = await this.linksOf(rows.map((r) => r.id));
    return { total: Number(counted?.n ?? 0), results: rows.map((r) => toStatement(r, links.problems.get(r.id) ?? [], links.datasets.get(r.id) ?? [])) };
  }
}
