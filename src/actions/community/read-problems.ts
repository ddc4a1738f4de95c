import { canModerate, canTriageProblem, readsAsModerator } from '../../domain/community/policy.ts';
import { PROBLEM_FACETS, TRENDING_DAYS, type Problem, type ProblemComment, type ProblemSort, type ProblemStatus, type ProblemStatusChange } from '../../domain/community/problems.ts';
import type { ProblemPage } from '../../ports/store/problems.ts';
import type { Deps, Principal } from '../deps.ts';
import { textSearch } from './text-search.ts';
import { visibleProblem } from './access.ts';

/** The problem list as the actions take it, read and checked by whoever took it in. */
export interface ProblemListRequest {
  /** Text to search for; with no `sort`, the problems matching it best come first. */
  q?: string;
  /** Without one: by relevance when there is text, else most votes first. */
  sort?: ProblemSort;
  statuses?: ProblemStatus[];
  categories?: string[];
  areas?: string[];
  /** An organization's slug or id. */
  organization?: string;
  limit?: number;
  offset?: number;
  /** Count the problems found by category, status and area. */
  facets?: boolean;
}

export interface ProblemListPage extends ProblemPage {
  /** Of the problems listed, those the principal voted on. */
  voted: Set<string>;
}

/**
 * Problems the principal may see, found by text as the catalog finds
 * datasets (the site's synonyms included), most voted first unless asked
 * otherwise or searched for; moderators also see hidden ones.
 */
export async function listProblems(deps: Deps, p: Principal, r: ProblemListRequest = {}): Promise<ProblemListPage> {
  const org = r.organization ? await deps.catalog.datasets.getOrganization(r.organization) : undefined;
  if (r.organization && !org) return { total: 0, results: [], voted: new Set(), ...(r.facets ? { facets: Object.fromEntries(PROBLEM_FACETS.map((f) => [f, []])) } : {}) };
  const since = new Date(deps.clock.now().getTime() - TRENDING_DAYS * 86_400_000).toISOString();
  const search = await textSearch(deps, r.q);
  const page = await deps.catalog.problems.listProblems({
    ...search,
    sort: r.sort ?? (search.q ? 'relevance' : 'votes'),
    ...(r.statuses?.length ? { statuses: r.statuses } : {}),
    ...(r.categories?.length ? { categories: r.categories } : {}),
    ...(r.areas?.length ? { areas: r.areas } : {}),
    ...(org ? { organizationId: org.id } : {}),
    includeHidden: readsAsModerator(p),
    trendingSince: since,
    limit: r.limit ?? 20,
    offset: r.offset ?? 0,
    ...(r.facets ? { facets: [...PROBLEM_FACETS] } : {}),
  });
  const voted = p.kind === 'user' ? await deps.catalog.problems.votedOn(p.userId, page.results.map((x) => x.id)) : new Set<string>();
  return { ...page, voted };
}

export interface ProblemDetail {
  problem: Problem;
  history: ProblemStatusChange[];
  /** Oldest first; hidden ones for those who may triage the problem. */
  comments: ProblemComment[];
  votedByYou: boolean;
  mayTriage: boolean;
  /** Moderators assign, hide and merge. */
  mayModerate: boolean;
}

/** One problem the principal may see, with its status history, its comments and whether the principal voted on it. */
export async function getProblem(deps: Deps, p: Principal, id: string): Promise<ProblemDetail> {
  const problem = await visibleProblem(deps, p, id);
  const mayTriage = canTriageProblem(p, problem);
  const [history, comments, voted] = await Promise.all([
    deps.catalog.problems.problemHistory(problem.id),
    deps.catalog.problems.listComments(problem.id, mayTriage),
    p.kind === 'user' ? deps.catalog.problems.votedOn(p.userId, [problem.id]) : Promise.resolve(new Set<string>()),
  ]);
  return { problem, history, comments, votedByYou: voted.has(problem.id), mayTriage, mayModerate: canModerate(p) };
}
