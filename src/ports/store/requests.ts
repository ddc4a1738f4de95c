import type { FacetCount } from '../../domain/catalog/search.ts';
import type { DatasetRequest, RequestComment, RequestSort, RequestStatus, RequestStatusChange } from '../../domain/community/requests.ts';
import type { VoteOutcome } from './problems.ts';

export interface RequestQuery {
  /** `relevance` orders by the match to `q`, then by votes; without `q` it is `votes`. */
  sort: RequestSort | 'relevance';
  statuses?: RequestStatus[];
  organizationId?: string;
  /** Hidden requests are left out unless this is set (moderators). */
  includeHidden?: boolean;
  limit: number;
  offset: number;
  /**
   * Text to search for, read as the catalog search reads it (stems in English
   * and Spanish, accents folded, near spellings, completions of the last
   * word): a request matches any of its words.
   */
  q?: string;
  /** Groups of words that mean the same to readers (the site's synonyms), for `q`. */
  synonyms?: string[][];
  /** Count the requests found by status, under every filter but the status. */
  statusFacet?: boolean;
}

export interface RequestPage {
  total: number;
  results: DatasetRequest[];
  /** With `statusFacet`: each status's requests, most first. */
  facets?: { status: FacetCount[] };
}

export type RequestPatch = Partial<Pick<DatasetRequest, 'title' | 'description' | 'organizationId' | 'hidden' | 'updatedAt'>>;

/**
 * Dataset requests: the requests, their votes (one per account; the count
 * always equals the votes kept, whatever runs at once), the city's answers
 * and the comments.
 */
export interface RequestStore {
  createRequest(r: DatasetRequest): Promise<void>;
  getRequest(id: string): Promise<DatasetRequest | undefined>;
  listRequests(query: RequestQuery): Promise<RequestPage>;
  updateRequest(id: string, patch: RequestPatch): Promise<void>;
  /** Adds the account's vote unless it is there already. */
  addRequestVote(requestId: string, userId: string, at: string): Promise<VoteOutcome>;
  /** Takes the account's vote back, if it voted. */
  removeRequestVote(requestId: string, userId: string): Promise<VoteOutcome>;
  /** Of the requests given, those the account voted on. */
  requestsVotedOn(userId: string, requestIds: string[]): Promise<Set<string>>;
  /** The accounts that voted on a request, oldest vote first. */
  requestVoters(requestId: string): Promise<string[]>;
  /** Moves the request to `change.to` (with its reason, date or dataset) and keeps the change in its history, in one transaction. */
  changeRequestStatus(change: RequestStatusChange): Promise<void>;
  /** A request's changes of status, oldest first. */
  requestHistory(requestId: string): Promise<RequestStatusChange[]>;
  /** The requests a dataset fulfilled, newest first, hidden ones left out. */
  requestsFulfilledBy(datasetId: string): Promise<DatasetRequest[]>;
  addRequestComment(c: Omit<RequestComment, 'authorName'>): Promise<void>;
  /** A request's comments, oldest first, hidden ones only when asked. */
  listRequestComments(requestId: string, includeHidden: boolean): Promise<RequestComment[]>;
  /** One comment on a request, hidden or not. */
  getRequestComment(id: string): Promise<RequestComment | undefined>;
  /** Hides a comment on a request from the public, or shows it again. */
  setRequestCommentHidden(id: string, hidden: boolean): Promise<void>;
}
