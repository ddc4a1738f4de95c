import type { Generated } from 'kysely';
import type { ProblemLink, ProblemLinkKind } from '../../domain/community/links.ts';
import type { ProblemLinkStore } from '../../ports/store/problem-links.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The links' table (migration 0113), and the problems it joins to leave merged ones out. */
type LinkTables = {
  problem_links: { seq: Generated<number>; problem_id: string; kind: string; target_id: string; linked_by: string; linked_at: string };
  problems: { id: string; merged_into: string | null };
};

const tables = (db: Db) => db.withTables<LinkTables>();

/** Links from problems to what bears on them, on SQL. */
export class SqlProblemLinks implements ProblemLinkStore {
  static readonly effects: Effects<ProblemLinkStore> = {
    addProblemLink: 'changes pages',
    removeProblemLink: 'changes pages',
    listProblemLinks: 'reads',
    problemsLinkedTo: 'reads',
    moveProblemLinks: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async addProblemLink(l: ProblemLink): Promise<boolean> {
    const r = await tables(this.db)
      .insertInto('problem_links')
      .values({ problem_id: l.problemId, kind: l.kind, target_id: l.targetId, linked_by: l.linkedBy, linked_at: l.linkedAt })
      .onConflict((oc) => oc.columns(['problem_id', 'kind', 'target_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeProblemLink(problemId: string, kind: ProblemLinkKind, targetId: string): Promise<boolean> {
    const r = await tables(this.db).deleteFrom('problem_links').where('problem_id', '=', problemId).where('kind', '=', kind).where('target_id', '=', targetId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listProblemLinks(problemId: string): Promise<ProblemLink[]> {
    const rows = await tables(this.db).selectFrom('problem_links').selectAll().where('problem_id', '=', problemId).orderBy('seq').execute();
    return rows.map((r) => ({ problemId: r.problem_id, kind: r.kind as ProblemLinkKind, targetId: r.target_id, linkedBy: r.linked_by, linkedAt: r.linked_at }));
  }

  async problemsLinkedTo(kind: ProblemLinkKind, targetId: string): Promise<string[]> {
    const rows = await tables(this.db)
      .selectFrom('problem_links')
      .innerJoin('problems', 'problems.id', 'problem_links.problem_id')
      .select('problem_links.problem_id')
      .where('problem_links.kind', '=', kind)
      .where('problem_links.target_id', '=', targetId)
      .where('problems.merged_into', 'is', null)
      .orderBy('problem_links.seq', 'desc')
      .execute();
    return rows.map((r) => r.problem_id);
  }

  async moveProblemLinks(fromProblemId: string, toProblemId: string): Promise<number> {
    return this.scope.atomically(async (db) => {
      const moved = await tables(db)
        .insertInto('problem_links')
        .columns(['problem_id', 'kind', 'target_id', 'linked_by', 'linked_at'])
        .expression((eb) => eb.selectFrom('problem_links').select([eb.val(toProblemId).as('problem_id'), 'kind', 'target_id', 'linked_by', 'linked_at']).where('problem_id', '=', fromProblemId).orderBy('seq'))
        .onConflict((oc) => oc.columns(['problem_id', 'kind', 'target_id']).doNothing())
        .executeTakeFirst();
      await tables(db).deleteFrom('problem_links').where('problem_id', '=', fromProblemId).execute();
      return Number(moved.numInsertedOrUpdatedRows ?? 0);
    });
  }
}
