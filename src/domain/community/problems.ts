/**
 * The problem inventory (PRODUCT.md §5): local problems residents and
 * community organizations post before anyone builds, which others vote
 * "me too" on and city staff triage.
 */

/** Where a problem is triaged, in order; `declined` ends it with a reason. */
export const PROBLEM_STATUSES = ['new', 'under_review', 'scoped', 'in_project', 'addressed', 'declined'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The categories a site starts with; the list is a site setting, like themes. */
export const DEFAULT_PROBLEM_CATEGORIES = ['housing', 'food', 'jobs', 'health', 'safety', 'mobility', 'environment', 'other'] as const;

/**
 * How the list is ordered: most votes, newest, most votes in the last 30
 * days, or best match to the text searched for (most votes without text).
 */
export const PROBLEM_SORTS = ['votes', 'newest', 'trending', 'relevance'] as const;
export type ProblemSort = (typeof PROBLEM_SORTS)[number];

/** What the list counts its problems by, for the current search and filters. */
export const PROBLEM_FACETS = ['category', 'status', 'area'] as const;
export type ProblemFacet = (typeof PROBLEM_FACETS)[number];

/** The days whose votes make a problem trending. */
export const TRENDING_DAYS = 30;

/**
 * Where a problem happens: a point (no address is asked for or kept), an
 * area of the boundary dataset the site names (a ZIP code area, say), or the
 * whole city.
 */
export type ProblemPlace =
  | { kind: 'point'; lat: number; lon: number }
  | { kind: 'area'; area: string }
  | { kind: 'citywide' };

export interface Problem {
  id: string;
  title: string;
  /** What happens. */
  description: string;
  /** Who is affected. */
  affected: string;
  category: string;
  place: ProblemPlace;
  /**
   * The boundary area the problem lies in: the area picked, or the one a
   * point falls in; null for citywide problems and points outside every area.
   */
  area: string | null;
  status: ProblemStatus;
  /** Why it was declined (required then), or a note on the last change of status. */
  statusReason: string | null;
  /** The organization it is assigned to, whose editors may triage it. */
  organizationId: string | null;
  /** Who posted it; null when posted without an account (held for moderation). */
  authorId: string | null;
  /** Hidden by a moderator, or held for moderation: shown to moderators only. */
  hidden: boolean;
  /** The problem this duplicate was merged into; its page redirects there. */
  mergedInto: string | null;
  /** "Me too" votes: always the number of votes kept for it. */
  votes: number;
  createdAt: string;
  updatedAt: string;
}

/** One change of a problem's status, for its history and the activity stream. */
export interface ProblemStatusChange {
  problemId: string;
  from: ProblemStatus;
  to: ProblemStatus;
  reason: string | null;
  actorId: string;
  at: string;
}

/** A comment on a problem, with its author's name as shown. */
export interface ProblemComment {
  id: string;
  problemId: string;
  authorId: string;
  /** The author's name; empty when the account is gone. */
  authorName: string;
  body: string;
  /** Hidden by a moderator: shown to moderators only. */
  hidden: boolean;
  createdAt: string;
}

/** The statuses a problem may move to from each one. */
const NEXT: Readonly<Record<ProblemStatus, readonly ProblemStatus[]>> = {
  new: ['under_review', 'declined'],
  under_review: ['new', 'scoped', 'declined'],
  scoped: ['under_review', 'in_project', 'declined'],
  in_project: ['scoped', 'addressed', 'declined'],
  addressed: ['in_project'],
  declined: ['under_review'],
};

/** Whether triage may move a problem from `from` to `to`. */
export const canMoveProblem = (from: ProblemStatus, to: ProblemStatus): boolean => NEXT[from].includes(to);

/** The statuses a problem may move to next. */
export const nextProblemStatuses = (from: ProblemStatus): readonly ProblemStatus[] => NEXT[from];

/** The shortest way through triage from `new` to `to`, without `new` itself (empty for `new`). */
export const triagePath = (to: ProblemStatus): ProblemStatus[] => pathBetween('new', to);

/** The shortest way through triage from `from` to `to`, without `from` itself (empty when they are the same or `to` cannot be reached). */
export function pathBetween(from: ProblemStatus, to: ProblemStatus): ProblemStatus[] {
  const queue: ProblemStatus[][] = [[from]];
  const seen = new Set<ProblemStatus>([from]);
  for (let path = queue.shift(); path; path = queue.shift()) {
    const last = path.at(-1)!;
    if (last === to) return path.slice(1);
    for (const next of NEXT[last]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return [];
}

/** The forward order of work on a problem; `declined` is off it. */
const FORWARD: readonly ProblemStatus[] = ['new', 'under_review', 'scoped', 'in_project', 'addressed'];

/**
 * The steps that take a problem forward to `to` (for example when a
 * scope-a-thon scopes it or a project takes it up): none when it is already
 * there or further on, or when it was declined.
 */
export function forwardPath(from: ProblemStatus, to: ProblemStatus): ProblemStatus[] {
  const at = FORWARD.indexOf(from);
  const target = FORWARD.indexOf(to);
  if (at < 0 || target < 0 || at >= target) return [];
  return pathBetween(from, to);
}

/** Open problems are the ones still being worked on: not addressed, declined or merged away. */
/** The statuses of problems still being worked on. */
export const OPEN_PROBLEM_STATUSES = ['new', 'under_review', 'scoped', 'in_project'] as const satisfies readonly ProblemStatus[];

export const isOpenProblem = (p: Pick<Problem, 'status' | 'mergedInto'>): boolean => p.mergedInto === null && (OPEN_PROBLEM_STATUSES as readonly ProblemStatus[]).includes(p.status);
