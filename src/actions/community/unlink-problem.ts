import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { linkFields } from '../../domain/community/link-input.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { triagedProblem } from './link-problem.ts';

export interface UnlinkOutcome {
  problem: Problem;
  /** False when the dataset was not linked. */
  changed: boolean;
}

/**
 * Takes a dataset's link off a problem, kept in the activity stream. The
 * dataset is named by its id or slug; one the triager may no longer see can
 * still be unlinked by its id.
 */
export async function unlinkDataset(deps: Deps, p: Principal, id: string, input: unknown): Promise<UnlinkOutcome> {
  const problem = await triagedProblem(deps, p, id);
  const parsed = linkFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The link is', parsed.error);
  const dataset = await deps.catalog.datasets.getDataset(parsed.data.target);
  const targetId = dataset?.id ?? parsed.data.target;
  const changed = await deps.catalog.transaction(async (tx) => {
    const removed = await tx.problemLinks.removeProblemLink(problem.id, 'dataset', targetId);
    if (!removed) return false;
    await recordActivity(deps, tx, p, {
      verb: 'problem.unlinked',
      datasetId: dataset ? dataset.id : null,
      organizationId: problem.organizationId,
      summary: `took the dataset “${dataset?.title ?? targetId}” off the problem “${problem.title}”`,
      details: { problem_id: problem.id, kind: 'dataset', target_id: targetId },
      subject: subjectOf('problem', problem.id),
    });
    return true;
  });
  return { problem, changed };
}
