import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { escapeHtml } from '../../domain/notify/html.ts';
import { canFulfilWith } from '../../domain/community/request-policy.ts';
import { fulfilFields, type DatasetRequest } from '../../domain/community/requests.ts';
import { AppError } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { requireUser, deny } from '../auth/authorize.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleRequest } from './request-access.ts';

/** The email telling a follower or voter that the data they asked for is published, with its link. */
function notice(deps: Deps, request: DatasetRequest, dataset: Dataset, name: string, note: string): { subject: string; text: string; html: string } {
  const site = deps.site.name;
  const datasetLink = `${deps.site.baseUrl}/datasets/${encodeURIComponent(dataset.slug)}`;
  const requestLink = `${deps.site.baseUrl}/requests/${encodeURIComponent(request.id)}`;
  const subject = `Published: the data asked for in “${request.title}” on ${site}`;
  const lines = [
    `Hello ${name},`,
    `The request “${request.title}”, which you follow or voted for, is fulfilled: the dataset “${dataset.title}” is published.`,
    ...(note ? [note] : []),
    `The dataset: ${datasetLink}`,
    `The request: ${requestLink}`,
    site,
  ];
  return { subject, text: `${lines.join('\n\n')}\n`, html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n') + '\n' };
}

/** Everyone to tell: the request's followers, its voters and its author, each once. */
async function audience(store: CatalogStore, request: DatasetRequest): Promise<string[]> {
  const [subs, voters] = await Promise.all([store.activity.subscriptionsOn('request', request.id), store.requests.requestVoters(request.id)]);
  return [...new Set([...subs.map((s) => s.userId), ...voters, ...(request.authorId ? [request.authorId] : [])])];
}

/**
 * Marks a published dataset the caller can edit as fulfilling a request: the
 * request closes as published, linking the dataset, and every follower and
 * voter is told by email with the dataset's link.
 */
export async function fulfilRequest(deps: Deps, p: Principal, id: string, input: unknown): Promise<DatasetRequest> {
  requireUser(p, 'Fulfilling a request');
  const parsed = fulfilFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const request = await visibleRequest(deps, p, id, tx);
    if (!parsed.success) throw invalidInput('The dataset that fulfils the request is', parsed.error);
    const dataset = await visibleDataset(deps, p, parsed.data.dataset, tx);
    if (!canFulfilWith(p, dataset)) deny(p, `Only editors of the organization of "${dataset.slug}" may mark it as fulfilling a request.`);
    if (request.status === 'published') throw new AppError('conflict', 'This request is already fulfilled.', { dataset_id: request.datasetId });
    if (request.hidden) throw new AppError('conflict', 'This request is hidden while moderators look at it; fulfil it once it is shown again.');
    if (!canSeeDataset(anonymous, dataset)) throw new AppError('conflict', `Publish "${dataset.slug}" first: a request is fulfilled by data everyone can see.`, { dataset: dataset.slug });
    const note = parsed.data.note;
    const at = deps.clock.now().toISOString();
    await tx.requests.changeRequestStatus({ requestId: request.id, from: request.status, to: 'published', note: note || null, declineReason: null, targetDate: null, datasetId: dataset.id, actorId: p.userId, at });
    await recordActivity(deps, tx, p, {
      verb: 'request.fulfilled',
      datasetId: dataset.id,
      organizationId: dataset.organizationId,
      summary: `marked the dataset “${dataset.title}” as fulfilling the request “${request.title}”`,
      details: { request_id: request.id, dataset_id: dataset.id, dataset_slug: dataset.slug, from: request.status },
      subject: subjectOf('request', request.id),
    });
    const done: DatasetRequest = { ...request, status: 'published', statusNote: note || null, declineReason: null, targetDate: null, datasetId: dataset.id, updatedAt: at };
    for (const userId of await audience(tx, request)) {
      const user = await tx.accounts.getUser(userId);
      if (!user || user.disabled) continue;
      await tx.activity.enqueueMail({ id: deps.newId(), to: user.email, ...notice(deps, done, dataset, user.name, note), createdAt: at, attempts: 0, nextAttemptAt: at, sentAt: null, lastError: null });
    }
    deps.signals.send('job-queued');
    return done;
  });
}
