import { invalidInput } from '../../domain/catalog/schemas.ts';
import { commentFields } from '../../domain/community/problem-input.ts';
import type { ProblemComment } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { requireTakingPart } from './take-part.ts';
import type { Deps, Principal } from '../deps.ts';
import { saveRecorded } from './save-recorded.ts';
import { visibleProblem } from './access.ts';

/** Adds the signed-in person's comment to a problem that is shown (not hidden, not merged away). */
export async function commentOnProblem(deps: Deps, p: Principal, id: string, input: unknown): Promise<ProblemComment> {
  requireTakingPart(p, 'Commenting');
  const problem = await visibleProblem(deps, p, id);
  const parsed = commentFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The comment is', parsed.error);
  if (problem.mergedInto) throw new AppError('conflict', 'This problem was merged into another; comment on that one.', { merged_into: problem.mergedInto });
  if (problem.hidden) throw new AppError('conflict', 'This problem is hidden while moderators look at it; comments wait until it is shown again.');
  const comment: ProblemComment = { id: deps.newId(), problemId: problem.id, authorId: p.userId, authorName: p.name, body: parsed.data.body, hidden: false, createdAt: deps.clock.now().toISOString() };
  return saveRecorded(deps, p, comment, (tx) => tx.problems.addComment(comment), {
    verb: 'problem.commented',
    organizationId: problem.organizationId,
    summary: `commented on the problem “${problem.title}”`,
    details: { problem_id: problem.id, comment_id: comment.id },
    subject: subjectOf('problem', problem.id),
  });
}
