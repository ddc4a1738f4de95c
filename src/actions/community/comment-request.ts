import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { canRequest } from '../../domain/community/request-policy.ts';
import { requestCommentFields, type RequestComment } from '../../domain/community/requests.ts';
import { AppError } from '../../domain/errors.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { saveRecorded } from './save-recorded.ts';
import { visibleRequest } from './request-access.ts';

/** Adds the signed-in person's comment to a request that is shown. */
export async function commentOnRequest(deps: Deps, p: Principal, id: string, input: unknown): Promise<RequestComment> {
  requireUser(p, 'Commenting');
  if (!canRequest(p)) deny(p, 'Commenting needs a token with the write scope.');
  const request = await visibleRequest(deps, p, id);
  const parsed = requestCommentFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The comment is', parsed.error);
  if (request.hidden) throw new AppError('conflict', 'This request is hidden while moderators look at it; comments wait until it is shown again.');
  const comment: RequestComment = { id: deps.newId(), requestId: request.id, authorId: p.userId, authorName: p.name, body: parsed.data.body, hidden: false, createdAt: deps.clock.now().toISOString() };
  return saveRecorded(deps, p, comment, (tx) => tx.requests.addRequestComment(comment), {
    verb: 'request.commented',
    organizationId: request.organizationId,
    summary: `commented on the request “${request.title}”`,
    details: { request_id: request.id, comment_id: comment.id },
    subject: subjectOf('request', request.id),
  });
}
