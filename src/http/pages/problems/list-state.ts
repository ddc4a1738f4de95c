import type { ProblemSort, ProblemStatus } from '../../../domain/community/problems.ts';

/** The list's state, from its URL. */
export interface ProblemListState {
  /** The text searched for; empty for none. */
  q: string;
  /** The sort asked for; without one, by relevance when searching, else by votes. */
  sort: ProblemSort | undefined;
  category: string | undefined;
  status: ProblemStatus | undefined;
  area: string | undefined;
  /** An organization's slug, as the map links to it. */
  organization?: string | undefined;
  page: number;
}

/** The sort the list is in. */
export const sortOf = (s: ProblemListState): ProblemSort => s.sort ?? (s.q ? 'relevance' : 'votes');

/** The list's address for a state: the search, the filters and the sort are in it, so any view can be shared. */
export function hrefOf(s: ProblemListState, page: number): string {
  const q = new URLSearchParams();
  if (s.q) q.set('q', s.q);
  if (s.sort) q.set('sort', s.sort);
  if (s.category) q.set('category', s.category);
  if (s.status) q.set('status', s.status);
  if (s.area) q.set('area', s.area);
  if (s.organization) q.set('organization', s.organization);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `/problems?${text}` : '/problems';
}
