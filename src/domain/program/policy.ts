import type { Principal } from '../accounts/principal.ts';
import { roleAtLeast } from '../accounts/types.ts';
import { canTakePart } from '../community/policy.ts';

/**
 * The city's program staff: site administrators, moderators and editors of
 * any organization. They hold scope-a-thons, mark attendance, write problem
 * statements, keep the ecosystem map, the champions' directory and the
 * co-design projects, and read the program dashboard.
 */
const staff = (p: Principal): boolean =>
  p.kind === 'user' && (p.isSiteAdmin || p.isModerator || Object.values(p.roles).some((role) => roleAtLeast(role, 'editor')));

/** Who may run the open data program's work (see `staff`): with `write` scope and a confirmed email address. */
export function canRunProgram(p: Principal): boolean {
  return canTakePart(p) && staff(p);
}

/** Who may read what only staff read (the program dashboard, attendance lists): staff with `read` scope. */
export function readsAsStaff(p: Principal): boolean {
  return p.kind === 'user' && p.scopes.includes('read') && staff(p);
}
