import { subjectOf } from '../../../domain/activity/types.ts';
import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { moderationFields } from '../../../domain/community/moderation-input.ts';
import { canModerate } from '../../../domain/community/policy.ts';
import { canSeeRequest } from '../../../domain/community/request-policy.ts';
import type { DatasetRequest } from '../../../domain/community/requests.ts';
import { notFound } from '../../../domain/errors.ts';
import { recordActivity } from '../../activity/record.ts';
import { deny } from '../../auth/authorize.ts';
import type { Deps, Principal } from '../../deps.ts';
import { visibleRequest } from '../request-access.ts';
import { tellAuthor } from './notice.ts';

/**
 * Hides a dataset request from the public with a reason, or shows it again
 * with one: kept in the activity stream, its author told by email.
 * Moderators do this.
 */
export async function setRequestHidden(deps: Deps, p: Principal, id: string, input: unknown): Promise<DatasetRequest> {
  const parsed = moderationFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const request = await visibleRequest(deps, p, id, tx);
    if (!canModerate(p)) deny(p, 'Only moderators may hide or show requests.');
    if (!parsed.success) throw invalidInput('The change is', parsed.error);
    const { hidden, reason } = parsed.data;
    if (request.hidden === hidden) return request;
    const at = deps.clock.now().toISOString();
    await tx.requests.updateRequest(request.id, { hidden, updatedAt: at });
    await recordActivity(deps, tx, p, {
      verb: hidden ? 'request.hidden' : 'request.restored',
      organizationId: request.organizationId,
      summary: hidden ? 'hid a request' : `showed the request “${request.title}” again`,
      details: { request_id: request.id, reason },
      subject: subjectOf('request', request.id),
    });
    await tellAuthor(deps, tx, request.authorId, `request “${request.title}”`, `/requests/${encodeURIComponent(request.id)}`, hidden, reason);
    return { ...request, hidden, updatedAt: at };
  });
}

/**
 * Hides a comment on a request from the public with a reason, or shows it
 * again with one: kept in the activity stream, its author told by email.
 * Moderators do this.
 */
export async function setRequestCommentHidden(deps: Deps, p: Principal, commentId: string, input: unknown): Promise<void> {
  const parsed = moderationFields.safeParse(input ?? {});
  await deps.catalog.transaction(async (tx) => {
    const comment = await tx.requests.getRequestComment(commentId);
    const request = comment && (await tx.requests.getRequest(comment.requestId));
    if (!comment || !request || !canSeeRequest(p, request)) throw notFound('Comment', commentId);
    if (!canModerate(p)) deny(p, 'Only moderators may hide or show comments.');
    if (!parsed.success) throw invalidInput('The change is', parsed.error);
    const { hidden, reason } = parsed.data;
    if (comment.hidden === hidden) return;
    await tx.requests.setRequestCommentHidden(comment.id, hidden);
    await recordActivity(deps, tx, p, {
      verb: hidden ? 'request.comment_hidden' : 'request.comment_restored',
      organizationId: request.organizationId,
      summary: hidden ? `hid a comment on the request “${request.title}”` : `showed a comment on the request “${request.title}” again`,
      details: { request_id: request.id, comment_id: comment.id, reason },
      subject: subjectOf('request', request.id),
    });
    await tellAuthor(deps, tx, comment.authorId, `comment on the request “${request.title}”`, `/requests/${encodeURIComponent(request.id)}#comment-${encodeURIComponent(comment.id)}`, hidden, reason);
  });
}
