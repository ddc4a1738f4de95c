import { AppError } from '../../domain/errors.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { slugify } from '../../domain/catalog/slug.ts';
import { invalidInput, newDatasetSchema, type NewDatasetInput } from '../../domain/catalog/schemas.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { requireAdmin } from '../auth/authorize.ts';
import type { Actor, Deps } from '../deps.ts';

/** Finds an organization by id, slug or name, creating it when it is new. */
export async function ensureOrganization(catalog: CatalogStore, deps: Deps, name: string): Promise<Organization> {
  const slug = slugify(name);
  const found = (await catalog.getOrganization(name)) ?? (await catalog.getOrganization(slug));
  if (found) return found;
  const org = { id: deps.newId(), slug, name, createdAt: deps.clock.now().toISOString() };
  await catalog.createOrganization(org);
  return org;
}

/** Creates an empty dataset; data arrives with its first resource. */
export async function createDataset(deps: Deps, actor: Actor, input: NewDatasetInput): Promise<Dataset> {
  requireAdmin(actor);
  const parsed = newDatasetSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidInput('The dataset is', parsed.error);
  }
  const { title, organization, slug, description } = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const org = await ensureOrganization(tx, deps, organization);
    let finalSlug = slug ?? slugify(title);
    if (await tx.getDataset(finalSlug)) {
      if (slug) throw new AppError('conflict', `A dataset with the slug "${slug}" already exists.`, { slug });
      const base = finalSlug;
      for (let n = 2; await tx.getDataset(finalSlug); n++) finalSlug = `${base}-${n}`;
    }
    const now = deps.clock.now().toISOString();
    const dataset: Dataset = { id: deps.newId(), slug: finalSlug, organizationId: org.id, title, description, liveVersionId: null, createdAt: now, updatedAt: now };
    await tx.createDataset(dataset);
    return dataset;
  });
}
