import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { canAnswerRequest } from '../../domain/community/request-policy.ts';
import { answerFields, type DatasetRequest } from '../../domain/community/requests.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleRequest } from './request-access.ts';

/**
 * The city's answer to a request: under review, planned with a target date,
 * or declined with a reason (privacy, not held, cost, other). Kept in the
 * request's history and the activity stream. Moderators and editors of the
 * organization the request names answer; a published request is closed.
 */
export async function answerRequest(deps: Deps, p: Principal, id: string, input: unknown): Promise<DatasetRequest> {
  const parsed = answerFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const request = await visibleRequest(deps, p, id, tx);
    if (!canAnswerRequest(p, request)) deny(p, 'Only moderators and editors of the organization a request names may answer it.');
    if (!parsed.success) throw invalidInput('The answer is', parsed.error);
    if (request.status === 'published') throw new AppError('conflict', 'This request was fulfilled by a published dataset; it is closed.', { dataset_id: request.datasetId });
    const { status, note } = parsed.data;
    const declineReason = status === 'declined' ? (parsed.data.decline_reason ?? null) : null;
    const targetDate = status === 'planned' ? (parsed.data.target_date ?? null) : null;
    const at = deps.clock.now().toISOString();
    await tx.requests.changeRequestStatus({ requestId: request.id, from: request.status, to: status, note: note || null, declineReason, targetDate, datasetId: null, actorId: p.kind === 'user' ? p.userId : '', at });
    await recordActivity(deps, tx, p, {
      verb: 'request.answered',
      organizationId: request.organizationId,
      summary: `answered the request “${request.title}”: ${status.replace('_', ' ')}${targetDate ? ` for ${targetDate}` : ''}${declineReason ? ` (${declineReason.replace('_', ' ')})` : ''}`,
      details: { request_id: request.id, from: request.status, to: status, ...(note ? { note } : {}), ...(declineReason ? { decline_reason: declineReason } : {}), ...(targetDate ? { target_date: targetDate } : {}) },
      subject: subjectOf('request', request.id),
    });
    return { ...request, status, statusNote: note || null, declineReason, targetDate, updatedAt: at };
  });
}
