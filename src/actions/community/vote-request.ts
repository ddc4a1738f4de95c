import { canRequest } from '../../domain/community/request-policy.ts';
import { AppError } from '../../domain/errors.ts';
import type { VoteOutcome } from '../../ports/store/problems.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleRequest } from './request-access.ts';

/** Votes for a request, once per account: a second vote changes nothing and says so. */
export async function voteForRequest(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireUser(p, 'Voting');
  if (!canRequest(p)) deny(p, 'Voting needs a token with the write scope.');
  const request = await visibleRequest(deps, p, id);
  if (request.hidden) throw new AppError('conflict', 'This request is hidden while moderators look at it; votes wait until it is shown again.');
  return deps.catalog.requests.addRequestVote(request.id, p.userId, deps.clock.now().toISOString());
}

/** Takes the account's vote back; nothing to take back changes nothing. */
export async function withdrawRequestVote(deps: Deps, p: Principal, id: string): Promise<VoteOutcome> {
  requireUser(p, 'Taking a vote back');
  if (!canRequest(p)) deny(p, 'Taking a vote back needs a token with the write scope.');
  const request = await visibleRequest(deps, p, id);
  return deps.catalog.requests.removeRequestVote(request.id, p.userId);
}
