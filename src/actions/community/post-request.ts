import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { canRequest } from '../../domain/community/request-policy.ts';
import { newRequestFields, type DatasetRequest } from '../../domain/community/requests.ts';
import { AppError } from '../../domain/errors.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { saveRecorded } from './save-recorded.ts';

/**
 * Asks for data not yet published, as the signed-in resident: what, why,
 * and which organization probably holds it (its editors may then answer).
 */
export async function postRequest(deps: Deps, p: Principal, input: unknown): Promise<DatasetRequest> {
  requireUser(p, 'Asking for data');
  if (!canRequest(p)) deny(p, 'Asking for data needs a token with the write scope.');
  const parsed = newRequestFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The request is', parsed.error);
  const v = parsed.data;
  const org = v.organization ? await deps.catalog.datasets.getOrganization(v.organization) : undefined;
  if (v.organization && !org) {
    const message = `There is no organization "${v.organization}"; choose one from the list, or leave it empty.`;
    throw new AppError('validation_failed', `The request is not valid: organization: ${message}`, { fields: [{ field: 'organization', message }] });
  }
  const now = deps.clock.now().toISOString();
  const request: DatasetRequest = {
    id: deps.newId(),
    title: v.title,
    description: v.description,
    organizationId: org?.id ?? null,
    authorId: p.userId,
    status: 'new',
    statusNote: null,
    declineReason: null,
    targetDate: null,
    datasetId: null,
    hidden: false,
    votes: 0,
    createdAt: now,
    updatedAt: now,
  };
  return saveRecorded(deps, p, request, (tx) => tx.requests.createRequest(request), { verb: 'request.posted', organizationId: request.organizationId, summary: `asked for the data “${request.title}”`, details: { request_id: request.id }, subject: subjectOf('request', request.id) });
}
