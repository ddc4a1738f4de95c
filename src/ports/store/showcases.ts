import type { FacetCount } from '../../domain/catalog/search.ts';
import type { Showcase, ShowcaseKind, ShowcaseState } from '../../domain/community/showcases.ts';

export interface ShowcaseQuery {
  states: ShowcaseState[];
  kinds?: ShowcaseKind[];
  /** Only showcases that use this dataset. */
  datasetId?: string;
  authorId?: string;
  limit: number;
  offset: number;
  /**
   * Text to search for, read as the catalog search reads it; only approved
   * showcases are in the search index, so a search finds no other. The
   * showcases matching more of the words, and better, come first.
   */
  q?: string;
  /** Groups of words that mean the same to readers (the site's synonyms), for `q`. */
  synonyms?: string[][];
  /** Count the showcases found by kind, under every filter but the kind. */
  kindFacet?: boolean;
}

export interface ShowcasePage {
  total: number;
  /** Newest first (best match first when searched). */
  results: Showcase[];
  /** With `kindFacet`: each kind's showcases, most first. */
  facets?: { kind: FacetCount[] };
}

/** Showcases and the datasets each uses. */
export interface ShowcaseStore {
  /** Keeps a showcase with its datasets, in one transaction. */
  createShowcase(s: Showcase): Promise<void>;
  getShowcase(id: string): Promise<Showcase | undefined>;
  listShowcases(query: ShowcaseQuery): Promise<ShowcasePage>;
  /** A moderator's decision: the new state, its reason and when. */
  setShowcaseState(id: string, state: ShowcaseState, reason: string | null, at: string): Promise<void>;
  /** Sets (or removes) the key prefix of its image. */
  setShowcaseImage(id: string, image: string | null, at: string): Promise<void>;
  /** How many approved showcases use each of the datasets given (those with none are left out). */
  countApprovedByDataset(datasetIds: string[]): Promise<Map<string, number>>;
}
