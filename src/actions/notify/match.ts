import { anonymous, type Principal, type UserPrincipal } from '../../domain/accounts/principal.ts';
import { canSeeDataset, roleIn, visibilityOf } from '../../domain/accounts/policy.ts';
import { TOKEN_SCOPES } from '../../domain/accounts/types.ts';
import { FOLLOWABLE_KINDS, parseSubject, type ActivityEntry, type FollowableKind, type Subscription } from '../../domain/activity/types.ts';
import { SEARCH_FACETS, type SearchFacet } from '../../domain/catalog/search.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import { principalFor } from '../auth/principal.ts';
import type { Deps } from '../deps.ts';
import { getSite } from '../site/settings.ts';
import { FOLLOWABLES, type FollowedItem } from './followables.ts';

/** A saved search: the catalog's words and facet filters, as the catalog page's query string carries them. */
export interface SavedSearch {
  q?: string;
  filters: Partial<Record<SearchFacet, string[]>>;
}

const SEARCH_KEYS: readonly string[] = ['q', ...SEARCH_FACETS];
/** Facets whose values the index keeps in lower case. */
const LOWERCASE_FACETS: readonly SearchFacet[] = ['keyword', 'format'];

const badSearch = (message: string): AppError => new AppError('validation_failed', message, { fields: [{ field: 'search', message }] });

/**
 * Reads a catalog query string such as `q=trees&theme=Environment&organization=parks`.
 * Only `q` and the facets are allowed; a facet may repeat, and its values may
 * also be separated by commas. Throws a validation error naming what is wrong.
 */
export function parseSearch(queryString: string): SavedSearch {
  const text = queryString.trim().replace(/^\?/, '');
  if (text.length > 2000) throw badSearch('The search is too long (at most 2,000 characters).');
  const params = new URLSearchParams(text);
  const out: SavedSearch = { filters: {} };
  for (const [key, raw] of params) {
    const value = raw.trim();
    if (!SEARCH_KEYS.includes(key)) throw badSearch(`"${key}" is not a search filter; use q or one of: ${SEARCH_FACETS.join(', ')}.`);
    if (value === '') continue;
    if (key === 'q') {
      if (out.q !== undefined) throw badSearch('Give the search words (q) once.');
      if (value.length > 200) throw badSearch('The search words (q) are too long (at most 200 characters).');
      out.q = value;
      continue;
    }
    const facet = key as SearchFacet;
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => (LOWERCASE_FACETS.includes(facet) ? v.toLowerCase() : v));
    if (values.some((v) => v.length > 200)) throw badSearch(`A "${facet}" value is too long (at most 200 characters).`);
    const all = [...new Set([...(out.filters[facet] ?? []), ...values])];
    if (all.length > 20) throw badSearch(`Give at most 20 "${facet}" values.`);
    out.filters[facet] = all;
  }
  return out;
}

/** The one way a saved search is written: keys in a fixed order, values sorted, so equal searches compare equal. */
export function formatSearch(s: SavedSearch): string {
  const params = new URLSearchParams();
  if (s.q) params.append('q', s.q);
  for (const facet of SEARCH_FACETS) for (const v of [...(s.filters[facet] ?? [])].sort()) params.append(facet, v);
  return params.toString();
}

/**
 * What one pass of the notifier has already looked up, so that a burst of
 * activity costs one query per subscriber, dataset and saved search.
 */
export class MatchCache {
  private readonly owners = new Map<string, Promise<UserPrincipal | undefined>>();
  private readonly datasets = new Map<string, Promise<Dataset | undefined>>();
  private readonly organizations = new Map<string, Promise<Organization | undefined>>();
  private readonly searches = new Map<string, Promise<boolean>>();
  private readonly items = new Map<string, Promise<FollowedItem | undefined>>();

  constructor(private readonly deps: Deps) {}

  /** The subscriber with the rights they hold now (a session's, every scope), or undefined for a missing or disabled account. */
  owner(userId: string): Promise<UserPrincipal | undefined> {
    return this.remember(this.owners, userId, async () => {
      const user = await this.deps.catalog.accounts.getUser(userId);
      return user && !user.disabled ? principalFor(this.deps, user, 'session', [...TOKEN_SCOPES], null) : undefined;
    });
  }

  dataset(id: string): Promise<Dataset | undefined> {
    return this.remember(this.datasets, id, () => this.deps.catalog.datasets.getDataset(id));
  }

  organization(id: string): Promise<Organization | undefined> {
    return this.remember(this.organizations, id, () => this.deps.catalog.datasets.getOrganization(id));
  }

  /** A community item as the subscriber may see it now; undefined when it is gone or hidden from them. */
  item(owner: UserPrincipal, kind: FollowableKind, id: string): Promise<FollowedItem | undefined> {
    return this.remember(this.items, `${owner.userId}\n${kind}\n${id}`, async () => FOLLOWABLES[kind]?.seenBy(this.deps, owner, id));
  }

  /** A community item as anyone may see it (for what the notifier sends, which names the item). */
  publicItem(kind: FollowableKind, id: string): Promise<FollowedItem | undefined> {
    return this.remember(this.items, `\n${kind}\n${id}`, async () => FOLLOWABLES[kind]?.seenBy(this.deps, anonymous, id));
  }

  /** Whether a saved search, run as the subscriber, finds the dataset among published datasets. */
  searchFinds(owner: UserPrincipal, saved: string, datasetId: string): Promise<boolean> {
    return this.remember(this.searches, `${owner.userId}\n${saved}\n${datasetId}`, async () => {
      let search: SavedSearch;
      try {
        search = parseSearch(saved);
      } catch {
        return false;
      }
      const found = await this.deps.catalog.datasets.searchDatasets({
        ...(search.q ? { q: search.q, synonyms: (await getSite(this.deps)).synonyms } : {}),
        filters: search.filters,
        visibility: visibilityOf(owner),
        statuses: ['published'],
        ids: [datasetId],
        sort: 'relevance',
        limit: 1,
        offset: 0,
        facets: [],
        facetLimit: 0,
      });
      return found.results.some((d) => d.id === datasetId);
    });
  }

  private remember<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let hit = map.get(key);
    if (!hit) map.set(key, (hit = load()));
    return hit;
  }
}

/** Whether a member of the entry's organization (site administrators are members of all) is reading. */
const isMember = (p: Principal, organizationId: string | null): boolean =>
  organizationId !== null && p.kind === 'user' && p.scopes.includes('read') && roleIn(p, organizationId) !== undefined;

const isFollowable = (target: string): target is FollowableKind => (FOLLOWABLE_KINDS as readonly string[]).includes(target);

/**
 * Whether an activity entry concerns a subscription and its owner may hear of
 * it now. A followed community item (a problem) hears of the entries about it
 * while its follower may see it. A subscription hears of what happened from its creation on. An entry
 * about a dataset needs the owner to see that dataset as it is now (drafts and
 * private datasets stay with their organization's members); a search also
 * needs its saved search to find the dataset. An entry about no dataset goes
 * to the organization's subscribers: changes to the organization itself to
 * all of them, anything else (members, deleted datasets) to its members only.
 */
export async function matches(cache: MatchCache, sub: Subscription, entry: ActivityEntry): Promise<boolean> {
  if (entry.at < sub.createdAt) return false;
  if (isFollowable(sub.target)) {
    const about = parseSubject(entry.subject);
    if (!about || about.kind !== sub.target || about.id !== sub.targetId) return false;
    const owner = await cache.owner(sub.userId);
    return owner !== undefined && (await cache.item(owner, about.kind, about.id)) !== undefined;
  }
  if (sub.target === 'dataset' && entry.datasetId !== sub.targetId) return false;
  if (sub.target === 'organization' && entry.organizationId !== sub.targetId) return false;
  if (sub.target === 'search' && !entry.datasetId) return false;
  const owner = await cache.owner(sub.userId);
  if (!owner) return false;
  if (entry.datasetId) {
    const dataset = await cache.dataset(entry.datasetId);
    if (!dataset || !canSeeDataset(owner, dataset)) return false;
    return sub.target !== 'search' || cache.searchFinds(owner, sub.targetId, dataset.id);
  }
  return entry.verb.startsWith('organization.') || isMember(owner, entry.organizationId);
}
