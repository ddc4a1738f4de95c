import type { Principal } from '../accounts/principal.ts';
import { canModerate, canTakePart, readsAsModerator } from './policy.ts';
import type { Showcase } from './showcases.ts';

/** Who may submit a showcase: anyone signed in (a token needs `write`). */
export const canSubmitShowcase = (p: Principal): boolean => canTakePart(p);

/** Who may approve or reject one: moderators. */
export const canReviewShowcase = (p: Principal): boolean => canModerate(p);

/** Who may see a showcase: everyone once approved; before that, its author and moderators. */
export function canSeeShowcase(p: Principal, s: Pick<Showcase, 'state' | 'authorId'>): boolean {
  if (s.state === 'approved') return true;
  if (p.kind !== 'user' || !p.scopes.includes('read')) return false;
  return p.userId === s.authorId || readsAsModerator(p);
}
