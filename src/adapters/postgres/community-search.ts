import { sql, type Kysely } from 'kysely';
import type { CommunitySearchEngine } from '../sql/community-search/types.ts';
import { planText } from '../sql/search-plan.ts';
import { COMMUNITY_VOCABULARY } from '../sql/search-words.ts';
import { completions, tsMatch, weightedVector } from './tsquery.ts';

/**
 * Community search on PostgreSQL: one weighted `tsvector` per kind and item
 * (title A, main text B, secondary text C, the rest D) in the `english` and
 * `spanish` configurations, ranked by how many of the reader's words an item
 * matches, then `ts_rank_cd`.
 */
export const postgresCommunitySearch: CommunitySearchEngine = {
  async write(db, kind, itemId, doc) {
    if (!doc) {
      await sql`DELETE FROM community_search_docs WHERE kind = ${kind} AND item_id = ${itemId}`.execute(db);
      return;
    }
    const vector = weightedVector(doc.languages, [
      [doc.title, 'A'],
      [doc.text, 'B'],
      [doc.more, 'C'],
      [doc.other, 'D'],
    ]);
    await sql`INSERT INTO community_search_docs (kind, item_id, document) VALUES (${kind}, ${itemId}, ${vector})
      ON CONFLICT (kind, item_id) DO UPDATE SET document = excluded.document`.execute(db);
  },

  async match(db, kind, text, synonyms) {
    const plan = await planText(db, text, completions, synonyms, COMMUNITY_VOCABULARY);
    if (plan === 'all' || plan === 'none') return plan;
    return tsMatch(plan, { docs: 'community_search_docs', key: 'item_id', kind });
  },
};

/** The engine's tables of the community index (migration 0114): the documents under a GIN index, and a pattern index on the known words for completions. */
export async function postgresCommunitySearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE community_search_docs (kind text NOT NULL, item_id text NOT NULL, document tsvector NOT NULL, PRIMARY KEY (kind, item_id))`.execute(db);
  await sql`CREATE INDEX community_search_docs_document ON community_search_docs USING gin (document)`.execute(db);
  await sql`CREATE INDEX community_search_terms_prefix ON community_search_terms (term text_pattern_ops)`.execute(db);
}
