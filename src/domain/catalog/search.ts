import type { DatasetStatus } from './vocab.ts';

/** The catalog's facets, in the order pages show them. */
export const SEARCH_FACETS = ['organization', 'theme', 'keyword', 'format', 'license', 'frequency'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const SEARCH_SORTS = ['relevance', 'updated', 'popular', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * Which datasets a reader may see beyond the published, non-private ones:
 * everything (site admins), or every dataset of some organizations (members).
 */
export type Visibility = { all: true } | { all: false; organizationIds: string[] };

export interface SearchQuery {
  q?: string;
  /** Values per facet; several values of one facet match any of them, facets combine with AND. Organization values are slugs. */
  filters: Partial<Record<SearchFacet, string[]>>;
  visibility: Visibility;
  /** Only these statuses (default: published). A reader never gets more than `visibility` allows. */
  statuses?: DatasetStatus[];
  /** Only datasets whose next update was due before this instant (ISO). */
  overdueAt?: string;
  /** Only these datasets (by id), as when checking whether a saved search finds one dataset. */
  ids?: string[];
  /** Only datasets changed at or after `from` and at or before `to` (ISO instants), as harvesters ask for changes since their last run. */
  updated?: { from?: string; to?: string };
  sort: SearchSort;
  limit: number;
  offset: number;
  /** Facets to count; each count applies every filter except the facet's own. */
  facets: SearchFacet[];
  facetLimit: number;
  /**
   * Groups of words (or phrases) that mean the same to readers: a word of the
   * query that is an entry of a group, or shares its stem, also matches the
   * group's other entries.
   */
  synonyms?: string[][];
}

export interface FacetCount {
  value: string;
  count: number;
  /** How readers know the value when it is not the value itself: an organization's name for its slug. */
  label?: string;
}

export interface SearchResult<D> {
  total: number;
  results: D[];
  facets: Partial<Record<SearchFacet, FacetCount[]>>;
}
