import type { ProblemLink, ProblemLinkKind } from '../../domain/community/links.ts';

/**
 * Links from problems to what bears on them (datasets, requests, projects).
 * One link per problem, kind and target: linking twice keeps the first.
 */
export interface ProblemLinkStore {
  /** Adds the link unless it is there already; true when it was added. */
  addProblemLink(link: ProblemLink): Promise<boolean>;
  /** Removes the link, if there is one; true when it was removed. */
  removeProblemLink(problemId: string, kind: ProblemLinkKind, targetId: string): Promise<boolean>;
  /** A problem's links, oldest first. */
  listProblemLinks(problemId: string): Promise<ProblemLink[]>;
  /** The problems (not merged away) linked to a target, newest link first. */
  problemsLinkedTo(kind: ProblemLinkKind, targetId: string): Promise<string[]>;
  /** Moves a merged duplicate's links to the problem it was merged into (a target both link is kept once); how many moved. */
  moveProblemLinks(fromProblemId: string, toProblemId: string): Promise<number>;
}
