import type { AreaScope } from '../../src/adapters/sql/area.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { at, uid } from './factories.ts';

/**
 * Problem statements and ecosystem actors for tests of what reads them, put
 * straight into their tables (migrations 0116, 0117) through the store's own
 * database connection.
 */

type ProgramRows = {
  problem_statements: { id: string; title: string; affected: string; need: string; measure: string; data_notes: string; event_id: string | null; author_id: string; created_at: string; updated_at: string };
  problem_statement_problems: { statement_id: string; problem_id: string };
  problem_statement_datasets: { statement_id: string; dataset_id: string };
  eco_actors: { id: string; slug: string; name: string; kind: string; topics: string; note: string; website: string; organization_id: string | null; created_at: string; updated_at: string };
};

const dbOf = (store: CatalogStore) => (store.projectInputs as unknown as { scope: AreaScope }).scope.db.withTables<ProgramRows>();

/** A problem statement linking the problems and datasets given (by id). */
export async function insertStatement(store: CatalogStore, s: { title?: string; problemIds?: string[]; datasetIds?: string[] } = {}): Promise<{ id: string; title: string }> {
  const id = uid('statement');
  const title = s.title ?? `Statement ${id}`;
  const db = dbOf(store);
  await db.insertInto('problem_statements').values({ id, title, affected: 'Residents', need: 'To know', measure: 'Fewer complaints', data_notes: '', event_id: null, author_id: 'user-1', created_at: at(), updated_at: at() }).execute();
  for (const problemId of s.problemIds ?? []) await db.insertInto('problem_statement_problems').values({ statement_id: id, problem_id: problemId }).execute();
  for (const datasetId of s.datasetIds ?? []) await db.insertInto('problem_statement_datasets').values({ statement_id: id, dataset_id: datasetId }).execute();
  return { id, title };
}

/** An ecosystem actor of the kind given. */
export async function insertActor(store: CatalogStore, a: { name?: string; kind: string }): Promise<{ id: string; name: string; kind: string }> {
  const id = uid('actor');
  const name = a.name ?? `Actor ${id}`;
  await dbOf(store).insertInto('eco_actors').values({ id, slug: id, name, kind: a.kind, topics: '[]', note: '', website: '', organization_id: null, created_at: at(), updated_at: at() }).execute();
  return { id, name, kind: a.kind };
}

/** One agency, one community organization and one tech partner. */
export async function insertPartners(store: CatalogStore, names: [string, string, string] = ['City Agency', 'Neighbors Group', 'Code Shop']): Promise<string[]> {
  const kinds = ['agency', 'community_organization', 'tech_partner'];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) out.push((await insertActor(store, { name: names[i]!, kind: kinds[i]! })).id);
  return out;
}
