import type { Principal } from '../accounts/principal.ts';
import { roleAtLeast } from '../accounts/types.ts';
import type { Problem } from './problems.ts';

/** Who may post and vote: anyone signed in, through a token only with `write` scope. */
export function canTakePart(p: Principal): boolean {
  return p.kind === 'user' && p.scopes.includes('write');
}

/**
 * Who may triage a problem: site administrators (who moderate the community
 * areas), and editors of the organization it is assigned to; with `write`
 * scope.
 */
export function canTriageProblem(p: Principal, problem: Pick<Problem, 'organizationId'>): boolean {
  if (!canTakePart(p) || p.kind !== 'user') return false;
  if (p.isSiteAdmin) return true;
  return problem.organizationId !== null && roleAtLeast(p.roles[problem.organizationId], 'editor');
}

/** Who sees a hidden problem: site administrators and editors of its organization, and its author (with `read` scope). */
export function canSeeProblem(p: Principal, problem: Pick<Problem, 'organizationId' | 'hidden' | 'authorId'>): boolean {
  if (!problem.hidden) return true;
  if (p.kind !== 'user' || !p.scopes.includes('read')) return false;
  return p.isSiteAdmin || p.userId === problem.authorId || (problem.organizationId !== null && roleAtLeast(p.roles[problem.organizationId], 'editor'));
}
