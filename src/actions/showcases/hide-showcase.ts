import { invalidInput } from '../../domain/catalog/schemas.ts';
import { moderationFields } from '../../domain/community/moderation-input.ts';
import { canReviewShowcase } from '../../domain/community/showcase-policy.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { tellAuthor } from '../community/moderation/notice.ts';
import { visibleShowcase } from './access.ts';

/**
 * Hides a showcase with a reason — it leaves the gallery and the pages of the
 * datasets it uses, kept as rejected with that reason — or shows it again
 * (approved). Kept in the activity stream; its author is told by email.
 * Moderators do this.
 */
export async function setShowcaseHidden(deps: Deps, p: Principal, id: string, input: unknown): Promise<Showcase> {
  const parsed = moderationFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const showcase = await visibleShowcase(deps, p, id, tx);
    if (!canReviewShowcase(p)) deny(p, 'Only moderators may hide or show showcases.');
    if (!parsed.success) throw invalidInput('The change is', parsed.error);
    const { hidden, reason } = parsed.data;
    if ((showcase.state === 'rejected') === hidden) return showcase;
    const at = deps.clock.now().toISOString();
    const state = hidden ? 'rejected' : 'approved';
    await tx.showcases.setShowcaseState(showcase.id, state, hidden ? reason : null, at);
    await recordActivity(deps, tx, p, {
      verb: hidden ? 'showcase.hidden' : 'showcase.restored',
      organizationId: null,
      summary: hidden ? 'hid a showcase' : `showed the showcase “${showcase.title}” again`,
      details: { showcase_id: showcase.id, reason },
    });
    await tellAuthor(deps, tx, showcase.authorId, `showcase “${showcase.title}”`, `/showcases/${encodeURIComponent(showcase.id)}`, hidden, reason);
    return { ...showcase, state, stateReason: hidden ? reason : null, updatedAt: at };
  });
}
