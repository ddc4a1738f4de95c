import { visibilityOf } from '../../domain/accounts/policy.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import type { Deps, Principal } from '../deps.ts';

export interface OrganizationCount {
  organization: Organization;
  /** The published datasets of the organization the reader may see (for anonymous readers, its public ones). */
  datasets: number;
}

/**
 * Every organization, by name, with the number of its published datasets the
 * principal may see: the same count as the organization's own page and the
 * catalog's organization facet.
 */
export async function organizationCounts(deps: Deps, p: Principal): Promise<OrganizationCount[]> {
  const organizations = await deps.catalog.datasets.listOrganizations();
  if (!organizations.length) return [];
  const found = await deps.catalog.datasets.searchDatasets({
    filters: {},
    visibility: visibilityOf(p),
    statuses: ['published'],
    sort: 'title',
    limit: 0,
    offset: 0,
    facets: ['organization'],
    facetLimit: organizations.length,
  });
  const counts = new Map((found.facets.organization ?? []).map((f) => [f.value, f.count]));
  return organizations.map((organization) => ({ organization, datasets: counts.get(organization.slug) ?? 0 }));
}
