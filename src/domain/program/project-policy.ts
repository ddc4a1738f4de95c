import type { Principal } from '../accounts/principal.ts';
import { canRunProgram } from './policy.ts';

/** Who keeps project templates: site administrators, as program staff. */
export function canKeepTemplates(p: Principal): boolean {
  return canRunProgram(p) && p.kind === 'user' && p.isSiteAdmin;
}
