import { canEditIn, isSiteAdmin } from '../../domain/accounts/policy.ts';
import { EMPTY_METADATA, newDatasetFields, toMetadataPatch } from '../../domain/catalog/metadata.ts';
import { nextDueAt } from '../../domain/catalog/freshness.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { slugify } from '../../domain/catalog/slug.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { siteThemes } from '../site/settings.ts';

/** Finds an organization by id, slug or name; site administrators may create it on the way (the CLI and the demo do). */
export async function findOrganization(deps: Deps, store: CatalogStore, p: Principal, name: string): Promise<Organization> {
  const slug = slugify(name);
  const found = (await store.datasets.getOrganization(name)) ?? (await store.datasets.getOrganization(slug));
  if (found) return found;
  if (!isSiteAdmin(p)) throw new AppError('validation_failed', `There is no organization "${name}".`, { fields: [{ field: 'organization', message: `There is no organization "${name}".` }] });
  const org: Organization = { id: deps.newId(), slug, name, description: '', createdAt: deps.clock.now().toISOString() };
  await store.datasets.createOrganization(org);
  await recordActivity(deps, store, p, { verb: 'organization.created', organizationId: org.id, summary: `created the organization ${name}` });
  return org;
}

/** Creates a dataset as a draft in an organization the principal edits for; data arrives with its first resource. */
export async function createDataset(deps: Deps, p: Principal, input: unknown): Promise<Dataset> {
  requireUser(p, 'Creating a dataset');
  const parsed = newDatasetFields(await siteThemes(deps)).safeParse(input);
  if (!parsed.success) throw invalidInput('The dataset is', parsed.error);
  const { organization, slug, ...fields } = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const org = await findOrganization(deps, tx, p, organization);
    if (!canEditIn(p, org.id)) deny(p, `Only editors of ${org.name} may create datasets there.`);
    let finalSlug = slug ?? (slugify(fields.title) || 'dataset');
    if (await tx.datasets.getDataset(finalSlug)) {
      if (slug) throw new AppError('conflict', `A dataset with the slug "${slug}" already exists.`, { slug });
      const base = finalSlug;
      for (let n = 2; await tx.datasets.getDataset(finalSlug); n++) finalSlug = `${base}-${n}`;
    }
    const now = deps.clock.now().toISOString();
    const dataset: Dataset = {
      ...EMPTY_METADATA,
      ...toMetadataPatch(fields),
      title: fields.title,
      id: deps.newId(),
      slug: finalSlug,
      organizationId: org.id,
      status: 'draft',
      liveVersionId: null,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
      dataUpdatedAt: null,
      publishedAt: null,
      nextDueAt: null,
      popularity: 0,
    };
    dataset.nextDueAt = nextDueAt(dataset);
    await tx.datasets.createDataset(dataset);
    await recordActivity(deps, tx, p, { verb: 'dataset.created', datasetId: dataset.id, organizationId: org.id, summary: 'created the dataset' });
    return dataset;
  });
}
