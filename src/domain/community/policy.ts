import type { Principal } from '../accounts/principal.ts';
import { roleAtLeast } from '../accounts/types.ts';
import type { Problem } from './problems.ts';

/** Who may post, vote and comment: anyone signed in whose email address is confirmed, through a token only with `write` scope. */
export function canTakePart(p: Principal): boolean {
  return p.kind === 'user' && p.scopes.includes('write') && p.emailVerified;
}

/** Moderators of the community areas: accounts flagged as moderators, and site administrators. */
const moderator = (p: Principal): boolean => p.kind === 'user' && (p.isModerator || p.isSiteAdmin);

/** Who may moderate (triage any problem, assign, merge, hide): moderators, with `write` scope. */
export function canModerate(p: Principal): boolean {
  return canTakePart(p) && moderator(p);
}

/** Who may read what moderators read (hidden problems and comments): moderators, with `read` scope. */
export function readsAsModerator(p: Principal): boolean {
  return p.kind === 'user' && p.scopes.includes('read') && moderator(p);
}

/**
 * Who may triage a problem: moderators, and editors of the organization it is
 * assigned to; with `write` scope.
 */
export function canTriageProblem(p: Principal, problem: Pick<Problem, 'organizationId'>): boolean {
  if (!canTakePart(p) || p.kind !== 'user') return false;
  if (moderator(p)) return true;
  return problem.organizationId !== null && roleAtLeast(p.roles[problem.organizationId], 'editor');
}

/** Who sees a hidden problem: moderators, editors of its organization, and its author (with `read` scope). */
export function canSeeProblem(p: Principal, problem: Pick<Problem, 'organizationId' | 'hidden' | 'authorId'>): boolean {
  if (!problem.hidden) return true;
  if (p.kind !== 'user' || !p.scopes.includes('read')) return false;
  return moderator(p) || p.userId === problem.authorId || (problem.organizationId !== null && roleAtLeast(p.roles[problem.organizationId], 'editor'));
}
