import { anonymous } from '../../domain/accounts/principal.ts';
import { visibilityOf } from '../../domain/accounts/policy.ts';
import type { FollowableKind } from '../../domain/activity/types.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import type { AtomEntry, AtomFeed } from '../../domain/notify/atom.ts';
import { notFound } from '../../domain/errors.ts';
import { listActivity, type ActivityItem } from '../activity/list-activity.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps } from '../deps.ts';
import { followedItem } from './followables.ts';
import { getSite } from '../site/settings.ts';
import { formatSearch, parseSearch } from './match.ts';

/**
 * The data of the public feeds and the sitemap. Feed readers and crawlers
 * send no cookies, so everything here is what an anonymous reader may see.
 */

const FEED_ENTRIES = 50;
/** A sitemap file holds at most this many URLs. */
export const SITEMAP_MAX_URLS = 50_000;

const datasetPath = (slug: string) => `/datasets/${encodeURIComponent(slug)}`;
const organizationPath = (slug: string) => `/organizations/${encodeURIComponent(slug)}`;

/** A `tag:` IRI (RFC 4151): the site's host, the date the thing began, and what it is. */
function tagId(baseUrl: string, date: string, what: string): string {
  let host = 'localhost';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // Keep the fallback host.
  }
  return `tag:${host},${date.slice(0, 10)}:${what}`;
}

function activityEntry(baseUrl: string, { entry, dataset, organization }: ActivityItem): AtomEntry {
  const subject = dataset?.title ?? organization?.name;
  const path = dataset ? datasetPath(dataset.slug) : organization ? organizationPath(organization.slug) : '/';
  return {
    id: tagId(baseUrl, entry.at, `activity/${entry.id}`),
    title: `${subject ? `${subject}: ` : ''}${entry.actorName} ${entry.summary}`,
    updated: entry.at,
    url: `${baseUrl}${path}`,
    authorName: entry.actorName,
    summary: `${entry.actorName} ${entry.summary}${subject ? ` (${subject})` : ''}.`,
    categories: [entry.verb],
  };
}

function activityFeed(deps: Deps, baseUrl: string, o: { selfPath: string; pagePath: string; title: string; subtitle: string; items: ActivityItem[] }): AtomFeed {
  const entries = o.items.map((item) => activityEntry(baseUrl, item));
  return {
    id: `${baseUrl}${o.selfPath}`,
    title: o.title,
    subtitle: o.subtitle,
    updated: entries[0]?.updated ?? deps.clock.now().toISOString(),
    selfUrl: `${baseUrl}${o.selfPath}`,
    alternateUrl: `${baseUrl}${o.pagePath}`,
    authorName: deps.site.name,
    entries,
  };
}

/** The latest changes across the site. */
export async function siteActivityFeed(deps: Deps, baseUrl: string): Promise<AtomFeed> {
  const { items } = await listActivity(deps, anonymous, { limit: FEED_ENTRIES });
  return activityFeed(deps, baseUrl, { selfPath: '/feeds/activity.atom', pagePath: '/', title: `${deps.site.name}: latest changes`, subtitle: `Every public change to datasets on ${deps.site.name}.`, items });
}

/** The latest changes to one dataset; not found unless anyone may see it. */
export async function datasetActivityFeed(deps: Deps, baseUrl: string, slug: string): Promise<AtomFeed> {
  const dataset = await visibleDataset(deps, anonymous, slug);
  const { items } = await listActivity(deps, anonymous, { dataset: dataset.id, limit: FEED_ENTRIES });
  return activityFeed(deps, baseUrl, {
    selfPath: `/feeds/datasets/${encodeURIComponent(dataset.slug)}.atom`,
    pagePath: datasetPath(dataset.slug),
    title: `${dataset.title}: changes`,
    subtitle: `Changes to the dataset ${dataset.title} on ${deps.site.name}.`,
    items,
  });
}

/** The latest changes to one problem or request, its comments included; not found unless anyone may see it. */
export async function itemActivityFeed(deps: Deps, baseUrl: string, kind: FollowableKind, id: string): Promise<AtomFeed> {
  const item = await followedItem(deps, anonymous, kind, id);
  const { items } = await listActivity(deps, anonymous, { item: { kind, id: item.id }, limit: FEED_ENTRIES });
  const selfPath = `/feeds/${kind}s/${encodeURIComponent(item.id)}.atom`;
  const entries: AtomEntry[] = items.map(({ entry }) => ({
    id: tagId(baseUrl, entry.at, `activity/${entry.id}`),
    title: `${item.title}: ${entry.actorName} ${entry.summary}`,
    updated: entry.at,
    url: `${baseUrl}${item.path}`,
    authorName: entry.actorName,
    summary: `${entry.actorName} ${entry.summary}.`,
    categories: [entry.verb],
  }));
  return {
    id: `${baseUrl}${selfPath}`,
    title: `${item.title}: changes`,
    subtitle: `Changes and comments on the ${kind === 'problem' ? 'problem' : 'dataset request'} “${item.title}” on ${deps.site.name}.`,
    updated: entries[0]?.updated ?? deps.clock.now().toISOString(),
    selfUrl: `${baseUrl}${selfPath}`,
    alternateUrl: `${baseUrl}${item.path}`,
    authorName: deps.site.name,
    entries,
  };
}

/** The latest public changes in one organization. */
export async function organizationActivityFeed(deps: Deps, baseUrl: string, slug: string): Promise<AtomFeed> {
  const org = await deps.catalog.datasets.getOrganization(slug);
  if (!org) throw notFound('Organization', slug);
  const { items } = await listActivity(deps, anonymous, { organization: org.id, limit: FEED_ENTRIES });
  return activityFeed(deps, baseUrl, {
    selfPath: `/feeds/organizations/${encodeURIComponent(org.slug)}.atom`,
    pagePath: organizationPath(org.slug),
    title: `${org.name}: changes`,
    subtitle: `Changes to the datasets of ${org.name} on ${deps.site.name}.`,
    items,
  });
}

const excerpt = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

/** The most recently updated published datasets a catalog search finds (`q=trees&theme=Environment`). */
export async function searchFeed(deps: Deps, baseUrl: string, queryString: string): Promise<AtomFeed> {
  const search = parseSearch(queryString);
  const found = await deps.catalog.datasets.searchDatasets({
    ...(search.q ? { q: search.q, synonyms: (await getSite(deps)).synonyms } : {}),
    filters: search.filters,
    visibility: visibilityOf(anonymous),
    statuses: ['published'],
    sort: 'updated',
    limit: FEED_ENTRIES,
    offset: 0,
    facets: [],
    facetLimit: 0,
  });
  const orgs = new Map((await deps.catalog.datasets.listOrganizations()).map((o) => [o.id, o]));
  const qs = formatSearch(search);
  const entries: AtomEntry[] = found.results.map((d: Dataset) => ({
    id: tagId(baseUrl, d.createdAt, `dataset/${d.id}`),
    title: d.title,
    updated: d.updatedAt,
    url: `${baseUrl}${datasetPath(d.slug)}`,
    authorName: d.publisher ?? orgs.get(d.organizationId)?.name ?? deps.site.name,
    summary: excerpt(d.description) || d.title,
    categories: [...d.themes, ...d.keywords],
  }));
  const described = [search.q ? `“${search.q}”` : '', ...Object.entries(search.filters).map(([facet, values]) => `${facet} ${values.join(' or ')}`)].filter(Boolean).join(', ');
  return {
    id: `${baseUrl}/feeds/search.atom${qs ? `?${qs}` : ''}`,
    title: `${deps.site.name}: ${described ? `datasets matching ${described}` : 'recently updated datasets'}`,
    updated: entries[0]?.updated ?? deps.clock.now().toISOString(),
    selfUrl: `${baseUrl}/feeds/search.atom${qs ? `?${qs}` : ''}`,
    alternateUrl: `${baseUrl}/datasets${qs ? `?${qs}` : ''}`,
    authorName: deps.site.name,
    entries,
  };
}

export interface SitemapUrl {
  /** A path on the site, such as `/datasets/street-trees`. */
  path: string;
  /** When the page last changed (ISO), when known. */
  lastmod: string | null;
}

/** Every published, non-private dataset page and every organization page, with when each last changed. */
export async function sitemapUrls(deps: Deps): Promise<SitemapUrl[]> {
  const datasets = new Map<string, Dataset>();
  const page = 1000;
  for (let offset = 0; datasets.size < SITEMAP_MAX_URLS; offset += page) {
    const found = await deps.catalog.datasets.searchDatasets({ filters: {}, visibility: visibilityOf(anonymous), statuses: ['published'], sort: 'title', limit: page, offset, facets: [], facetLimit: 0 });
    for (const d of found.results) datasets.set(d.id, d);
    if (found.results.length < page) break;
  }
  const latestByOrg = new Map<string, string>();
  for (const d of datasets.values()) if ((latestByOrg.get(d.organizationId) ?? '') < d.updatedAt) latestByOrg.set(d.organizationId, d.updatedAt);
  const orgs = (await deps.catalog.datasets.listOrganizations()).map((o) => ({ path: organizationPath(o.slug), lastmod: latestByOrg.get(o.id) ?? o.createdAt }));
  const pages = [...datasets.values()].map((d) => ({ path: datasetPath(d.slug), lastmod: d.updatedAt }));
  return [{ path: '/', lastmod: null }, { path: '/datasets', lastmod: null }, { path: '/organizations', lastmod: null }, ...orgs, ...pages].slice(0, SITEMAP_MAX_URLS);
}
