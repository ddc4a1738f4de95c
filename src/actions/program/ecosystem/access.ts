import { AppError } from '../../../domain/errors.ts';
import { canRunProgram } from '../../../domain/program/policy.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import type { CatalogStore } from '../../../ports/catalog-store.ts';
import { deny, requireUser } from '../../auth/authorize.ts';
import type { Principal } from '../../deps.ts';

/** Only program staff keep the map. */
export function requireStaff(p: Principal, doing: string): void {
  requireUser(p, doing);
  if (!canRunProgram(p)) deny(p, `${doing} is for the program's staff (editors, moderators and administrators, with a confirmed email address).`);
}

/** A refused field, as forms and the API show it. */
export function fieldError(field: string, message: string, code: 'validation_failed' | 'conflict' = 'validation_failed'): AppError {
  return new AppError(code, `The entry is not valid: ${field}: ${message}`, { fields: [{ field, message }] });
}

export const NO_ORGANIZATION_RULE = 'There is no organization with this slug on the site.';

/** The Plaza organization an actor names by slug, or null for none. */
export async function organizationOf(store: CatalogStore, slug: string): Promise<Organization | null> {
  if (!slug) return null;
  const org = await store.datasets.getOrganization(slug);
  if (!org) throw fieldError('organization', NO_ORGANIZATION_RULE);
  return org;
}
