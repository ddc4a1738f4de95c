import { notFound } from '../../domain/errors.ts';
import type { Dataset, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';

export interface DatasetDetail {
  dataset: Dataset;
  organization: Organization | undefined;
  resources: Resource[];
  versions: Version[];
  live: Version | undefined;
}

export async function getDataset(deps: Deps, idOrSlug: string): Promise<DatasetDetail> {
  const dataset = await deps.catalog.getDataset(idOrSlug);
  if (!dataset) throw notFound('Dataset', idOrSlug);
  const [organization, resources, versions] = await Promise.all([
    deps.catalog.getOrganization(dataset.organizationId),
    deps.catalog.listResources(dataset.id),
    deps.catalog.listVersions(dataset.id),
  ]);
  return { dataset, organization, resources, versions, live: versions.find((v) => v.id === dataset.liveVersionId) };
}

export interface DatasetSummary {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
}

export async function listDatasets(deps: Deps, q: { limit: number; offset: number; organization?: string | undefined }): Promise<{ total: number; results: DatasetSummary[] }> {
  let organizationId: string | undefined;
  if (q.organization) {
    const org = await deps.catalog.getOrganization(q.organization);
    if (!org) return { total: 0, results: [] };
    organizationId = org.id;
  }
  const page = await deps.catalog.listDatasets({ limit: q.limit, offset: q.offset, ...(organizationId ? { organizationId } : {}) });
  const orgs = new Map((await deps.catalog.listOrganizations()).map((o) => [o.id, o]));
  const results = await Promise.all(
    page.results.map(async (dataset) => ({
      dataset,
      organization: orgs.get(dataset.organizationId),
      live: dataset.liveVersionId ? await deps.catalog.getVersion(dataset.liveVersionId) : undefined,
    })),
  );
  return { total: page.total, results };
}

export async function listOrganizations(deps: Deps): Promise<Organization[]> {
  return deps.catalog.listOrganizations();
}
