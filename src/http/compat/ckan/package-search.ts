import { catalogOrganizations, searchEntries, type EntrySearch } from '../../../actions/catalog/search-entries.ts';
import { siteThemes } from '../../../actions/site/settings.ts';
import type { FacetCount, SearchFacet } from '../../../domain/catalog/search.ts';
import { licenseById } from '../../../domain/catalog/vocab.ts';
import { ckanFormat, themeName, themeOfName } from '../../../domain/compat/ckan/names.ts';
import { boolParam, CKAN_FACETS, DEFAULT_SORT, facetFields, filtersOf, intParam, sortOf, textParam } from '../../../domain/compat/ckan/search-params.ts';
import { parseSolr } from '../../../domain/compat/ckan/solr-query.ts';
import type { CkanCall } from './action.ts';
import { packageDict } from './dictize.ts';

/** Most rows one search returns, as CKAN's `ckan.search.rows_max`. */
export const ROWS_MAX = 1000;

interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

/**
 * `package_search`: `q` and `fq` read as CKAN's Solr syntax onto one catalog
 * search, then one batch of organizations, live versions and resources for
 * the page (docs/ckan.md).
 */
export async function packageSearch({ deps, principal, params, baseUrl }: CkanCall) {
  const rows = intParam(params, 'rows', 10, { min: 0, max: ROWS_MAX });
  const start = intParam(params, 'start', 0, { min: 0 });
  const facetLimit = intParam(params, 'facet.limit', 50);
  const fields = facetFields(params);
  const sortText = textParam(params, 'sort');
  const sort = sortOf(sortText);
  const clauses = [...parseSolr(textParam(params, 'q') ?? ''), ...parseSolr(textParam(params, 'fq') ?? '')];
  const f = filtersOf(clauses);

  const needsOrgs = f.excludeOrganizations.length > 0 || f.include.some((i) => i.facet === 'organization') || fields.includes('organization');
  const needsThemes = f.include.some((i) => i.facet === 'theme') || fields.includes('groups');
  const [organizations, themes] = await Promise.all([needsOrgs ? catalogOrganizations(deps) : [], needsThemes ? siteThemes(deps) : []]);
  const orgSlug = (v: string) => (v.startsWith('id:') ? organizations.find((o) => o.id === v.slice(3))?.slug : organizations.find((o) => o.slug === v || o.id === v)?.slug) ?? v;

  const filters: Partial<Record<SearchFacet, string[]>> = {};
  const alsoFilters: Partial<Record<SearchFacet, string[]>>[] = [];
  for (const { facet, values } of f.include) {
    const read = values.map((v) =>
      facet === 'organization' ? orgSlug(v) : facet === 'theme' ? (themeOfName(themes, v) ?? v) : facet === 'keyword' || facet === 'format' ? v.toLowerCase() : v,
    );
    const before = filters[facet];
    // A dataset has one organization and one licence, but may have both of two tags, groups or formats.
    if (before && facet !== 'organization' && facet !== 'license') alsoFilters.push({ [facet]: read });
    else filters[facet] = before ? before.filter((v) => read.includes(v)) : read;
  }
  if (f.excludeOrganizations.length) {
    const excluded = new Set(f.excludeOrganizations.map(orgSlug));
    const kept = (filters.organization ?? organizations.map((o) => o.slug)).filter((s) => !excluded.has(s));
    filters.organization = kept;
  }
  // A filter with no value left matches nothing.
  const nothing = f.none || Object.values(filters).some((v) => v.length === 0);

  const includeDrafts = boolParam(params, 'include_drafts');
  const search: EntrySearch = {
    ...(f.text.length ? { q: f.text.join(' ') } : {}),
    filters,
    ...(nothing ? { ids: [] } : f.ids.length ? { ids: f.ids.reduce((a, b) => a.filter((id) => b.includes(id))) } : {}),
    ...(f.names.length ? { names: f.names } : {}),
    ...(alsoFilters.length ? { alsoFilters } : {}),
    ...(f.updated.from || f.updated.to ? { updated: f.updated } : {}),
    statuses: includeDrafts ? ['published', 'draft', 'submitted'] : ['published'],
    includePrivate: !f.publicOnly && (boolParam(params, 'include_private') || includeDrafts),
    sort,
    limit: rows,
    offset: start,
    facets: fields.map((name) => CKAN_FACETS[name]!),
    facetLimit: facetLimit < 0 ? 10_000 : facetLimit,
  };
  const page = await searchEntries(deps, principal, search);

  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: FacetItem[] }> = {};
  for (const name of fields) {
    const items = (page.facets[CKAN_FACETS[name]!] ?? []).map((c) => facetItem(name, c, organizations, themes));
    facets[name] = Object.fromEntries(items.map((i) => [i.name, i.count]));
    searchFacets[name] = { title: name, items: items.sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0)) };
  }
  return {
    count: page.total,
    facets,
    results: page.entries.map((e) => packageDict(e, baseUrl)),
    sort: sortText?.trim() ? sortText : DEFAULT_SORT,
    search_facets: searchFacets,
  };
}

/** A facet value as CKAN names it: organizations and groups by name, formats upper case, licences with their titles. */
function facetItem(field: string, c: FacetCount, organizations: { slug: string; name: string }[], themes: string[]): FacetItem {
  if (field === 'organization') {
    const o = organizations.find((x) => x.slug === c.value);
    return { name: c.value, display_name: o?.name || c.value, count: c.count };
  }
  if (field === 'groups') return { name: themeName(c.value), display_name: themes.find((t) => t === c.value) ?? c.value, count: c.count };
  if (field === 'res_format') return { name: ckanFormat(c.value), display_name: ckanFormat(c.value), count: c.count };
  if (field === 'license_id') return { name: c.value, display_name: licenseById(c.value)?.title ?? c.value, count: c.count };
  return { name: c.value, display_name: c.value, count: c.count };
}
