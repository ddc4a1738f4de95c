import { invalidInput } from '../../domain/catalog/schemas.ts';
import { assignFields } from '../../domain/community/problem-input.ts';
import { canModerate } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

/**
 * Assigns a problem to the organization (by slug or id) whose editors will
 * triage it, or to none (`null`). Moderators assign.
 */
export async function assignProblem(deps: Deps, p: Principal, id: string, input: unknown): Promise<Problem> {
  const problem = await visibleProblem(deps, p, id);
  if (!canModerate(p)) deny(p, 'Only moderators may assign a problem to an organization.');
  const parsed = assignFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The assignment is', parsed.error);
  const organization = parsed.data.organization;
  const org = organization === null ? null : await deps.catalog.datasets.getOrganization(organization);
  if (org === undefined) throw new AppError('validation_failed', `There is no organization "${organization}".`, { fields: [{ field: 'organization', message: `There is no organization "${organization}".` }] });
  const updatedAt = deps.clock.now().toISOString();
  await deps.catalog.transaction(async (tx) => {
    await tx.problems.updateProblem(problem.id, { organizationId: org?.id ?? null, updatedAt });
    await recordActivity(deps, tx, p, {
      verb: 'problem.assigned',
      organizationId: org?.id ?? problem.organizationId,
      summary: org ? `assigned the problem “${problem.title}” to ${org.name}` : `took the problem “${problem.title}” back from its organization`,
      details: { problem_id: problem.id, organization: org?.id ?? null },
      subject: subjectOf('problem', problem.id),
    });
  });
  return { ...problem, organizationId: org?.id ?? null, updatedAt };
}
