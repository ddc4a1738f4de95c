import { visibilityOf } from '../../domain/accounts/policy.ts';
import type { FacetCount, SearchFacet, SearchSort } from '../../domain/catalog/search.ts';
import type { DatasetStatus, Organization, Resource } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite } from '../site/settings.ts';
import { visibleDataset } from './access.ts';
import { entriesOf, type CatalogEntry } from './catalog-pages.ts';

/** Most datasets a further filter (`alsoFilters`) may match. */
const ALSO_MAX = 2000;

/** A catalog search for the API dialects that show whole datasets (CKAN's `package_search`). */
export interface EntrySearch {
  q?: string;
  filters: Partial<Record<SearchFacet, string[]>>;
  /** Only these datasets (by id). */
  ids?: string[];
  /** Only datasets with one of these names (slugs) or ids, for each list. */
  names?: string[][];
  /** Further filters that must hold as well, as when two values of one facet are both required (`tags:a tags:b`). */
  alsoFilters?: Partial<Record<SearchFacet, string[]>>[];
  updated?: { from?: string; to?: string };
  /** Published only when left out; a reader never gets more than they may see. */
  statuses?: DatasetStatus[];
  /** Private datasets of the reader's organizations too; when false, only what anyone may see. */
  includePrivate: boolean;
  sort: SearchSort;
  limit: number;
  offset: number;
  facets: SearchFacet[];
  facetLimit: number;
}

export interface EntryPage {
  total: number;
  entries: CatalogEntry[];
  facets: Partial<Record<SearchFacet, FacetCount[]>>;
}

/**
 * Searches the catalog as the principal sees it and returns each dataset
 * with its organization, live version and resources: one search, then one
 * batch each for organizations, versions and resources, whatever the page's size.
 */
export async function searchEntries(deps: Deps, p: Principal, s: EntrySearch): Promise<EntryPage> {
  const store = deps.catalog.datasets;
  let ids = s.ids;
  for (const names of s.names ?? []) {
    const found = await Promise.all(names.slice(0, 100).map((n) => store.getDataset(n)));
    const named = found.flatMap((d) => (d ? [d.id] : []));
    ids = ids ? ids.filter((id) => named.includes(id)) : named;
  }
  const visibility = s.includePrivate ? visibilityOf(p) : { all: false as const, organizationIds: [] };
  const statuses = s.statuses?.length ? s.statuses : ['published' as const];
  for (const filters of s.alsoFilters ?? []) {
    // The datasets passing this filter too: one more search, of ids only.
    const also = await store.searchDatasets({ filters, visibility, statuses, ...(ids ? { ids } : {}), sort: 'title', limit: ALSO_MAX, offset: 0, facets: [], facetLimit: 0 });
    if (also.total > ALSO_MAX) throw new AppError('validation_failed', `Requiring two values of one field at once is answered for up to ${ALSO_MAX} datasets; this one matches ${also.total}: narrow it with another filter first.`, { param: 'fq' });
    ids = also.results.map((d) => d.id);
  }
  const found = await store.searchDatasets({
    ...(s.q ? { q: s.q, synonyms: (await getSite(deps)).synonyms } : {}),
    filters: s.filters,
    ...(ids ? { ids } : {}),
    ...(s.updated ? { updated: s.updated } : {}),
    visibility,
    statuses,
    sort: s.sort === 'relevance' && !s.q ? 'updated' : s.sort,
    limit: s.limit,
    offset: s.offset,
    facets: s.facets,
    facetLimit: s.facetLimit,
  });
  const entries = await entriesOf(deps, found.results);
  return { total: found.total, entries, facets: found.facets };
}

/** One dataset as a catalog entry, when the principal may see it (else not found, as everywhere in Plaza). */
export async function entryOf(deps: Deps, p: Principal, idOrSlug: string): Promise<CatalogEntry> {
  const dataset = await visibleDataset(deps, p, idOrSlug);
  const [entry] = await entriesOf(deps, [dataset]);
  return entry!;
}

/** The resource and its dataset's entry, when the principal may see the dataset. */
export async function resourceEntry(deps: Deps, p: Principal, resourceId: string): Promise<{ resource: Resource; entry: CatalogEntry } | undefined> {
  const resource = await deps.catalog.datasets.getResource(resourceId);
  if (!resource) return undefined;
  const entry = await entryOf(deps, p, resource.datasetId);
  return { resource, entry };
}

/** The site's organizations, for reading the names and ids CKAN clients filter by. */
export function catalogOrganizations(deps: Deps): Promise<Organization[]> {
  return deps.catalog.datasets.listOrganizations();
}
