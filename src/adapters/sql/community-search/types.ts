import type { Kysely } from 'kysely';
import type { CatalogDb } from '../schema.ts';
import type { SearchLanguage } from '../search-languages.ts';
import type { TextMatch } from '../search-match.ts';

/**
 * The kinds of community item the community search index holds. A kind
 * joins by adding its name here and its loader to `COMMUNITY_DOCUMENTS`
 * (`documents.ts`); its store then calls `indexCommunityItem` (`engine.ts`)
 * when an item changes.
 */
export const COMMUNITY_SEARCH_KINDS = ['problem', 'request', 'showcase'] as const;
export type CommunitySearchKind = (typeof COMMUNITY_SEARCH_KINDS)[number];

/**
 * One community item's text as the index holds it, every field folded (see
 * `fold`), in the fields the engines weigh differently: the title counts
 * most, then the main text, then the secondary text, then the rest (its
 * category, its area).
 */
export interface CommunityDocument {
  title: string;
  text: string;
  more: string;
  other: string;
  /** The languages its text is stemmed in. */
  languages: SearchLanguage[];
}

/**
 * The community search index as one database keeps it: an entry per kind and
 * item, matched with the same planning of the reader's words as the catalog
 * (stems in English and Spanish, completions, near spellings, synonyms), from
 * the community's own vocabulary of known words.
 */
export interface CommunitySearchEngine {
  /** Writes one item's entry (inside the caller's transaction), or removes it when `doc` is undefined. */
  write(db: Kysely<CatalogDb>, kind: CommunitySearchKind, itemId: string, doc: CommunityDocument | undefined): Promise<void>;
  /**
   * The items of a kind matching the reader's text: `all` when the text holds
   * no words, `none` when nothing can match, else the match to filter and
   * rank by.
   */
  match(db: Kysely<CatalogDb>, kind: CommunitySearchKind, text: string | undefined, synonyms: readonly (readonly string[])[] | undefined): Promise<'all' | 'none' | TextMatch>;
}
