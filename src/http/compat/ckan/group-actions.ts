import { organizationCounts } from '../../../actions/catalog/organization-counts.ts';
import { searchEntries } from '../../../actions/catalog/search-entries.ts';
import { siteThemes } from '../../../actions/site/settings.ts';
import type { SearchFacet } from '../../../domain/catalog/search.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { themeName, themeOfName } from '../../../domain/compat/ckan/names.ts';
import { boolParam, CkanParamError, intParam, textParam } from '../../../domain/compat/ckan/search-params.ts';
import type { CkanAction, CkanCall } from './action.ts';
import { organizationDict, packageDict, tagDict } from './dictize.ts';
import { CkanError } from './envelope.ts';

/** Most organizations or groups one list returns (CKAN's `ckan.group_and_organization_list_max`), and with every field. */
const LIST_MAX = 1000;
const ALL_FIELDS_MAX = 25;
/** Datasets `organization_show` and `group_show` include, as `package_search` returns by default. */
const SHOWN_DATASETS = 10;

interface Listed {
  name: string;
  title: string;
  count: number;
}

/** `sort` of the group and organization lists: `title`, `name` or `package_count`, each `asc` or `desc`. */
function sortListed(list: Listed[], sort: string | undefined): Listed[] {
  const [field = 'title', dir = field === 'package_count' ? 'desc' : 'asc'] = (sort ?? 'title').trim().toLowerCase().split(/\s+/);
  if (!['title', 'name', 'package_count'].includes(field) || !['asc', 'desc'].includes(dir)) throw new CkanParamError({ sort: [`Cannot sort by "${sort}": sort by title, name or package_count, asc or desc.`] });
  const key = (l: Listed): string | number => (field === 'package_count' ? l.count : field === 'name' ? l.name : l.title.toLowerCase());
  const sorted = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.name < b.name ? -1 : 1));
  return dir === 'desc' ? sorted.reverse() : sorted;
}

/** Published datasets anyone may see, counted by one facet. */
async function publicCounts({ deps, principal }: CkanCall, facet: SearchFacet, filters: Partial<Record<SearchFacet, string[]>> = {}, limit = 0) {
  return searchEntries(deps, principal, { filters, includePrivate: false, sort: 'title', limit, offset: 0, facets: [facet], facetLimit: 10_000 });
}

function organizationFull(o: Organization, count: number) {
  return { ...organizationDict(o), display_name: o.name, image_display_url: '', package_count: count, num_followers: 0 };
}

function themeFull(theme: string, count: number) {
  return {
    id: themeName(theme), name: themeName(theme), title: theme, display_name: theme, description: '', image_url: '', image_display_url: '',
    created: null, is_organization: false, approval_status: 'approved', state: 'active', type: 'group', package_count: count, num_followers: 0,
  };
}

/** The page of a list CKAN's `limit` and `offset` ask for. */
function paged<T>(call: CkanCall, list: T[], max: number): T[] {
  const limit = intParam(call.params, 'limit', max, { min: 0, max });
  const offset = intParam(call.params, 'offset', 0, { min: 0 });
  return list.slice(offset, offset + limit);
}

/** Organizations, groups (the site's themes) and tags. */
export const GROUP_ACTIONS: Readonly<Record<string, CkanAction>> = {
  organization_list: async (call) => {
    // Counts are of what anyone may see: a private or draft dataset never shows through them.
    const counts = await organizationCounts(call.deps, { kind: 'anonymous' });
    const all = boolParam(call.params, 'all_fields');
    const listed = sortListed(counts.map((c) => ({ name: c.organization.slug, title: c.organization.name, count: c.datasets })), textParam(call.params, 'sort'));
    const page = paged(call, listed, all ? ALL_FIELDS_MAX : LIST_MAX);
    if (!all) return page.map((l) => l.name);
    const bySlug = new Map(counts.map((c) => [c.organization.slug, c]));
    return page.map((l) => organizationFull(bySlug.get(l.name)!.organization, l.count));
  },
  organization_show: async (call) => {
    const id = textParam(call.params, 'id')?.trim();
    if (!id) throw new CkanParamError({ id: ['Missing value'] });
    const counts = await organizationCounts(call.deps, { kind: 'anonymous' });
    const found = counts.find((c) => c.organization.slug === id || c.organization.id === id);
    if (!found) throw new CkanError('Not Found Error', 'Not found');
    const result: Record<string, unknown> = { ...organizationFull(found.organization, found.datasets), users: [], tags: [], groups: [], extras: [] };
    if (boolParam(call.params, 'include_datasets')) {
      const page = await publicCounts(call, 'organization', { organization: [found.organization.slug] }, SHOWN_DATASETS);
      result.packages = page.entries.map((e) => packageDict(e, call.baseUrl));
    }
    return result;
  },
  group_list: async (call) => {
    const [themes, page] = await Promise.all([siteThemes(call.deps), publicCounts(call, 'theme')]);
    const counts = new Map((page.facets.theme ?? []).map((c) => [c.value, c.count]));
    const all = boolParam(call.params, 'all_fields');
    const listed = sortListed(themes.map((t) => ({ name: themeName(t), title: t, count: counts.get(t) ?? 0 })), textParam(call.params, 'sort'));
    const shown = paged(call, listed, all ? ALL_FIELDS_MAX : LIST_MAX);
    return all ? shown.map((l) => themeFull(l.title, l.count)) : shown.map((l) => l.name);
  },
  group_show: async (call) => {
    const id = textParam(call.params, 'id')?.trim();
    if (!id) throw new CkanParamError({ id: ['Missing value'] });
    const theme = themeOfName(await siteThemes(call.deps), id);
    if (!theme) throw new CkanError('Not Found Error', 'Not found');
    const include = boolParam(call.params, 'include_datasets');
    const page = await publicCounts(call, 'theme', { theme: [theme] }, include ? SHOWN_DATASETS : 0);
    return {
      ...themeFull(theme, page.total), users: [], tags: [], groups: [], extras: [],
      ...(include ? { packages: page.entries.map((e) => packageDict(e, call.baseUrl)) } : {}),
    };
  },
  tag_list: async (call) => {
    if (textParam(call.params, 'vocabulary_id')) throw new CkanError('Not Found Error', `Not found: Could not find vocabulary "${textParam(call.params, 'vocabulary_id')}"`);
    const query = textParam(call.params, 'query')?.toLowerCase() ?? '';
    const page = await publicCounts(call, 'keyword');
    const names = (page.facets.keyword ?? []).map((c) => c.value).filter((n) => n.includes(query)).sort();
    return boolParam(call.params, 'all_fields') ? names.map(tagDict) : names;
  },
};
