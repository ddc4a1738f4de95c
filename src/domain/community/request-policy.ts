import type { Principal } from '../accounts/principal.ts';
import { canEditIn } from '../accounts/policy.ts';
import { roleAtLeast } from '../accounts/types.ts';
import { canModerate, canTakePart, readsAsModerator } from './policy.ts';
import type { DatasetRequest } from './requests.ts';

/** Who may ask for data, vote and comment: whoever may take part in the community areas. */
export const canRequest = (p: Principal): boolean => canTakePart(p);

/** Editors of the organization a request names. */
const editsFor = (p: Principal, r: Pick<DatasetRequest, 'organizationId'>): boolean =>
  p.kind === 'user' && r.organizationId !== null && roleAtLeast(p.roles[r.organizationId], 'editor');

/** Who answers a request (under review, planned, declined): moderators and editors of the organization it names, with `write` scope. */
export function canAnswerRequest(p: Principal, r: Pick<DatasetRequest, 'organizationId'>): boolean {
  return canModerate(p) || (canTakePart(p) && editsFor(p, r));
}

/** Who marks a dataset as fulfilling a request: an editor of the dataset's organization, with `write` scope. */
export function canFulfilWith(p: Principal, dataset: { organizationId: string }): boolean {
  return canTakePart(p) && canEditIn(p, dataset.organizationId);
}

/** Who sees a hidden request: moderators, editors of the organization it names, and its author (with `read` scope). */
export function canSeeRequest(p: Principal, r: Pick<DatasetRequest, 'organizationId' | 'hidden' | 'authorId'>): boolean {
  if (!r.hidden) return true;
  if (p.kind !== 'user' || !p.scopes.includes('read')) return false;
  return readsAsModerator(p) || p.userId === r.authorId || editsFor(p, r);
}
