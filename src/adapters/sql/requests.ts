import { sql, type Generated, type Selectable } from 'kysely';
import type { DatasetRequest, DeclineReason, RequestComment, RequestStatus, RequestStatusChange } from '../../domain/community/requests.ts';
import type { VoteOutcome } from '../../ports/store/problems.ts';
import type { RequestPage, RequestPatch, RequestQuery, RequestStore } from '../../ports/store/requests.ts';
import type { AreaScope, Effects } from './area.ts';
import { indexCommunityItem } from './community-search/engine.ts';
import type { Db } from './dialect.ts';

/** The dataset requests' tables (migration 0106). */
type RequestTables = {
  requests: {
    seq: Generated<number>;
    id: string;
    title: string;
    description: string;
    organization_id: string | null;
    author_id: string | null;
    status: string;
    status_note: string | null;
    decline_reason: string | null;
    target_date: string | null;
    dataset_id: string | null;
    hidden: number;
    /** A `bigint` on PostgreSQL, which the driver gives as text. */
    votes: number | string;
    created_at: string;
    updated_at: string;
  };
  request_votes: { request_id: string; user_id: string; created_at: string };
  request_status_changes: {
    seq: Generated<number>;
    request_id: string;
    from_status: string;
    to_status: string;
    note: string | null;
    decline_reason: string | null;
    target_date: string | null;
    dataset_id: string | null;
    actor_id: string;
    at: string;
  };
  request_comments: { seq: Generated<number>; id: string; request_id: string; author_id: string; body: string; hidden: number; created_at: string };
};

const tables = (db: Db) => db.withTables<RequestTables>();

const toRequest = (r: Selectable<RequestTables['requests']>): DatasetRequest => ({
  id: r.id,
  title: r.title,
  description: r.description,
  organizationId: r.organization_id,
  authorId: r.author_id,
  status: r.status as RequestStatus,
  statusNote: r.status_note,
  declineReason: r.decline_reason as DeclineReason | null,
  targetDate: r.target_date,
  datasetId: r.dataset_id,
  hidden: Number(r.hidden) === 1,
  votes: Number(r.votes),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** How a text match ranks requests: the words matched, then the engine's rank. */
type CommunityRank = { item_id: string; matched: number | string; rank: number | string };

/** Dataset requests on SQL; writes that change a request's text re-index it in the same transaction. */
export class SqlRequests implements RequestStore {
  static readonly effects: Effects<RequestStore> = {
    createRequest: 'changes pages',
    getRequest: 'reads',
    listRequests: 'reads',
    updateRequest: 'changes pages',
    addRequestVote: 'changes pages',
    removeRequestVote: 'changes pages',
    requestsVotedOn: 'reads',
    requestVoters: 'reads',
    changeRequestStatus: 'changes pages',
    requestHistory: 'reads',
    requestsFulfilledBy: 'reads',
    addRequestComment: 'changes pages',
    listRequestComments: 'reads',
    getRequestComment: 'reads',
    setRequestCommentHidden: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  /** Rebuilds a request's entry in the community search index. */
  private index(db: Db, id: string): Promise<void> {
    return indexCommunityItem(db, this.scope.dialect.communitySearch, 'request', id);
  }

  async createRequest(r: DatasetRequest): Promise<void> {
    await this.scope.atomically(async (db) => {
      await this.insert(db, r);
      await this.index(db, r.id);
    });
  }

  private async insert(db: Db, r: DatasetRequest): Promise<void> {
    await tables(db)
      .insertInto('requests')
      .values({
        id: r.id,
        title: r.title,
        description: r.description,
        organization_id: r.organizationId,
        author_id: r.authorId,
        status: r.status,
        status_note: r.statusNote,
        decline_reason: r.declineReason,
        target_date: r.targetDate,
        dataset_id: r.datasetId,
        hidden: r.hidden ? 1 : 0,
        votes: 0,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })
      .execute();
  }

  async getRequest(id: string): Promise<DatasetRequest | undefined> {
    const r = await tables(this.db).selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRequest(r);
  }

  /** Requests passing the query's visibility and organization, and its statuses unless `byStatus` is false. */
  private filtered(q: RequestQuery, byStatus = true) {
    let base = tables(this.db).selectFrom('requests');
    if (!q.includeHidden) base = base.where('hidden', '=', 0);
    if (byStatus && q.statuses?.length) base = base.where('status', 'in', q.statuses);
    if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
    return base;
  }

  async listRequests(q: RequestQuery): Promise<RequestPage> {
    const match = q.q === undefined ? 'all' : await this.scope.dialect.communitySearch.match(this.db, 'request', q.q, q.synonyms);
    if (match === 'none') return { total: 0, results: [], ...(q.statusFacet ? { facets: { status: [] } } : {}) };
    const text = match === 'all' ? undefined : match;
    const ofText = (b: ReturnType<SqlRequests['filtered']>) => (text ? b.where(sql<boolean>`requests.id IN (${text.ids})`) : b);
    const base = ofText(this.filtered(q));
    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    let page = base.selectAll('requests');
    if (text && q.sort === 'relevance') {
      // The ranking reads the text match itself, among the requests that pass the filters.
      const ranked = sql<CommunityRank>`(${text.ranked(sql`${this.filtered(q).select('requests.id')}`)})`.as('r');
      page = page
        .innerJoin(ranked, (j) => j.onRef('r.item_id', '=', 'requests.id'))
        .orderBy(sql`r.matched`, 'desc')
        .orderBy(sql`r.rank`, 'desc');
    }
    if (q.sort === 'votes' || q.sort === 'relevance') page = page.orderBy('votes', 'desc');
    const rows = await page.orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    const out: RequestPage = { total: Number(counted?.n ?? 0), results: rows.map(toRequest) };
    if (q.statusFacet) {
      const counts = await ofText(this.filtered(q, false))
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
        .groupBy('status')
        .execute();
      const status = counts.map((c) => ({ value: c.status, count: Number(c.n) }));
      status.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      out.facets = { status };
    }
    return out;
  }

  async updateRequest(id: string, patch: RequestPatch): Promise<void> {
    const values: Partial<Omit<RequestTables['requests'], 'seq'>> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.organizationId !== undefined) values.organization_id = patch.organizationId;
    if (patch.hidden !== undefined) values.hidden = patch.hidden ? 1 : 0;
    if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
    if (!Object.keys(values).length) return;
    await this.scope.atomically(async (db) => {
      await tables(db).updateTable('requests').set(values).where('id', '=', id).execute();
      await this.index(db, id);
    });
  }

  /**
   * The vote's row and the count move together in one transaction, and the
   * count moves only when a row was added or removed: a second vote from the
   * same account waits on the key, then adds nothing. The count is
   * incremented, never recounted, so votes of different accounts each add one.
   */
  async addRequestVote(requestId: string, userId: string, at: string): Promise<VoteOutcome> {
    return this.scope.atomically(async (db) => {
      const r = await tables(db)
        .insertInto('request_votes')
        .values({ request_id: requestId, user_id: userId, created_at: at })
        .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
        .executeTakeFirst();
      const changed = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
      if (changed) await tables(db).updateTable('requests').set((eb) => ({ votes: eb('votes', '+', 1) })).where('id', '=', requestId).execute();
      return { changed, votes: await this.countOf(db, requestId) };
    });
  }

  async removeRequestVote(requestId: string, userId: string): Promise<VoteOutcome> {
    return this.scope.atomically(async (db) => {
      const r = await tables(db).deleteFrom('request_votes').where('request_id', '=', requestId).where('user_id', '=', userId).executeTakeFirst();
      const changed = Number(r.numDeletedRows) > 0;
      if (changed) await tables(db).updateTable('requests').set((eb) => ({ votes: eb('votes', '-', 1) })).where('id', '=', requestId).execute();
      return { changed, votes: await this.countOf(db, requestId) };
    });
  }

  private async countOf(db: Db, requestId: string): Promise<number> {
    const r = await tables(db).selectFrom('requests').select('votes').where('id', '=', requestId).executeTakeFirst();
    return Number(r?.votes ?? 0);
  }

  async requestsVotedOn(userId: string, requestIds: string[]): Promise<Set<string>> {
    if (!requestIds.length) return new Set();
    const rows = await tables(this.db).selectFrom('request_votes').select('request_id').where('user_id', '=', userId).where('request_id', 'in', requestIds).execute();
    return new Set(rows.map((r) => r.request_id));
  }

  async requestVoters(requestId: string): Promise<string[]> {
    const rows = await tables(this.db).selectFrom('request_votes').select('user_id').where('request_id', '=', requestId).orderBy('created_at').orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }

  async changeRequestStatus(c: RequestStatusChange): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db)
        .updateTable('requests')
        .set({ status: c.to, status_note: c.note, decline_reason: c.declineReason, target_date: c.targetDate, ...(c.datasetId ? { dataset_id: c.datasetId } : {}), updated_at: c.at })
        .where('id', '=', c.requestId)
        .execute();
      await tables(db)
        .insertInto('request_status_changes')
        .values({ request_id: c.requestId, from_status: c.from, to_status: c.to, note: c.note, decline_reason: c.declineReason, target_date: c.targetDate, dataset_id: c.datasetId, actor_id: c.actorId, at: c.at })
        .execute();
    });
  }

  async requestHistory(requestId: string): Promise<RequestStatusChange[]> {
    const rows = await tables(this.db).selectFrom('request_status_changes').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
    return rows.map((r) => ({
      requestId: r.request_id,
      from: r.from_status as RequestStatus,
      to: r.to_status as RequestStatus,
      note: r.note,
      declineReason: r.decline_reason as DeclineReason | null,
      targetDate: r.target_date,
      datasetId: r.dataset_id,
      actorId: r.actor_id,
      at: r.at,
    }));
  }

  async requestsFulfilledBy(datasetId: string): Promise<DatasetRequest[]> {
    const rows = await tables(this.db).selectFrom('requests').selectAll().where('dataset_id', '=', datasetId).where('status', '=', 'published').where('hidden', '=', 0).orderBy('updated_at', 'desc').orderBy('seq', 'desc').execute();
    return rows.map(toRequest);
  }

  async addRequestComment(c: Omit<RequestComment, 'authorName'>): Promise<void> {
    await tables(this.db).insertInto('request_comments').values({ id: c.id, request_id: c.requestId, author_id: c.authorId, body: c.body, hidden: c.hidden ? 1 : 0, created_at: c.createdAt }).execute();
  }

  async listRequestComments(requestId: string, includeHidden: boolean): Promise<RequestComment[]> {
    let q = tables(this.db)
      .selectFrom('request_comments')
      .leftJoin('users', 'users.id', 'request_comments.author_id')
      .select(['request_comments.id', 'request_comments.request_id', 'request_comments.author_id', 'request_comments.body', 'request_comments.hidden', 'request_comments.created_at', 'users.name'])
      .where('request_comments.request_id', '=', requestId);
    if (!includeHidden) q = q.where('request_comments.hidden', '=', 0);
    const rows = await q.orderBy('request_comments.seq').execute();
    return rows.map((r) => ({ id: r.id, requestId: r.request_id, authorId: r.author_id, authorName: r.name ?? '', body: r.body, hidden: Number(r.hidden) === 1, createdAt: r.created_at }));
  }

  async getRequestComment(id: string): Promise<RequestComment | undefined> {
    const r = await tables(this.db)
      .selectFrom('request_comments')
      .leftJoin('users', 'users.id', 'request_comments.author_id')
      .select(['request_comments.id', 'request_comments.request_id', 'request_comments.author_id', 'request_comments.body', 'request_comments.hidden', 'request_comments.created_at', 'users.name'])
      .where('request_comments.id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, requestId: r.request_id, authorId: r.author_id, authorName: r.name ?? '', body: r.body, hidden: Number(r.hidden) === 1, createdAt: r.created_at };
  }

  async setRequestCommentHidden(id: string, hidden: boolean): Promise<void> {
    await tables(this.db).updateTable('request_comments').set({ hidden: hidden ? 1 : 0 }).where('id', '=', id).execute();
  }
}
