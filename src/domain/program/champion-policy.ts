import type { Principal } from '../accounts/principal.ts';
import { canTakePart } from '../community/policy.ts';
import type { Champion } from './champions.ts';
import { canRunProgram, readsAsStaff } from './policy.ts';

/** Whether the profile is the principal's own (linked to their account). */
export const ownsChampion = (p: Principal, c: Pick<Champion, 'userId'>): boolean => p.kind === 'user' && c.userId !== null && c.userId === p.userId;

/** Who sees a profile: everyone once published; before, the person it belongs to and program staff. */
export function canSeeChampion(p: Principal, c: Pick<Champion, 'userId' | 'published'>): boolean {
  return c.published || ownsChampion(p, c) || readsAsStaff(p);
}

/** Who sees every channel, hidden ones too: the person and program staff. */
export function seesHiddenChannels(p: Principal, c: Pick<Champion, 'userId'>): boolean {
  return ownsChampion(p, c) || readsAsStaff(p);
}

/** Who may edit a profile: program staff, and the person it belongs to (with `write` scope, a confirmed email). */
export function canEditChampion(p: Principal, c: Pick<Champion, 'userId'>): boolean {
  return canRunProgram(p) || (ownsChampion(p, c) && canTakePart(p));
}

/** Who may start a profile: program staff for anyone, a person for themselves. */
export function canCreateChampion(p: Principal): boolean {
  return canTakePart(p);
}
