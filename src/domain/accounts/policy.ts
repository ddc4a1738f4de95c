import type { Dataset } from '../catalog/types.ts';
import type { Visibility } from '../catalog/search.ts';
import type { Principal, UserPrincipal } from './principal.ts';
import { roleAtLeast, type Role, type TokenScope } from './types.ts';

/**
 * Who may do what. Actions call these; templates and routes never decide.
 * A token narrows its owner's rights to its scopes: `read` reads what the
 * owner may read, `write` also creates and edits, `admin` also publishes and
 * manages people.
 */

const hasScope = (p: UserPrincipal, scope: TokenScope): boolean => p.scopes.includes(scope);

/** The owner's role in an organization; site administrators hold every role. */
export function roleIn(p: Principal, organizationId: string): Role | undefined {
  if (p.kind !== 'user') return undefined;
  if (p.isSiteAdmin) return 'admin';
  return p.roles[organizationId];
}

/** Anyone sees a published or archived dataset that is not private; members see their organization's; site admins see all. */
export function canSeeDataset(p: Principal, d: Pick<Dataset, 'organizationId' | 'status' | 'accessLevel'>): boolean {
  if ((d.status === 'published' || d.status === 'archived') && d.accessLevel !== 'private') return true;
  return p.kind === 'user' && hasScope(p, 'read') && roleIn(p, d.organizationId) !== undefined;
}

/** Restricted datasets show their description to all, their data to signed-in people. */
export function canReadData(p: Principal, d: Pick<Dataset, 'organizationId' | 'status' | 'accessLevel'>): boolean {
  if (!canSeeDataset(p, d)) return false;
  return d.accessLevel !== 'restricted' || p.kind === 'user';
}

/** Which datasets beyond the open ones a reader sees, for search and lists. */
export function visibilityOf(p: Principal): Visibility {
  if (p.kind !== 'user' || !hasScope(p, 'read')) return { all: false, organizationIds: [] };
  if (p.isSiteAdmin) return { all: true };
  return { all: false, organizationIds: Object.keys(p.roles) };
}

/** Create datasets in, and edit the datasets of, an organization: editors and up, with write scope. */
export function canEditIn(p: Principal, organizationId: string): boolean {
  return p.kind === 'user' && hasScope(p, 'write') && roleAtLeast(roleIn(p, organizationId), 'editor');
}

/** Publish, archive, manage members of an organization: its admins, with admin scope. */
export function canAdminister(p: Principal, organizationId: string): boolean {
  return p.kind === 'user' && hasScope(p, 'admin') && roleAtLeast(roleIn(p, organizationId), 'admin');
}

/** Create organizations, manage accounts: site administrators, with admin scope. */
export function isSiteAdmin(p: Principal): p is UserPrincipal {
  return p.kind === 'user' && p.isSiteAdmin && hasScope(p, 'admin');
}
