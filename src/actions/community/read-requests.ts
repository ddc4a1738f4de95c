import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { roleAtLeast } from '../../domain/accounts/types.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { canModerate, readsAsModerator } from '../../domain/community/policy.ts';
import { canAnswerRequest, canFulfilWith, canSeeRequest } from '../../domain/community/request-policy.ts';
import type { DatasetRequest, RequestComment, RequestSort, RequestStatus, RequestStatusChange } from '../../domain/community/requests.ts';
import type { RequestPage } from '../../ports/store/requests.ts';
import type { Deps, Principal } from '../deps.ts';
import { textSearch } from './text-search.ts';
import { visibleRequest } from './request-access.ts';

/** The request list as the actions take it. */
export interface RequestListRequest {
  sort?: RequestSort;
  statuses?: RequestStatus[];
  /** An organization's slug or id. */
  organization?: string;
  limit?: number;
  offset?: number;
  /** Text to search for; with no `sort`, the requests matching it best come first. */
  q?: string;
  /** Count the requests found by status. */
  facets?: boolean;
}

export interface RequestListPage extends RequestPage {
  /** Of the requests listed, those the principal voted on. */
  voted: Set<string>;
}

/**
 * Requests the principal may see, found by text as the catalog finds datasets
 * (the site's synonyms included), most voted first unless asked otherwise or
 * searched for; moderators also see hidden ones.
 */
export async function listRequests(deps: Deps, p: Principal, r: RequestListRequest = {}): Promise<RequestListPage> {
  const org = r.organization ? await deps.catalog.datasets.getOrganization(r.organization) : undefined;
  if (r.organization && !org) return { total: 0, results: [], voted: new Set(), ...(r.facets ? { facets: { status: [] } } : {}) };
  const search = await textSearch(deps, r.q);
  const page = await deps.catalog.requests.listRequests({
    ...search,
    ...(r.facets ? { statusFacet: true } : {}),
    sort: r.sort ?? (search.q ? 'relevance' : 'votes'),
    ...(r.statuses?.length ? { statuses: r.statuses } : {}),
    ...(org ? { organizationId: org.id } : {}),
    includeHidden: readsAsModerator(p),
    limit: r.limit ?? 20,
    offset: r.offset ?? 0,
  });
  const voted = p.kind === 'user' ? await deps.catalog.requests.requestsVotedOn(p.userId, page.results.map((x) => x.id)) : new Set<string>();
  return { ...page, voted };
}

export interface RequestDetail {
  request: DatasetRequest;
  history: RequestStatusChange[];
  comments: RequestComment[];
  /** The dataset that fulfils it, when published and visible to the principal. */
  dataset: Dataset | null;
  /** The organization it names, by name. */
  organizationName: string | null;
  votedByYou: boolean;
  mayAnswer: boolean;
  /** Whether the principal may hide or show the request and its comments. */
  mayModerate: boolean;
}

/** One request the principal may see, with its history, comments, the dataset fulfilling it and whether the principal voted. */
export async function getRequest(deps: Deps, p: Principal, id: string): Promise<RequestDetail> {
  const request = await visibleRequest(deps, p, id);
  const mayAnswer = canAnswerRequest(p, request);
  const [history, comments, voted, dataset, org] = await Promise.all([
    deps.catalog.requests.requestHistory(request.id),
    deps.catalog.requests.listRequestComments(request.id, mayAnswer),
    p.kind === 'user' ? deps.catalog.requests.requestsVotedOn(p.userId, [request.id]) : Promise.resolve(new Set<string>()),
    request.datasetId ? deps.catalog.datasets.getDataset(request.datasetId) : Promise.resolve(undefined),
    request.organizationId ? deps.catalog.datasets.getOrganization(request.organizationId) : Promise.resolve(undefined),
  ]);
  return { request, history, comments, dataset: dataset && canSeeDataset(p, dataset) ? dataset : null, organizationName: org?.name ?? null, votedByYou: voted.has(request.id), mayAnswer, mayModerate: canModerate(p) };
}

/** The requests a dataset fulfilled, as the principal may see them. */
export async function requestsFulfilledBy(deps: Deps, p: Principal, datasetId: string): Promise<DatasetRequest[]> {
  return (await deps.catalog.requests.requestsFulfilledBy(datasetId)).filter((r) => canSeeRequest(p, r));
}

/** Published datasets the principal may mark as fulfilling a request, by title. */
export async function fulfillingCandidates(deps: Deps, p: Principal): Promise<Dataset[]> {
  if (p.kind !== 'user') return [];
  const orgs = Object.entries(p.roles).filter(([, role]) => roleAtLeast(role, 'editor')).map(([id]) => id);
  const lists = await Promise.all(orgs.map((organizationId) => deps.catalog.datasets.listDatasets({ organizationId, limit: 500, offset: 0 })));
  return lists
    .flatMap((l) => l.results)
    .filter((d) => canFulfilWith(p, d) && canSeeDataset(anonymous, d))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Open requests a publisher may mark a dataset as fulfilling (for the describe page's choice), most voted first. */
export async function openRequests(deps: Deps, p: Principal): Promise<DatasetRequest[]> {
  const page = await deps.catalog.requests.listRequests({ sort: 'votes', statuses: ['new', 'under_review', 'planned'], includeHidden: false, limit: 200, offset: 0 });
  return page.results.filter((r) => canSeeRequest(p, r));
}

/** What a dataset's describe page offers: whether it is public yet, the open requests it could fulfil, and those it fulfils. */
export async function fulfilChoice(deps: Deps, p: Principal, dataset: Dataset): Promise<{ published: boolean; open: DatasetRequest[]; fulfilled: DatasetRequest[] }> {
  const [open, fulfilled] = await Promise.all([openRequests(deps, p), requestsFulfilledBy(deps, p, dataset.id)]);
  return { published: canSeeDataset(anonymous, dataset), open, fulfilled };
}

/** The id of the request a comment is on, or undefined when there is no such comment. */
export async function requestOfComment(deps: Deps, commentId: string): Promise<string | undefined> {
  return (await deps.catalog.requests.getRequestComment(commentId))?.requestId;
}
