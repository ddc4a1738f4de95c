import { z } from 'zod';
import { canReadData, visibilityOf } from '../../domain/accounts/policy.ts';
import { freshnessOf, type Freshness } from '../../domain/catalog/freshness.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type FacetCount, type SearchFacet } from '../../domain/catalog/search.ts';
import type { Dataset, DictionaryEntry, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import { DATASET_STATUSES } from '../../domain/catalog/vocab.ts';
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

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .optional();

/** The catalog search's parameters, as the API and the pages take them. */
export const searchParams = z.object({
  q: z.string().trim().max(500).optional(),
  organization: list,
  theme: list,
  keyword: list,
  format: list,
  license: list,
  frequency: list,
  status: list.pipe(z.array(z.enum(DATASET_STATUSES, { message: `is not a status; use ${DATASET_STATUSES.join(', ')}` })).optional()),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(SEARCH_SORTS, { message: `is not a sort; use ${SEARCH_SORTS.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  facets: list.pipe(z.array(z.enum(SEARCH_FACETS, { message: `is not a facet; use ${SEARCH_FACETS.join(', ')}` })).optional()),
  facet_limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type SearchParams = z.input<typeof searchParams>;

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
export async function searchDatasets(deps: Deps, p: Principal, raw: unknown): Promise<SearchPage> {
  const parsed = searchParams.safeParse(raw ?? {});
  if (!parsed.success) throw invalidInput('The search is', parsed.error);
  const s = parsed.data;
  const filters: Partial<Record<SearchFacet, string[]>> = {};
  for (const f of SEARCH_FACETS) if (s[f]?.length) filters[f] = s[f];
  const result = await deps.catalog.datasets.searchDatasets({
    ...(s.q ? { q: s.q } : {}),
    filters,
    visibility: visibilityOf(p),
    statuses: s.status?.length ? s.status : ['published'],
    ...(s.overdue === 'true' ? { overdueAt: deps.clock.now().toISOString() } : {}),
    sort: s.sort ?? (s.q ? 'relevance' : 'updated'),
    limit: s.limit,
    offset: s.offset,
    facets: s.facets ?? [...SEARCH_FACETS],
    facetLimit: s.facet_limit,
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

/** Counts a page view or a download towards the dataset's popularity, without delaying the reader. */
export function noteUse(deps: Deps, dataset: Dataset): void {
  deps.uses.add(dataset.id);
}
