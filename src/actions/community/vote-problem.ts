import { AppError } from '../../domain/errors.ts';
import type { VoteOutcome } from '../../ports/store/problems.ts';
import { requireTakingPart } from './take-part.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';

/** Votes "me too" on a problem, once per account: a second vote changes nothing and says so. */
export async function voteForProblem(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireTakingPart(p, 'Voting');
  const problem = await visibleProblem(deps, p, id);
  if (problem.mergedInto) throw new AppError('conflict', 'This problem was merged into another; vote on that one.', { merged_into: problem.mergedInto });
  if (problem.hidden) throw new AppError('conflict', 'This problem is hidden while moderators look at it; votes wait until it is shown again.');
  return deps.catalog.problems.addVote(problem.id, p.userId, deps.clock.now().toISOString());
}

/** Takes the account's vote back; nothing to take back changes nothing. */
export async function withdrawVote(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireTakingPart(p, 'Taking a vote back');
  const problem = await visibleProblem(deps, p, id);
  return deps.catalog.problems.removeVote(problem.id, p.userId);
}
