import { subjectOf } from '../../domain/activity/types.ts';
import { forwardPath, type Problem, type ProblemStatus } from '../../domain/community/problems.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';

/**
 * Moves a problem forward to `to` when a later piece of work takes it up (a
 * scope-a-thon's problem statement scopes it, a project puts it "in a
 * project"), one triage step at a time, each kept in its history and the
 * activity stream, so its followers hear of it. A problem already there or
 * further on, declined or merged away stays as it is. The caller has already
 * decided that `p` may do the work that moves it. Returns the status the
 * problem ends at.
 */
export async function advanceProblem(deps: Deps, tx: CatalogStore, p: Principal, problem: Problem, to: ProblemStatus, reason: string): Promise<ProblemStatus> {
  if (problem.mergedInto) return problem.status;
  let from = problem.status;
  for (const status of forwardPath(from, to)) {
    const at = deps.clock.now().toISOString();
    const last = status === to;
    await tx.problems.changeProblemStatus({ problemId: problem.id, from, to: status, reason: last ? reason || null : null, actorId: p.kind === 'user' ? p.userId : '', at });
    await recordActivity(deps, tx, p, {
      verb: 'problem.status_changed',
      organizationId: problem.organizationId,
      summary: `moved the problem “${problem.title}” from ${from} to ${status}`,
      details: { problem_id: problem.id, from, to: status, ...(last && reason ? { reason } : {}) },
      subject: subjectOf('problem', problem.id),
    });
    from = status;
  }
  return from;
}
