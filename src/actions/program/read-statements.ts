import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { canSeeProblem } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { notFound } from '../../domain/errors.ts';
import { canRunProgram } from '../../domain/program/policy.ts';
import type { ProgramEvent } from '../../domain/program/events.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { Deps, Principal } from '../deps.ts';

export interface StatementListRequest {
  /** An event's id or slug. */
  event?: string;
  /** A problem's id. */
  problem?: string;
  limit?: number;
  offset?: number;
}

/** Problem statements, newest first: all, an event's, or those that came from a problem. Public. */
export async function listStatements(deps: Deps, r: StatementListRequest = {}): Promise<{ total: number; results: ProblemStatement[] }> {
  let eventId: string | undefined;
  if (r.event) {
    const event = await deps.catalog.events.getEvent(r.event);
    if (!event) return { total: 0, results: [] };
    eventId = event.id;
  }
  return deps.catalog.events.listStatements({ ...(eventId ? { eventId } : {}), ...(r.problem ? { problemId: r.problem } : {}), limit: Math.min(r.limit ?? 50, 200), offset: r.offset ?? 0 });
}

export interface StatementDetail {
  statement: ProblemStatement;
  /** The problems it came from that the reader may see. */
  problems: Problem[];
  /** The datasets that bear on it, still public. */
  datasets: Dataset[];
  event: ProgramEvent | null;
  /** Whether the reader may write statements. */
  mayWrite: boolean;
}

/** One problem statement with its problems, datasets and event. Public. */
export async function getStatement(deps: Deps, p: Principal, id: string): Promise<StatementDetail> {
  const statement = await deps.catalog.events.getStatement(id);
  if (!statement) throw notFound('Problem statement', id);
  const problems: Problem[] = [];
  for (const pid of statement.problemIds) {
    const problem = await deps.catalog.problems.getProblem(pid);
    if (problem && canSeeProblem(p, problem)) problems.push(problem);
  }
  const datasets: Dataset[] = [];
  for (const did of statement.datasetIds) {
    const d = await deps.catalog.datasets.getDataset(did);
    if (d && canSeeDataset(anonymous, d)) datasets.push(d);
  }
  const event = statement.eventId ? ((await deps.catalog.events.getEvent(statement.eventId)) ?? null) : null;
  return { statement, problems, datasets, event, mayWrite: canRunProgram(p) };
}
