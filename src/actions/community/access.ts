import { canSeeProblem } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { notFound } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { Deps, Principal } from '../deps.ts';

/** A problem the principal may see; a hidden one is "not found" to everyone else, as if it did not exist. */
export async function visibleProblem(deps: Deps, p: Principal, id: string, store: CatalogStore = deps.catalog): Promise<Problem> {
  const problem = await store.problems.getProblem(id);
  if (!problem || !canSeeProblem(p, problem)) throw notFound('Problem', id);
  return problem;
}
