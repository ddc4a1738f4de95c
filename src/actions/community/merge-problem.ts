import { canModerate } from '../../domain/community/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { mergeFields } from '../../domain/community/problem-input.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

const refuse = (message: string): AppError => new AppError('validation_failed', message, { fields: [{ field: 'into', message }] });

/**
 * Merges a duplicate into another problem: its votes (one per account),
 * comments and followers move there, and its page sends readers there. Only problems not
 * merged themselves take part, so merges never form a chain or a cycle.
 * Moderators merge.
 */
export async function mergeProblem(deps: Deps, p: Principal, id: string, input: unknown): Promise<Problem> {
  const parsed = mergeFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const duplicate = await visibleProblem(deps, p, id, tx);
    if (!canModerate(p)) deny(p, 'Only moderators may merge problems.');
    if (!parsed.success) throw invalidInput('The merge is', parsed.error);
    const intoId = parsed.data.into;
    if (duplicate.mergedInto) throw new AppError('conflict', 'This problem is already merged into another.', { merged_into: duplicate.mergedInto });
    if (intoId === duplicate.id) throw refuse('A problem cannot be merged into itself.');
    const into = await tx.problems.getProblem(intoId);
    if (!into) throw refuse(`There is no problem "${intoId}".`);
    if (into.mergedInto) throw refuse(`That problem was itself merged into ${into.mergedInto}; merge into that one.`);
    const at = deps.clock.now().toISOString();
    const moved = await tx.problems.mergeProblem(duplicate.id, into.id, at);
    await tx.activity.moveSubscriptions('problem', duplicate.id, into.id);
    await tx.problemLinks.moveProblemLinks(duplicate.id, into.id);
    await recordActivity(deps, tx, p, {
      verb: 'problem.merged',
      organizationId: into.organizationId,
      summary: `merged the problem “${duplicate.title}” into “${into.title}”`,
      details: { problem_id: duplicate.id, into: into.id, votes_moved: moved },
      subject: subjectOf('problem', into.id),
    });
    return (await tx.problems.getProblem(into.id)) ?? into;
  });
}
