import { z } from 'zod';
import type { RequestDetail, RequestListPage } from '../../../actions/community/read-requests.ts';
import { DECLINE_REASONS, REQUEST_STATUSES, type DatasetRequest, type RequestComment, type RequestStatusChange } from '../../../domain/community/requests.ts';
import type { VoteOutcome } from '../../../ports/store/problems.ts';

/** How dataset requests leave the API. */

export const requestUrl = (id: string): string => `/api/v1/requests/${encodeURIComponent(id)}`;

export const requestSchema = z.object({
  id: z.string(),
  title: z.string().describe('What data is asked for'),
  description: z.string().describe('Why it is needed'),
  organization_id: z.string().nullable().describe('The organization that probably holds the data'),
  status: z.enum(REQUEST_STATUSES),
  status_note: z.string().nullable(),
  decline_reason: z.enum(DECLINE_REASONS).nullable(),
  target_date: z.string().nullable().describe('When the data is planned for (YYYY-MM-DD)'),
  dataset_id: z.string().nullable().describe('The dataset that fulfils it'),
  votes: z.number().int(),
  voted: z.boolean().nullable().describe('Whether the caller voted; null for anonymous callers'),
  hidden: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), vote: z.string() }),
});

export function presentRequest(r: DatasetRequest, voted: boolean | null): z.infer<typeof requestSchema> {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    organization_id: r.organizationId,
    status: r.status,
    status_note: r.statusNote,
    decline_reason: r.declineReason,
    target_date: r.targetDate,
    dataset_id: r.datasetId,
    votes: r.votes,
    voted,
    hidden: r.hidden,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    links: { self: requestUrl(r.id), vote: `${requestUrl(r.id)}/vote` },
  };
}

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const requestListSchema = z.object({
  total: z.number().int(),
  results: z.array(requestSchema),
  facets: z.object({ status: facetSchema }).describe('The requests found, counted by status, most first; the counts apply every filter but the status'),
});

export function presentRequestList(page: RequestListPage, signedIn: boolean): z.infer<typeof requestListSchema> {
  return { total: page.total, results: page.results.map((r) => presentRequest(r, signedIn ? page.voted.has(r.id) : null)), facets: { status: page.facets?.status ?? [] } };
}

const changeSchema = z.object({
  from: z.enum(REQUEST_STATUSES),
  to: z.enum(REQUEST_STATUSES),
  note: z.string().nullable(),
  decline_reason: z.enum(DECLINE_REASONS).nullable(),
  target_date: z.string().nullable(),
  dataset_id: z.string().nullable(),
  at: z.string(),
});
const presentChange = (c: RequestStatusChange): z.infer<typeof changeSchema> => ({ from: c.from, to: c.to, note: c.note, decline_reason: c.declineReason, target_date: c.targetDate, dataset_id: c.datasetId, at: c.at });

export const requestCommentSchema = z.object({ id: z.string(), author: z.object({ name: z.string() }), body: z.string(), hidden: z.boolean(), created_at: z.string() });
export const presentRequestComment = (c: RequestComment): z.infer<typeof requestCommentSchema> => ({ id: c.id, author: { name: c.authorName }, body: c.body, hidden: c.hidden, created_at: c.createdAt });

export const requestDetailSchema = requestSchema.extend({
  history: z.array(changeSchema).describe("The city's answers, oldest first"),
  comments: z.array(requestCommentSchema).describe('Oldest first'),
  dataset: z.object({ id: z.string(), slug: z.string(), title: z.string(), url: z.string() }).nullable().describe('The dataset that fulfils it, when the caller may see it'),
});

export function presentRequestDetail(d: RequestDetail, signedIn: boolean): z.infer<typeof requestDetailSchema> {
  return {
    ...presentRequest(d.request, signedIn ? d.votedByYou : null),
    history: d.history.map(presentChange),
    comments: d.comments.map(presentRequestComment),
    dataset: d.dataset ? { id: d.dataset.id, slug: d.dataset.slug, title: d.dataset.title, url: `/api/v1/datasets/${encodeURIComponent(d.dataset.slug)}` } : null,
  };
}

export const requestVoteSchema = z.object({ voted: z.boolean(), changed: z.boolean().describe('false when the vote was already there, or already gone'), votes: z.number().int() });
export const presentRequestVote = (o: VoteOutcome, voted: boolean): z.infer<typeof requestVoteSchema> => ({ voted, changed: o.changed, votes: o.votes });
