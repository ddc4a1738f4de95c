import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';

/** What a project reads of a problem statement: its title, and the problems and datasets it links. */
export type StatementRef = Pick<ProblemStatement, 'id' | 'title' | 'problemIds' | 'datasetIds'>;

/** What a project reads of an ecosystem actor: its name and kind. */
export interface ActorRef {
  id: string;
  name: string;
  kind: string;
}

const statementRef = (s: ProblemStatement): StatementRef => ({ id: s.id, title: s.title, problemIds: s.problemIds, datasetIds: s.datasetIds });

/** The problem statement a project starts from. */
export async function statementFor(c: CatalogStore, id: string): Promise<StatementRef | undefined> {
  const s = await c.events.getStatement(id);
  return s && statementRef(s);
}

/** Every problem statement by title, for picking one. */
export async function statementsToPick(c: CatalogStore): Promise<StatementRef[]> {
  const out: StatementRef[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await c.events.listStatements({ limit: 500, offset });
    out.push(...page.results.map(statementRef));
    if (page.results.length < 500) break;
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

/** Every actor of the ecosystem map by name, for picking partners. */
export async function actorsToPick(c: CatalogStore): Promise<ActorRef[]> {
  return (await c.ecosystem.listActors()).map((a) => ({ id: a.id, name: a.name, kind: a.kind })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The actors found among `ids`, in the order given. */
export async function actorsAmong(c: CatalogStore, ids: string[]): Promise<ActorRef[]> {
  const byId = new Map((await actorsToPick(c)).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
