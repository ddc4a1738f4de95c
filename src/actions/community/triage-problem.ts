import { invalidInput } from '../../domain/catalog/schemas.ts';
import { problemStatusFields } from '../../domain/community/problem-input.ts';
import { canTriageProblem } from '../../domain/community/policy.ts';
import { canMoveProblem, nextProblemStatuses, type Problem } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

/**
 * Moves a problem through triage (new → under review → scoped → in a
 * project → addressed, or declined with a reason), kept in its history and
 * the activity stream. Site administrators and editors of the organization
 * it is assigned to may.
 */
export async function changeProblemStatus(deps: Deps, p: Principal, id: string, input: unknown): Promise<Problem> {
  const parsed = problemStatusFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const problem = await visibleProblem(deps, p, id, tx);
    if (!canTriageProblem(p, problem)) deny(p, 'Only moderators and editors of the organization a problem is assigned to may change its status.');
    if (!parsed.success) throw invalidInput('The status change is', parsed.error);
    const { status, reason } = parsed.data;
    if (problem.mergedInto) throw new AppError('conflict', 'This problem was merged into another; change that one.', { merged_into: problem.mergedInto });
    if (!canMoveProblem(problem.status, status)) {
      const allowed = nextProblemStatuses(problem.status);
      throw new AppError('conflict', `A problem that is ${problem.status} cannot become ${status}; it can become ${allowed.join(' or ')}.`, { from: problem.status, to: status, allowed });
    }
    const at = deps.clock.now().toISOString();
    await tx.problems.changeProblemStatus({ problemId: problem.id, from: problem.status, to: status, reason: reason || null, actorId: p.kind === 'user' ? p.userId : '', at });
    await recordActivity(deps, tx, p, {
      verb: 'problem.status_changed',
      organizationId: problem.organizationId,
      summary: `moved the problem “${problem.title}” from ${problem.status} to ${status}`,
      details: { problem_id: problem.id, from: problem.status, to: status, ...(reason ? { reason } : {}) },
      subject: subjectOf('problem', problem.id),
    });
    return { ...problem, status, statusReason: reason || null, updatedAt: at };
  });
}
