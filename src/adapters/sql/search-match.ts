import type { RawBuilder } from 'kysely';

/**
 * How an engine matches the reader's text in one index: the ids of every
 * matching item (a dataset, a problem), and the rank of those among some ids
 * (a subquery), so that the ranking function runs only on what passed the
 * filters.
 */
export interface TextMatch {
  /** A subquery of `item_id` for every item matching the text. */
  ids: RawBuilder<unknown>;
  /**
   * A subquery of (item_id, matched, rank) for the matching items among
   * `among`: how many of the reader's words each matches, and how well (a
   * higher rank is a better match). Items matching more words come first.
   */
  ranked(among: RawBuilder<unknown>): RawBuilder<unknown>;
}
