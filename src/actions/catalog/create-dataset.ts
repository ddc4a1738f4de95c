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

/** How many organizations an unknown one's message names before "and N more". */
const NAMED = 50;

/** The refusal of an organization that does not exist, naming those that do, in the field that named it. */
export function unknownOrganization(name: string, known: readonly Organization[]): AppError {
  const names = known.slice(0, NAMED).map((o) => `${o.name} (${o.slug})`);
  const more = known.length > NAMED ? `, and ${known.length - NAMED} more (GET /api/v1/organizations lists them)` : '';
  const message = known.length ? `There is no organization "${name}"; use one of: ${names.join(', ')}${more}.` : `There is no organization "${name}", and none exists yet; a site administrator creates organizations first.`;
  return new AppError('validation_failed', message, {
    fields: [{ field: 'organization', message }],
    organizations: known.map((o) => ({ slug: o.slug, name: o.name })),
  });
}

/** What creating a dataset may do besides: create its organization when there is none of that name (the CLI's `--create-org`, the demo). */
export interface CreateDatasetOptions {
  createOrganization?: boolean;
}

/**
 * Finds an organization by id, slug or name. An unknown one is a validation
 * error naming the known ones, unless the caller asked to create it and is a
 * site administrator (ADR 21).
 */
export async function findOrganization(deps: Deps, store: CatalogStore, p: Principal, name: string, opts: CreateDatasetOptions = {}): Promise<Organization> {
  const slug = slugify(name);
  const found = (await store.datasets.getOrganization(name)) ?? (await store.datasets.getOrganization(slug));
  if (found) return found;
  if (!opts.createOrganization) throw unknownOrganization(name, await store.datasets.listOrganizations());
  if (!isSiteAdmin(p)) deny(p, 'Creating organizations is for site administrators.');
  const org: Organization = { id: deps.newId(), slug, name, description: '', createdAt: deps.clock.now().toISOString() };
  await store.datasets.createOrganization(org);
  await recordActivity(deps, store, p, { verb: 'organization.created', organizationId: org.id, summary: `created the organization ${name}`, details: { slug } });
  return org;
}

/** Creates a dataset as a draft in an organization the principal edits for; data arrives with its first resource. */
export async function createDataset(deps: Deps, p: Principal, input: unknown, opts: CreateDatasetOptions = {}): Promise<Dataset> {
  requireUser(p, 'Creating a dataset');
  const parsed = newDatasetFields(await siteThemes(deps)).safeParse(input);
  if (!parsed.success) throw invalidInput('The dataset is', parsed.error);
  const { organization, slug, ...fields } = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const org = await findOrganization(deps, tx, p, organization, opts);
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
