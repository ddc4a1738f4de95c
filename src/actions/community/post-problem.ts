import { invalidInput } from '../../domain/catalog/schemas.ts';
import { newProblemFields } from '../../domain/community/problem-input.ts';
import { canTakePart } from '../../domain/community/policy.ts';
import { DEFAULT_PROBLEM_CATEGORIES, type Problem } from '../../domain/community/problems.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

/**
 * Posts a problem to the inventory as the signed-in resident: new, with no
 * votes, assigned to no organization until triage assigns it.
 */
export async function postProblem(deps: Deps, p: Principal, input: unknown): Promise<Problem> {
  requireUser(p, 'Posting a problem');
  if (!canTakePart(p)) deny(p, 'Posting a problem needs a token with the write scope.');
  const parsed = newProblemFields(DEFAULT_PROBLEM_CATEGORIES).safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The problem is', parsed.error);
  const v = parsed.data;
  const now = deps.clock.now().toISOString();
  const problem: Problem = {
    id: deps.newId(),
    title: v.title,
    description: v.description,
    affected: v.affected,
    category: v.category,
    place: v.place,
    area: v.place.kind === 'area' ? v.place.area : null,
    status: 'new',
    statusReason: null,
    organizationId: null,
    authorId: p.userId,
    hidden: false,
    mergedInto: null,
    votes: 0,
    createdAt: now,
    updatedAt: now,
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.problems.createProblem(problem);
    await recordActivity(deps, tx, p, { verb: 'problem.posted', organizationId: null, summary: `posted the problem “${problem.title}”`, details: { problem_id: problem.id } });
    return problem;
  });
}
