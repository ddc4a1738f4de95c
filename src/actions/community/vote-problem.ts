import { canTakePart } from '../../domain/community/policy.ts';
import { AppError } from '../../domain/errors.ts';
import type { VoteOutcome } from '../../ports/store/problems.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

/** Votes "me too" on a problem, once per account: a second vote changes nothing and says so. */
export async function voteForProblem(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireUser(p, 'Voting');
  if (!canTakePart(p)) deny(p, 'Voting needs a token with the write scope.');
  const problem = await visibleProblem(deps, p, id);
  if (problem.mergedInto) throw new AppError('conflict', 'This problem was merged into another; vote on that one.', { merged_into: problem.mergedInto });
  if (problem.hidden) throw new AppError('conflict', 'This problem is hidden while moderators look at it; votes wait until it is shown again.');
  return deps.catalog.problems.addVote(problem.id, p.userId, deps.clock.now().toISOString());
}

/** Takes the account's vote back; nothing to take back changes nothing. */
export async function withdrawVote(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireUser(p, 'Taking a vote back');
  if (!canTakePart(p)) deny(p, 'Taking a vote back needs a token with the write scope.');
  const problem = await visibleProblem(deps, p, id);
  return deps.catalog.problems.removeVote(problem.id, p.userId);
}
