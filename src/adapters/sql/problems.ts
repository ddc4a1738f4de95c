import { sql, type Generated, type Selectable } from 'kysely';
import type { FacetCount } from '../../domain/catalog/search.ts';
import { PROBLEM_FACETS, type Problem, type ProblemComment, type ProblemFacet, type ProblemPlace, type ProblemStatus, type ProblemStatusChange } from '../../domain/community/problems.ts';
import type { ProblemPage, ProblemPatch, ProblemQuery, ProblemStore, VoteOutcome } from '../../ports/store/problems.ts';
import type { AreaScope, Effects } from './area.ts';
import { indexCommunityItem } from './community-search/engine.ts';
import type { Db } from './dialect.ts';
import type { TextMatch } from './search-query.ts';

/** The problem inventory's tables (migration 0102). */
type ProblemTables = {
  problems: {
    seq: Generated<number>;
    id: string;
    title: string;
    description: string;
    affected: string;
    category: string;
    place: string;
    area: string | null;
    status: string;
    status_reason: string | null;
    organization_id: string | null;
    author_id: string | null;
    hidden: number;
    merged_into: string | null;
    /** A `bigint` on PostgreSQL, which the driver gives as text. */
    votes: number | string;
    created_at: string;
    updated_at: string;
  };
  problem_votes: { problem_id: string; user_id: string; created_at: string };
  problem_status_changes: { seq: Generated<number>; problem_id: string; from_status: string; to_status: string; reason: string | null; actor_id: string; at: string };
  problem_comments: { seq: Generated<number>; id: string; problem_id: string; author_id: string; body: string; hidden: number; created_at: string };
};

const tables = (db: Db) => db.withTables<ProblemTables>();

const toProblem = (r: Selectable<ProblemTables['problems']>): Problem => ({
  id: r.id,
  title: r.title,
  description: r.description,
  affected: r.affected,
  category: r.category,
  place: JSON.parse(r.place) as ProblemPlace,
  area: r.area,
  status: r.status as ProblemStatus,
  statusReason: r.status_reason,
  organizationId: r.organization_id,
  authorId: r.author_id,
  hidden: Number(r.hidden) === 1,
  mergedInto: r.merged_into,
  votes: Number(r.votes),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** How a text match ranks problems: the words matched, then the engine's rank. */
type Ranked = { r: { item_id: string; matched: number | string; rank: number | string } };

/** The problem inventory on SQL; writes that change a problem's text or whether it is merged re-index it in the same transaction. */
export class SqlProblems implements ProblemStore {
  static readonly effects: Effects<ProblemStore> = {
    createProblem: 'changes pages',
    getProblem: 'reads',
    listProblems: 'reads',
    updateProblem: 'changes pages',
    addVote: 'changes pages',
    removeVote: 'changes pages',
    votedOn: 'reads',
    changeProblemStatus: 'changes pages',
    problemHistory: 'reads',
    mergeProblem: 'changes pages',
    addComment: 'changes pages',
    listComments: 'reads',
    getComment: 'reads',
    setCommentHidden: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  /** Rebuilds a problem's entry in the community search index. */
  private index(db: Db, id: string): Promise<void> {
    return indexCommunityItem(db, this.scope.dialect.communitySearch, 'problem', id);
  }

  async createProblem(p: Problem): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db)
        .insertInto('problems')
        .values({
          id: p.id,
          title: p.title,
          description: p.description,
          affected: p.affected,
          category: p.category,
          place: JSON.stringify(p.place),
          area: p.area,
          status: p.status,
          status_reason: p.statusReason,
          organization_id: p.organizationId,
          author_id: p.authorId,
          hidden: p.hidden ? 1 : 0,
          merged_into: p.mergedInto,
          votes: 0,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
      await this.index(db, p.id);
    });
  }

  async getProblem(id: string): Promise<Problem | undefined> {
    const r = await tables(this.db).selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toProblem(r);
  }

  /** Problems passing the query's visibility and organization, and its facet filters unless `facetFilters` is false. */
  private filtered(q: ProblemQuery, facetFilters = true) {
    let base = tables(this.db).selectFrom('problems').where('merged_into', 'is', null);
    if (!q.includeHidden) base = base.where('hidden', '=', 0);
    if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
    if (q.heldOnly) base = base.where('hidden', '=', 1).where('author_id', 'is', null).where('status', '!=', 'declined');
    if (!facetFilters) return base;
    if (q.statuses?.length) base = base.where('status', 'in', q.statuses);
    if (q.categories?.length) base = base.where('category', 'in', q.categories);
    if (q.areas?.length) base = base.where('area', 'in', q.areas);
    return base;
  }

  async listProblems(q: ProblemQuery): Promise<ProblemPage> {
    const match = q.q === undefined ? 'all' : await this.scope.dialect.communitySearch.match(this.db, 'problem', q.q, q.synonyms);
    if (match === 'none') return { total: 0, results: [], ...(q.facets ? { facets: Object.fromEntries(q.facets.map((f) => [f, []])) } : {}) };
    const text = match === 'all' ? undefined : match;
    const { total, facets } = await this.count(q, text);
    let page = this.filtered(q).selectAll('problems');
    if (text && q.sort === 'relevance') {
      // The ranking reads the text match itself, among the problems that pass the filters.
      const ranked = sql<Ranked['r']>`(${text.ranked(sql`${this.filtered(q).select('problems.id')}`)})`.as('r');
      page = page
        .innerJoin(ranked, (j) => j.onRef('r.item_id', '=', 'problems.id'))
        .orderBy(sql`r.matched`, 'desc')
        .orderBy(sql`r.rank`, 'desc');
    } else if (text) page = page.where(sql<boolean>`problems.id IN (${text.ids})`);
    if (q.sort === 'trending') {
      const since = q.trendingSince ?? '';
      page = page.orderBy(
        (eb) =>
          eb
            .selectFrom('problem_votes')
            .select((v) => v.fn.countAll<number>().as('recent'))
            .whereRef('problem_votes.problem_id', '=', 'problems.id')
            .where('problem_votes.created_at', '>=', since),
        'desc',
      );
    }
    if (q.sort !== 'newest') page = page.orderBy('votes', 'desc');
    const rows = await page.orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    return { total, results: rows.map(toProblem), ...(facets ? { facets } : {}) };
  }

  /**
   * The total and the facets asked for, in one statement that matches the
   * text once: the problems the query may find, each with a flag per facet
   * filter it passes; the total counts those passing every filter, and each
   * facet those passing every filter but its own, by value, most first.
   */
  private async count(q: ProblemQuery, text: TextMatch | undefined): Promise<{ total: number; facets?: ProblemPage['facets'] }> {
    const ofText = (b: ReturnType<SqlProblems['filtered']>) => (text ? b.where(sql<boolean>`problems.id IN (${text.ids})`) : b);
    if (!q.facets?.length) {
      const counted = await ofText(this.filtered(q)).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
      return { total: Number(counted?.n ?? 0), ...(q.facets ? { facets: {} } : {}) };
    }
    const found = ofText(this.filtered(q, false));
    const chosen: Record<ProblemFacet, readonly string[] | undefined> = { category: q.categories, status: q.statuses, area: q.areas };
    const flag = (f: ProblemFacet) => {
      const values = chosen[f];
      return values?.length ? sql`CASE WHEN ${sql.ref(f)} IN (${sql.join(values)}) THEN 1 ELSE 0 END` : sql`1`;
    };
    const passes = (except?: ProblemFacet) => sql.join(PROBLEM_FACETS.filter((f) => f !== except).map((f) => sql`${sql.ref(`f_${f}`)} = 1`), sql` AND `);
    const wanted = q.facets ?? [];
    const counts = wanted.map(
      (f) => sql`SELECT ${sql.lit(f)} AS facet, ${sql.ref(f)} AS value, count(*) AS n FROM flt WHERE ${passes(f)} AND ${sql.ref(f)} IS NOT NULL GROUP BY ${sql.ref(f)}`,
    );
    const rows = await sql<{ facet: string; value: string | null; n: number | string }>`
      WITH flt AS MATERIALIZED (
        SELECT category, status, area, ${sql.join(PROBLEM_FACETS.map((f) => sql`${flag(f)} AS ${sql.ref(`f_${f}`)}`))}
        FROM (${found.select(['category', 'status', 'area'])}) found
      )
      SELECT 'total' AS facet, CAST(NULL AS TEXT) AS value, count(*) AS n FROM flt WHERE ${passes()}
      ${counts.length ? sql`UNION ALL ${sql.join(counts, sql` UNION ALL `)}` : sql``}`.execute(this.db);
    let total = 0;
    const facets: NonNullable<ProblemPage['facets']> = Object.fromEntries(wanted.map((f) => [f, [] as FacetCount[]]));
    for (const r of rows.rows) {
      if (r.facet === 'total') total = Number(r.n);
      else facets[r.facet as ProblemFacet]!.push({ value: String(r.value), count: Number(r.n) });
    }
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { total, ...(q.facets ? { facets } : {}) };
  }

  async updateProblem(id: string, patch: ProblemPatch): Promise<void> {
    const values: Partial<Omit<ProblemTables['problems'], 'seq'>> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.affected !== undefined) values.affected = patch.affected;
    if (patch.category !== undefined) values.category = patch.category;
    if (patch.place !== undefined) values.place = JSON.stringify(patch.place);
    if (patch.area !== undefined) values.area = patch.area;
    if (patch.organizationId !== undefined) values.organization_id = patch.organizationId;
    if (patch.hidden !== undefined) values.hidden = patch.hidden ? 1 : 0;
    if (patch.mergedInto !== undefined) values.merged_into = patch.mergedInto;
    if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
    if (!Object.keys(values).length) return;
    await this.scope.atomically(async (db) => {
      await tables(db).updateTable('problems').set(values).where('id', '=', id).execute();
      await this.index(db, id);
    });
  }

  /**
   * The vote's row and the count move together in one transaction, and the
   * count moves only when a row was added: a second vote from the same
   * account waits on the key, then adds nothing. The count is incremented,
   * never recounted, so concurrent votes of different accounts each add one.
   */
  async addVote(problemId: string, userId: string, at: string): Promise<VoteOutcome> {
    return this.scope.atomically(async (db) => {
      const r = await tables(db)
        .insertInto('problem_votes')
        .values({ problem_id: problemId, user_id: userId, created_at: at })
        .onConflict((oc) => oc.columns(['problem_id', 'user_id']).doNothing())
        .executeTakeFirst();
      const changed = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
      if (changed) await tables(db).updateTable('problems').set((eb) => ({ votes: eb('votes', '+', 1) })).where('id', '=', problemId).execute();
      return { changed, votes: await this.countOf(db, problemId) };
    });
  }

  async removeVote(problemId: string, userId: string): Promise<VoteOutcome> {
    return this.scope.atomically(async (db) => {
      const r = await tables(db).deleteFrom('problem_votes').where('problem_id', '=', problemId).where('user_id', '=', userId).executeTakeFirst();
      const changed = Number(r.numDeletedRows) > 0;
      if (changed) await tables(db).updateTable('problems').set((eb) => ({ votes: eb('votes', '-', 1) })).where('id', '=', problemId).execute();
      return { changed, votes: await this.countOf(db, problemId) };
    });
  }

  private async countOf(db: Db, problemId: string): Promise<number> {
    const r = await tables(db).selectFrom('problems').select('votes').where('id', '=', problemId).executeTakeFirst();
    return Number(r?.votes ?? 0);
  }

  async votedOn(userId: string, problemIds: string[]): Promise<Set<string>> {
    if (!problemIds.length) return new Set();
    const rows = await tables(this.db).selectFrom('problem_votes').select('problem_id').where('user_id', '=', userId).where('problem_id', 'in', problemIds).execute();
    return new Set(rows.map((r) => r.problem_id));
  }

  async changeProblemStatus(c: ProblemStatusChange): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).updateTable('problems').set({ status: c.to, status_reason: c.reason, updated_at: c.at }).where('id', '=', c.problemId).execute();
      await tables(db).insertInto('problem_status_changes').values({ problem_id: c.problemId, from_status: c.from, to_status: c.to, reason: c.reason, actor_id: c.actorId, at: c.at }).execute();
    });
  }

  async problemHistory(problemId: string): Promise<ProblemStatusChange[]> {
    const rows = await tables(this.db).selectFrom('problem_status_changes').selectAll().where('problem_id', '=', problemId).orderBy('seq').execute();
    return rows.map((r) => ({ problemId: r.problem_id, from: r.from_status as ProblemStatus, to: r.to_status as ProblemStatus, reason: r.reason, actorId: r.actor_id, at: r.at }));
  }

  async mergeProblem(duplicateId: string, intoId: string, at: string): Promise<number> {
    return this.scope.atomically(async (db) => {
      const moved = await tables(db)
        .insertInto('problem_votes')
        .columns(['problem_id', 'user_id', 'created_at'])
        .expression((eb) => eb.selectFrom('problem_votes').select([eb.val(intoId).as('problem_id'), 'user_id', 'created_at']).where('problem_id', '=', duplicateId))
        .onConflict((oc) => oc.columns(['problem_id', 'user_id']).doNothing())
        .executeTakeFirst();
      const count = Number(moved.numInsertedOrUpdatedRows ?? 0);
      if (count) await tables(db).updateTable('problems').set((eb) => ({ votes: eb('votes', '+', count) })).where('id', '=', intoId).execute();
      await tables(db).deleteFrom('problem_votes').where('problem_id', '=', duplicateId).execute();
      await tables(db).updateTable('problem_comments').set({ problem_id: intoId }).where('problem_id', '=', duplicateId).execute();
      await tables(db).updateTable('problems').set({ merged_into: intoId, updated_at: at }).where('merged_into', '=', duplicateId).execute();
      await tables(db).updateTable('problems').set({ merged_into: intoId, votes: 0, updated_at: at }).where('id', '=', duplicateId).execute();
      await tables(db).updateTable('problems').set({ updated_at: at }).where('id', '=', intoId).execute();
      // A merged duplicate leaves the index (problems merged into it earlier left it then).
      await this.index(db, duplicateId);
      return count;
    });
  }

  async addComment(c: Omit<ProblemComment, 'authorName'>): Promise<void> {
    await tables(this.db).insertInto('problem_comments').values({ id: c.id, problem_id: c.problemId, author_id: c.authorId, body: c.body, hidden: c.hidden ? 1 : 0, created_at: c.createdAt }).execute();
  }

  async listComments(problemId: string, includeHidden: boolean): Promise<ProblemComment[]> {
    let q = tables(this.db)
      .selectFrom('problem_comments')
      .leftJoin('users', 'users.id', 'problem_comments.author_id')
      .select(['problem_comments.id', 'problem_comments.problem_id', 'problem_comments.author_id', 'problem_comments.body', 'problem_comments.hidden', 'problem_comments.created_at', 'users.name'])
      .where('problem_comments.problem_id', '=', problemId);
    if (!includeHidden) q = q.where('problem_comments.hidden', '=', 0);
    const rows = await q.orderBy('problem_comments.seq').execute();
    return rows.map((r) => ({ id: r.id, problemId: r.problem_id, authorId: r.author_id, authorName: r.name ?? '', body: r.body, hidden: Number(r.hidden) === 1, createdAt: r.created_at }));
  }

  async getComment(id: string): Promise<ProblemComment | undefined> {
    const r = await tables(this.db)
      .selectFrom('problem_comments')
      .leftJoin('users', 'users.id', 'problem_comments.author_id')
      .select(['problem_comments.id', 'problem_comments.problem_id', 'problem_comments.author_id', 'problem_comments.body', 'problem_comments.hidden', 'problem_comments.created_at', 'users.name'])
      .where('problem_comments.id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, problemId: r.problem_id, authorId: r.author_id, authorName: r.name ?? '', body: r.body, hidden: Number(r.hidden) === 1, createdAt: r.created_at };
  }

  async setCommentHidden(id: string, hidden: boolean): Promise<void> {
    await tables(this.db).updateTable('problem_comments').set({ hidden: hidden ? 1 : 0 }).where('id', '=', id).execute();
  }
}
