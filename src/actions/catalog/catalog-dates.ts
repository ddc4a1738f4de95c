import type { Deps, Principal } from '../deps.ts';
import { catalogPage } from './catalog-pages.ts';

/** When the catalog began (its first organization) and last changed (its most recently updated dataset), as the principal sees it. */
export async function catalogDates(deps: Deps, p: Principal): Promise<{ issued: string; modified: string; total: number }> {
  const [organizations, newest] = await Promise.all([deps.catalog.datasets.listOrganizations(), catalogPage(deps, p, { offset: 0, limit: 1 })]);
  const now = deps.clock.now().toISOString();
  const issued = organizations.map((o) => o.createdAt).sort()[0] ?? now;
  const modified = newest.entries[0]?.dataset.updatedAt ?? issued;
  return { issued, modified, total: newest.total };
}
