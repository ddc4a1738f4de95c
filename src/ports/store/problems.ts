import type { FacetCount } from '../../domain/catalog/search.ts';
import type { Problem, ProblemComment, ProblemFacet, ProblemSort, ProblemStatus, ProblemStatusChange } from '../../domain/community/problems.ts';

export interface ProblemQuery {
  /**
   * Text to search for, read as the catalog search reads it (stems in English
   * and Spanish, accents folded, near spellings, completions of the last
   * word): a problem matches any of its words, and those matching more come
   * first when sorted by relevance.
   */
  q?: string;
  /** Groups of words that mean the same to readers (the site's synonyms), for `q`. */
  synonyms?: string[][];
  /** `relevance` orders by the match to `q`, then by votes; without `q` it is `votes`. */
  sort: ProblemSort;
  statuses?: ProblemStatus[];
  categories?: string[];
  areas?: string[];
  organizationId?: string;
  /** Hidden problems are left out unless this is set (moderators). */
  includeHidden?: boolean;
  /** Only problems posted without an account and still held for moderation: hidden, and not declined. */
  heldOnly?: boolean;
  /** For `trending`: votes cast at or after this instant count. */
  trendingSince?: string;
  limit: number;
  offset: number;
  /** Facets to count; each count applies every filter except the facet's own. */
  facets?: ProblemFacet[];
}

export interface ProblemPage {
  /** Problems matching the query, on every page. */
  total: number;
  results: Problem[];
  /** The facets asked for: each value's problems, most first. */
  facets?: Partial<Record<ProblemFacet, FacetCount[]>>;
}

/** What a vote or its withdrawal did: whether it changed anything, and the count after it. */
export interface VoteOutcome {
  changed: boolean;
  votes: number;
}

export type ProblemPatch = Partial<Pick<Problem, 'title' | 'description' | 'affected' | 'category' | 'place' | 'area' | 'organizationId' | 'hidden' | 'mergedInto' | 'updatedAt'>>;

/**
 * The problem inventory: problems, their "me too" votes and their status
 * history. A problem's vote count always equals its votes kept, whatever
 * runs at once: one account's votes on one problem count once.
 */
export interface ProblemStore {
  createProblem(p: Problem): Promise<void>;
  getProblem(id: string): Promise<Problem | undefined>;
  /** Problems not merged into another, filtered and ordered as asked, with the total. */
  listProblems(query: ProblemQuery): Promise<ProblemPage>;
  updateProblem(id: string, patch: ProblemPatch): Promise<void>;
  /** Adds the account's vote unless it is there already. */
  addVote(problemId: string, userId: string, at: string): Promise<VoteOutcome>;
  /** Takes the account's vote back, if it voted. */
  removeVote(problemId: string, userId: string): Promise<VoteOutcome>;
  /** Of the problems given, those the account voted on. */
  votedOn(userId: string, problemIds: string[]): Promise<Set<string>>;
  /** Moves the problem to `change.to` (with its reason) and keeps the change in its history, in one transaction. */
  changeProblemStatus(change: ProblemStatusChange): Promise<void>;
  /** A problem's changes of status, oldest first. */
  problemHistory(problemId: string): Promise<ProblemStatusChange[]>;
  /**
   * Merges a duplicate into another problem, in one transaction: votes move
   * (an account that voted on both keeps one vote), comments move, problems
   * merged into the duplicate now point at the other, and the duplicate
   * keeps no votes and points at the other. Returns how many votes moved.
   */
  mergeProblem(duplicateId: string, intoId: string, at: string): Promise<number>;
  /** Adds a comment (its `authorName` is read from the account, not kept). */
  addComment(c: Omit<ProblemComment, 'authorName'>): Promise<void>;
  /** A problem's comments, oldest first, hidden ones only when asked. */
  listComments(problemId: string, includeHidden: boolean): Promise<ProblemComment[]>;
  /** One comment, hidden or not, with its author's name. */
  getComment(id: string): Promise<ProblemComment | undefined>;
  /** Hides a comment from the public, or shows it again. */
  setCommentHidden(id: string, hidden: boolean): Promise<void>;
}
