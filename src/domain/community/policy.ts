import type { Principal } from '../accounts/principal.ts';
import { roleAtLeast } from '../accounts/types.ts';
import type { Problem } from './problems.ts';

/**
 * Who may triage a problem: site administrators (who moderate the community
 * areas), and editors of the organization it is assigned to.
 */
export function canTriageProblem(p: Principal, problem: Pick<Problem, 'organizationId'>): boolean {
  if (p.kind !== 'user') return false;
  if (p.isSiteAdmin) return true;
  return problem.organizationId !== null && roleAtLeast(p.roles[problem.organizationId], 'editor');
}

/** Who sees a hidden problem: those who may triage it, and its author. */
export function canSeeProblem(p: Principal, problem: Pick<Problem, 'organizationId' | 'hidden' | 'authorId'>): boolean {
  if (!problem.hidden) return true;
  return canTriageProblem(p, problem) || (p.kind === 'user' && p.userId === problem.authorId);
}
