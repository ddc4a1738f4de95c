import { subjectOf } from '../../../domain/activity/types.ts';
import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { moderationFields } from '../../../domain/community/moderation-input.ts';
import { canModerate, canSeeProblem } from '../../../domain/community/policy.ts';
import type { ProblemComment } from '../../../domain/community/problems.ts';
import { notFound } from '../../../domain/errors.ts';
import { recordActivity } from '../../activity/record.ts';
import { deny } from '../../auth/authorize.ts';
import type { Deps, Principal } from '../../deps.ts';
import { tellAuthor } from './notice.ts';

/**
 * Hides a comment on a problem from the public with a reason, or shows it
 * again with one: kept in the activity stream, its author told by email.
 * Moderators do this.
 */
export async function setCommentHidden(deps: Deps, p: Principal, commentId: string, input: unknown): Promise<ProblemComment> {
  const parsed = moderationFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const comment = await tx.problems.getComment(commentId);
    const problem = comment && (await tx.problems.getProblem(comment.problemId));
    if (!comment || !problem || !canSeeProblem(p, problem)) throw notFound('Comment', commentId);
    if (!canModerate(p)) deny(p, 'Only moderators may hide or show comments.');
    if (!parsed.success) throw invalidInput('The change is', parsed.error);
    const { hidden, reason } = parsed.data;
    if (comment.hidden === hidden) return comment;
    await tx.problems.setCommentHidden(comment.id, hidden);
    await recordActivity(deps, tx, p, {
      verb: hidden ? 'problem.comment_hidden' : 'problem.comment_restored',
      organizationId: problem.organizationId,
      summary: hidden ? `hid a comment on the problem “${problem.title}”` : `showed a comment on the problem “${problem.title}” again`,
      details: { problem_id: problem.id, comment_id: comment.id, reason },
      subject: subjectOf('problem', problem.id),
    });
    await tellAuthor(deps, tx, comment.authorId, `comment on “${problem.title}”`, `/problems/${encodeURIComponent(problem.id)}`, hidden, reason);
    return { ...comment, hidden };
  });
}
