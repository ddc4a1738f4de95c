import type { Showcase, ShowcaseKind, ShowcaseState } from '../../domain/community/showcases.ts';

export interface ShowcaseQuery {
  states: ShowcaseState[];
  kinds?: ShowcaseKind[];
  /** Only showcases that use this dataset. */
  datasetId?: string;
  authorId?: string;
  limit: number;
  offset: number;
}

export interface ShowcasePage {
  total: number;
  /** Newest first. */
  results: Showcase[];
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
