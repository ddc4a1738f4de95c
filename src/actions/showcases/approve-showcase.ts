import { canReviewShowcase } from '../../domain/community/showcase-policy.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleShowcase } from './access.ts';

/**
 * Approves a pending (or rejected) showcase: it is public from now on, in the
 * gallery and on each dataset it uses, whose followers hear of it.
 */
export async function approveShowcase(deps: Deps, p: Principal, id: string): Promise<Showcase> {
  requireUser(p, 'Approving a showcase');
  return deps.catalog.transaction(async (tx) => {
    const showcase = await visibleShowcase(deps, p, id, tx);
    if (!canReviewShowcase(p)) deny(p, 'Only moderators may approve showcases.');
    if (showcase.state === 'approved') throw new AppError('conflict', 'The showcase is approved already.');
    const at = deps.clock.now().toISOString();
    await tx.showcases.setShowcaseState(id, 'approved', null, at);
    for (const datasetId of showcase.datasetIds) {
      const dataset = await tx.datasets.getDataset(datasetId);
      await recordActivity(deps, tx, p, {
        verb: 'showcase.approved',
        datasetId,
        organizationId: dataset?.organizationId ?? null,
        summary: `showed “${showcase.title}”, built with this data`,
        details: { showcase_id: id },
      });
    }
    return { ...showcase, state: 'approved', stateReason: null, updatedAt: at };
  });
}
