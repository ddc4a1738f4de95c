import { z } from 'zod';
import { roleAtLeast } from '../../domain/accounts/types.ts';
import { canEditIn, roleIn } from '../../domain/accounts/policy.ts';
import { publishProblems } from '../../domain/catalog/metadata.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { DATASET_STATUSES } from '../../domain/catalog/vocab.ts';
import { emptyConfirmation, findTransition, nextStatuses, TRANSITIONS, type Transition } from '../../domain/catalog/workflow.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleDataset } from './access.ts';

export const statusChangeFields = z.object({
  status: z.enum(DATASET_STATUSES, { message: `is not a status; use one of: ${DATASET_STATUSES.join(', ')}` }),
  comment: z.string().trim().max(2000).default(''),
  confirm_empty: z.boolean().default(false).describe('Confirms publishing or submitting a dataset whose live version has 0 rows; without it such a move answers 409.'),
});

/**
 * Moves a dataset through the publishing workflow. Editors submit and
 * withdraw; organization admins publish, send back, unpublish, archive and
 * restore; publishing needs a description, a license and a resource.
 * Publishing or submitting a dataset whose live version has no rows must be
 * confirmed (`confirm_empty`).
 */
export async function changeStatus(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Dataset> {
  const parsed = statusChangeFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The status change is', parsed.error);
  const { status, comment, confirm_empty } = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const dataset = await visibleDataset(deps, p, idOrSlug, tx);
    // Someone who may not move the dataset at all hears that first, whatever the move.
    if (!canEditIn(p, dataset.organizationId)) deny(p, `Only editors and admins of the dataset's organization may change its status.`);
    const t = findTransition(dataset.status, status);
    if (!t) {
      const allowed = nextStatuses(dataset.status);
      throw new AppError('conflict', `A ${dataset.status} dataset cannot become ${status}; it can become ${allowed.join(' or ') || 'nothing else'}.`, { from: dataset.status, to: status, allowed });
    }
    const scope = t.minRole === 'admin' ? 'admin' : 'write';
    if (p.kind !== 'user' || !roleAtLeast(roleIn(p, dataset.organizationId), t.minRole) || !p.scopes.includes(scope)) {
      deny(p, t.minRole === 'admin' ? `Only admins of the dataset's organization may make a ${dataset.status} dataset ${status}.` : `Only editors of the dataset's organization may make it ${status}.`);
    }
    if (status === 'published') {
      const problems = publishProblems(dataset, (await tx.datasets.listResources(dataset.id)).length);
      if (problems.length) throw new AppError('validation_failed', `The dataset is not ready to publish: ${problems.map((x) => x.message).join(' ')}`, { fields: problems });
    }
    const live = dataset.liveVersionId ? await tx.datasets.getVersion(dataset.liveVersionId) : undefined;
    const unconfirmed = emptyConfirmation(status, live?.rowCount, confirm_empty);
    if (unconfirmed) throw new AppError('conflict', unconfirmed, { field: 'confirm_empty', rows: 0 });
    const now = deps.clock.now().toISOString();
    const patch = {
      status,
      updatedAt: now,
      ...(status === 'published' && !dataset.publishedAt ? { publishedAt: now } : {}),
      ...(status === 'published' && !dataset.issued ? { issued: now.slice(0, 10) } : {}),
    };
    await tx.datasets.updateDataset(dataset.id, patch);
    // An admin sending a submission back is a rejection, whatever the transition is called.
    const verb = t.from === 'submitted' && t.to === 'draft' && dataset.createdBy !== (p.kind === 'user' ? p.userId : null) && roleAtLeast(roleIn(p, dataset.organizationId), 'admin') ? 'dataset.rejected' : t.verb;
    const summary = verb === 'dataset.rejected' ? 'sent the dataset back to draft' : t.summary;
    await recordActivity(deps, tx, p, { verb, datasetId: dataset.id, organizationId: dataset.organizationId, summary: comment ? `${summary}: ${comment}` : summary, details: { from: t.from, to: t.to, comment } });
    return { ...dataset, ...patch };
  });
}

/** The moves of the workflow the principal may make on the dataset now (for the buttons a page shows). */
export function statusMoves(p: Principal, dataset: Dataset): Transition[] {
  return TRANSITIONS.filter((t) => t.from === dataset.status && roleAtLeast(roleIn(p, dataset.organizationId), t.minRole));
}
