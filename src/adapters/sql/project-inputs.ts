import type { ActorRef, ProjectInputStore, StatementRef } from '../../ports/store/project-inputs.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The statements' and ecosystem's tables, as far as projects read them (migrations 0116, 0117). */
type InputTables = {
  problem_statements: { id: string; title: string; seq: number };
  problem_statement_problems: { statement_id: string; problem_id: string };
  problem_statement_datasets: { statement_id: string; dataset_id: string };
  eco_actors: { id: string; name: string; kind: string };
};

const tables = (db: Db) => db.withTables<InputTables>();

/** Problem statements and ecosystem actors as projects read them, on SQL. */
export class SqlProjectInputs implements ProjectInputStore {
  static readonly effects: Effects<ProjectInputStore> = { getStatement: 'reads', listStatements: 'reads', getActors: 'reads', listActors: 'reads' };

  constructor(private readonly scope: AreaScope) {}

  private async withLinks(rows: Array<{ id: string; title: string }>): Promise<StatementRef[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const db = tables(this.scope.db);
    const problems = await db.selectFrom('problem_statement_problems').select(['statement_id', 'problem_id']).where('statement_id', 'in', ids).orderBy('problem_id').execute();
    const datasets = await db.selectFrom('problem_statement_datasets').select(['statement_id', 'dataset_id']).where('statement_id', 'in', ids).orderBy('dataset_id').execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      problemIds: problems.filter((p) => p.statement_id === r.id).map((p) => p.problem_id),
      datasetIds: datasets.filter((d) => d.statement_id === r.id).map((d) => d.dataset_id),
    }));
  }

  async getStatement(id: string): Promise<StatementRef | undefined> {
    const row = await tables(this.scope.db).selectFrom('problem_statements').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
    return row ? (await this.withLinks([row]))[0] : undefined;
  }

  async listStatements(): Promise<StatementRef[]> {
    return this.withLinks(await tables(this.scope.db).selectFrom('problem_statements').select(['id', 'title']).orderBy('title').orderBy('seq').limit(500).execute());
  }

  async getActors(ids: string[]): Promise<ActorRef[]> {
    if (!ids.length) return [];
    const rows = await tables(this.scope.db).selectFrom('eco_actors').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  async listActors(): Promise<ActorRef[]> {
    return tables(this.scope.db).selectFrom('eco_actors').select(['id', 'name', 'kind']).orderBy('name').limit(1000).execute();
  }
}
