import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { canSeeShowcase } from '../../domain/community/showcase-policy.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { Deps, Principal } from '../deps.ts';

/** A showcase the principal may see; a pending or rejected one is "not found" to everyone but its author and moderators. */
export async function visibleShowcase(deps: Deps, p: Principal, id: string, store: CatalogStore = deps.catalog): Promise<Showcase> {
  const showcase = await store.showcases.getShowcase(id);
  if (!showcase || !canSeeShowcase(p, showcase)) throw notFound('Showcase', id);
  return showcase;
}

/**
 * The datasets a showcase names, by slug or id: each must be one anybody may
 * see (a showcase is public once approved), or the whole submission is refused.
 */
export async function publicDatasets(store: CatalogStore, names: string[]): Promise<Dataset[]> {
  const found: Dataset[] = [];
  for (const name of names) {
    const d = await store.datasets.getDataset(name);
    if (!d || !canSeeDataset(anonymous, d)) {
      const message = `There is no published dataset "${name}"; name datasets by their slug.`;
      throw new AppError('validation_failed', `The showcase is not valid: datasets: ${message}`, { fields: [{ field: 'datasets', message }] });
    }
    if (!found.some((f) => f.id === d.id)) found.push(d);
  }
  return found;
}
