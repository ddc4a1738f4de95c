import { OPEN_PROBLEM_STATUSES, type Problem } from '../../domain/community/problems.ts';
import type { Deps, Principal } from '../deps.ts';
import { listProblems } from './read-problems.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { listShowcases } from '../showcases/read-showcases.ts';

/** How many of each list the community page and the home page show. */
export const OVERVIEW_LIST = 3;

/** The community areas at a glance, as the reader may see them. */
export interface CommunityOverview {
  /** Problems still being worked on: how many, and the most voted. */
  problems: { open: number; top: Problem[] };
  /** Approved showcases: how many, and the newest. */
  showcases: { total: number; latest: Showcase[] };
}

/** What the community page shows: each area's count and its first few items, as the principal may see them. */
export async function communityOverview(deps: Deps, p: Principal, limit = OVERVIEW_LIST): Promise<CommunityOverview> {
  const open = await listProblems(deps, p, { sort: 'votes', statuses: [...OPEN_PROBLEM_STATUSES], limit });
  const showcases = await listShowcases(deps, { limit });
  return { problems: { open: open.total, top: open.results.filter((x) => !x.hidden) }, showcases: { total: showcases.total, latest: showcases.results } };
}
