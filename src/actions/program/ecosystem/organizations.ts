import type { Organization } from '../../../domain/catalog/types.ts';
import type { Deps } from '../../deps.ts';

/** The site's organizations by name: what an actor may be linked to. */
export async function listOrganizations(deps: Deps): Promise<Organization[]> {
  return [...(await deps.catalog.datasets.listOrganizations())].sort((a, b) => a.name.localeCompare(b.name));
}
