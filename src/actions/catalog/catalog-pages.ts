import { visibilityOf } from '../../domain/accounts/policy.ts';
import type { Dataset, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { DatasetStatus } from '../../domain/catalog/vocab.ts';
import { leadingOrigins } from '../../domain/harvest/record.ts';
import type { Deps, Principal } from '../deps.ts';

/** One dataset of a catalog listing, with what the metadata formats describe. */
export interface CatalogEntry {
  dataset: Dataset;
  organization: Organization | undefined;
  /** The live version (its columns and row count), when there is one. */
  live: Version | undefined;
  /** Files, links and services, newest first. */
  resources: Resource[];
  /** Where a harvested dataset came from; absent for the city's own. */
  origin?: EntryOrigin;
}

/** A harvested dataset's first origin, as the metadata formats name it: the identifier other catalogs know it by, and its original page. */
export interface EntryOrigin {
  identifier: string;
  originalUrl: string | null;
}

export interface CatalogPage {
  /** How many datasets the whole catalog holds for this reader. */
  total: number;
  entries: CatalogEntry[];
}

export interface CatalogPageRequest {
  offset: number;
  limit: number;
  /** Published only when left out; a reader never gets more than they may see. */
  statuses?: DatasetStatus[];
  /** Only these organizations (by slug). */
  organizations?: string[];
  /** Most recently updated first (the default), or by title. */
  sort?: 'updated' | 'title';
}

/**
 * A page of the catalog as the principal sees it, for the catalog formats
 * (DCAT, CKAN, OGC): the datasets with their organization, live version and
 * resources and origin, read in five queries whatever the page's size.
 */
export async function catalogPage(deps: Deps, p: Principal, r: CatalogPageRequest): Promise<CatalogPage> {
  const store = deps.catalog.datasets;
  const found = await store.searchDatasets({
    filters: r.organizations?.length ? { organization: r.organizations } : {},
    visibility: visibilityOf(p),
    statuses: r.statuses?.length ? r.statuses : ['published'],
    sort: r.sort ?? 'updated',
    limit: r.limit,
    offset: r.offset,
    facets: [],
    facetLimit: 0,
  });
  return { total: found.total, entries: await entriesOf(deps, found.results) };
}

/** The organization, live version, resources and origin of each dataset: four queries, whatever the number of datasets. */
export async function entriesOf(deps: Deps, datasets: Dataset[]): Promise<CatalogEntry[]> {
  if (datasets.length === 0) return [];
  const store = deps.catalog.datasets;
  const [organizations, versions, resources, origins] = await Promise.all([
    store.listOrganizations(),
    store.getVersions(datasets.flatMap((d) => d.liveVersionId ?? [])),
    store.listResourcesOf(datasets.map((d) => d.id)),
    deps.catalog.harvest.originsOf(datasets.map((d) => d.id)),
  ]);
  const originOf = new Map<string, EntryOrigin>([...leadingOrigins(origins)].map(([id, o]) => [id, { identifier: o.identifier, originalUrl: o.originalUrl }]));
  const orgs = new Map(organizations.map((o) => [o.id, o]));
  const live = new Map(versions.map((v) => [v.id, v]));
  const byDataset = new Map<string, Resource[]>();
  for (const res of resources) byDataset.set(res.datasetId, [...(byDataset.get(res.datasetId) ?? []), res]);
  return datasets.map((dataset) => ({
    dataset,
    organization: orgs.get(dataset.organizationId),
    live: dataset.liveVersionId ? live.get(dataset.liveVersionId) : undefined,
    resources: byDataset.get(dataset.id) ?? [],
    ...(originOf.has(dataset.id) ? { origin: originOf.get(dataset.id) } : {}),
  }));
}

/**
 * The whole catalog as the principal sees it, a page at a time, for outputs
 * that stream every dataset (data.json, the DCAT catalog): memory stays at
 * one page however many datasets there are.
 */
export async function* catalogEntries(deps: Deps, p: Principal, pageSize = 500): AsyncGenerator<CatalogEntry[]> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await catalogPage(deps, p, { offset, limit: pageSize });
    if (page.entries.length > 0) yield page.entries;
    if (page.entries.length < pageSize || offset + pageSize >= page.total) return;
  }
}
