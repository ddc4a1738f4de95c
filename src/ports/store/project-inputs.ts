/**
 * What projects read of problem statements and ecosystem actors: their names
 * and kinds for pickers and pages, and the problems a statement links. Kept
 * apart so it can give way to the statements' and ecosystem's own areas.
 */

export interface StatementRef {
  id: string;
  title: string;
  problemIds: string[];
  datasetIds: string[];
}

export interface ActorRef {
  id: string;
  name: string;
  kind: string;
}

export interface ProjectInputStore {
  getStatement(id: string): Promise<StatementRef | undefined>;
  /** By title, for picking. */
  listStatements(): Promise<StatementRef[]>;
  /** The actors found among `ids`, in the order given. */
  getActors(ids: string[]): Promise<ActorRef[]>;
  /** By name, for picking. */
  listActors(): Promise<ActorRef[]>;
}
