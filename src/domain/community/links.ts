/**
 * What bears on a problem: the datasets (and later the dataset requests and
 * co-design projects) staff link to it, each shown on the problem's page and
 * the problem shown on theirs.
 */

/** The kinds of things a problem links to: datasets now; requests and projects as they come. */
export const PROBLEM_LINK_KINDS = ['dataset', 'request', 'project'] as const;
export type ProblemLinkKind = (typeof PROBLEM_LINK_KINDS)[number];

export interface ProblemLink {
  problemId: string;
  kind: ProblemLinkKind;
  /** The dataset's (request's, project's) id. */
  targetId: string;
  /** Who linked it. */
  linkedBy: string;
  linkedAt: string;
}
