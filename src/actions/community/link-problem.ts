import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { linkFields } from '../../domain/community/link-input.ts';
import { canTriageProblem } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

export interface LinkOutcome {
  problem: Problem;
  dataset: Dataset;
  /** False when the dataset was linked already. */
  changed: boolean;
}

/** A problem the principal may triage, not merged away: what links are made on. */
export async function triagedProblem(deps: Deps, p: Principal, id: string): Promise<Problem> {
  const problem = await visibleProblem(deps, p, id);
  if (!canTriageProblem(p, problem)) deny(p, 'Only moderators and editors of the organization a problem is assigned to may link datasets to it.');
  if (problem.mergedInto) throw new AppError('conflict', 'This problem was merged into another; link datasets to that one.', { merged_into: problem.mergedInto });
  return problem;
}

/** A dataset the principal may see; any other is reported as a bad choice, not as the problem missing. */
async function chosenDataset(deps: Deps, p: Principal, target: string): Promise<Dataset> {
  try {
    return await visibleDataset(deps, p, target);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    const message = `There is no dataset "${target}".`;
    throw new AppError('validation_failed', message, { fields: [{ field: 'target', message }] });
  }
}

/**
 * Links a dataset that bears on a problem to it, kept in the activity stream
 * (the problem's followers and the dataset's hear of it). Triagers of the
 * problem link datasets they may see; linking one twice changes nothing.
 */
export async function linkDataset(deps: Deps, p: Principal, id: string, input: unknown): Promise<LinkOutcome> {
  const problem = await triagedProblem(deps, p, id);
  const parsed = linkFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The link is', parsed.error);
  const dataset = await chosenDataset(deps, p, parsed.data.target);
  const changed = await deps.catalog.transaction(async (tx) => {
    const added = await tx.problemLinks.addProblemLink({ problemId: problem.id, kind: 'dataset', targetId: dataset.id, linkedBy: p.kind === 'user' ? p.userId : '', linkedAt: deps.clock.now().toISOString() });
    if (!added) return false;
    await recordActivity(deps, tx, p, {
      verb: 'problem.linked',
      datasetId: dataset.id,
      organizationId: problem.organizationId,
      summary: `linked the dataset “${dataset.title}” to the problem “${problem.title}”`,
      details: { problem_id: problem.id, kind: 'dataset', target_id: dataset.id },
      subject: subjectOf('problem', problem.id),
    });
    return true;
  });
  return { problem, dataset, changed };
}
