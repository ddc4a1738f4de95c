import { invalidInput } from '../../domain/catalog/schemas.ts';
import { escapeHtml } from '../../domain/notify/html.ts';
import { canReviewShowcase } from '../../domain/community/showcase-policy.ts';
import { showcaseReviewFields, type Showcase } from '../../domain/community/showcases.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleShowcase } from './access.ts';

/** The email telling a showcase's author it was not approved, and why. */
function notice(deps: Deps, s: Showcase, name: string, reason: string): { subject: string; text: string; html: string } {
  const site = deps.site.name;
  const link = `${deps.site.baseUrl}/showcases/${encodeURIComponent(s.id)}`;
  const lines = [
    `Hello ${name},`,
    `A moderator of ${site} did not approve the showcase you submitted, “${s.title}”. The reason:`,
    reason,
    `You can still see it here: ${link}`,
    site,
  ];
  return { subject: `Your showcase “${s.title}” was not approved on ${site}`, text: `${lines.join('\n\n')}\n`, html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n') + '\n' };
}

/**
 * Rejects a showcase with a reason (it is not shown, or no longer), kept in
 * the activity stream; its author is told by email. Moderators do this.
 */
export async function rejectShowcase(deps: Deps, p: Principal, id: string, input: unknown): Promise<Showcase> {
  requireUser(p, 'Rejecting a showcase');
  const parsed = showcaseReviewFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const showcase = await visibleShowcase(deps, p, id, tx);
    if (!canReviewShowcase(p)) deny(p, 'Only moderators may reject showcases.');
    if (!parsed.success) throw invalidInput('The decision is', parsed.error);
    const reason = parsed.data.reason;
    if (!reason) {
      const message = 'Say why the showcase is not approved; its author is told.';
      throw new AppError('validation_failed', `The decision is not valid: reason: ${message}`, { fields: [{ field: 'reason', message }] });
    }
    if (showcase.state === 'rejected') throw new AppError('conflict', 'The showcase is rejected already.');
    const at = deps.clock.now().toISOString();
    await tx.showcases.setShowcaseState(id, 'rejected', reason, at);
    await recordActivity(deps, tx, p, { verb: 'showcase.rejected', organizationId: null, summary: 'did not approve a showcase', details: { showcase_id: id, reason } });
    const author = await tx.accounts.getUser(showcase.authorId);
    if (author && !author.disabled) {
      await tx.activity.enqueueMail({ id: deps.newId(), to: author.email, ...notice(deps, showcase, author.name, reason), createdAt: at, attempts: 0, nextAttemptAt: at, sentAt: null, lastError: null });
      deps.signals.send('job-queued');
    }
    return { ...showcase, state: 'rejected', stateReason: reason, updatedAt: at };
  });
}
