import { canReadData, visibilityOf } from '../../domain/accounts/policy.ts';
import { freshnessOf, type Freshness } from '../../domain/catalog/freshness.ts';
import { SEARCH_FACETS, type FacetCount, type SearchFacet, type SearchSort } from '../../domain/catalog/search.ts';
import type { Dataset, DatasetStatus, DictionaryEntry, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { UseKind } from '../../domain/program/facts.ts';
import { withRoles } from '../../domain/table/roles.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite } from '../site/settings.ts';
import { visibleDataset } from './access.ts';
import { mergeDictionary } from './dictionary.ts';

export interface DatasetDetail {
  dataset: Dataset;
  organization: Organization | undefined;
  resources: Resource[];
  versions: Version[];
  live: Version | undefined;
  dictionary: DictionaryEntry[];
  freshness: Freshness;
  /** Whether the principal may read the rows; without it, profiles and warnings (which quote values) are left out. */
  dataAccess: boolean;
}

/** Column profiles and ingest warnings quote the data, so readers without access to the data do not get them. */
const withoutValues = (v: Version): Version => ({ ...v, profile: {}, warnings: [] });

/** A dataset the principal may see, with everything its page and API show. */
export async function getDataset(deps: Deps, p: Principal, idOrSlug: string): Promise<DatasetDetail> {
  const dataset = await visibleDataset(deps, p, idOrSlug);
  const [organization, resources, versions, entries] = await Promise.all([
    deps.catalog.datasets.getOrganization(dataset.organizationId),
    deps.catalog.datasets.listResources(dataset.id),
    deps.catalog.datasets.listVersions(dataset.id),
    deps.catalog.datasets.getDictionary(dataset.id),
  ]);
  const dataAccess = canReadData(p, dataset);
  // Roles: the publisher's choices from the dictionary over what the ingest inferred.
  const chosen = new Map(entries.flatMap((e) => (e.role ? [[e.column, e.role] as const] : [])));
  const shown = versions.map((v) => ({ ...v, columns: withRoles(v.columns, v.profile, v.id === dataset.liveVersionId ? chosen : undefined) })).map((v) => (dataAccess ? v : withoutValues(v)));
  const live = shown.find((v) => v.id === dataset.liveVersionId);
  return { dataset, organization, resources, versions: shown, live, dictionary: mergeDictionary(live, entries), freshness: freshnessOf(dataset, deps.clock.now()), dataAccess };
}

export interface DatasetSummary {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
  freshness: Freshness;
}

/**
 * A catalog search as the actions take it: already read and checked by
 * whoever took it in (the API's query schema, a page's state, an action's
 * own call), so it is not validated again here.
 */
export interface SearchRequest {
  q?: string;
  filters?: Partial<Record<SearchFacet, string[]>>;
  /** Published only when left out. */
  statuses?: DatasetStatus[];
  /** Only datasets past their update frequency. */
  overdue?: boolean;
  /** Relevance with a `q`, else the most recently updated first. */
  sort?: SearchSort;
  /** 20 when left out. */
  limit?: number;
  offset?: number;
  /** Every facet when left out. */
  facets?: SearchFacet[];
  facetLimit?: number;
}

export interface SearchPage {
  total: number;
  results: DatasetSummary[];
  facets: Partial<Record<SearchFacet, FacetCount[]>>;
}

/**
 * Searches the catalog as the principal sees it: published datasets for
 * everyone, plus drafts and private datasets of the principal's organizations
 * when `status` asks for them.
 */
export async function searchDatasets(deps: Deps, p: Principal, s: SearchRequest): Promise<SearchPage> {
  const result = await deps.catalog.datasets.searchDatasets({
    ...(s.q ? { q: s.q } : {}),
    filters: s.filters ?? {},
    visibility: visibilityOf(p),
    statuses: s.statuses?.length ? s.statuses : ['published'],
    ...(s.overdue ? { overdueAt: deps.clock.now().toISOString() } : {}),
    sort: s.sort ?? (s.q ? 'relevance' : 'updated'),
    limit: s.limit ?? 20,
    offset: s.offset ?? 0,
    facets: s.facets ?? [...SEARCH_FACETS],
    facetLimit: s.facetLimit ?? 20,
    ...(s.q ? { synonyms: (await getSite(deps)).synonyms } : {}),
  });
  const organizations = result.facets.organization;
  if (organizations?.length) {
    const names = new Map((await deps.catalog.datasets.listOrganizations()).map((o) => [o.slug, o.name]));
    result.facets.organization = organizations.map((f) => ({ ...f, label: names.get(f.value) ?? f.value }));
  }
  return { total: result.total, results: await summarize(deps, result.results), facets: result.facets };
}

/** Organization and live version of each dataset, for result cards. */
export async function summarize(deps: Deps, datasets: Dataset[]): Promise<DatasetSummary[]> {
  const [organizations, versions] = await Promise.all([deps.catalog.datasets.listOrganizations(), deps.catalog.datasets.getVersions(datasets.flatMap((d) => d.liveVersionId ?? []))]);
  const orgs = new Map(organizations.map((o) => [o.id, o]));
  const live = new Map(versions.map((v) => [v.id, v]));
  const now = deps.clock.now();
  return datasets.map((dataset) => ({
    dataset,
    organization: orgs.get(dataset.organizationId),
    live: dataset.liveVersionId ? live.get(dataset.liveVersionId) : undefined,
    freshness: freshnessOf(dataset, now),
  }));
}

/** Counts a page view, a download or an API call of the dataset (its popularity and its uses that day), without delaying the reader. */
export function noteUse(deps: Deps, dataset: Dataset, kind: UseKind = 'view'): void {
  deps.uses.add(dataset.id, kind, deps.clock.now());
}
