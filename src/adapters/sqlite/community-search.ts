import { sql, type Kysely } from 'kysely';
import type { CommunitySearchEngine } from '../sql/community-search/types.ts';
import { planText } from '../sql/search-plan.ts';
import { COMMUNITY_VOCABULARY } from '../sql/search-words.ts';
import { completions, ftsMatch, stemmedField } from './fts.ts';

/**
 * Community search on SQLite: a contentless FTS5 table over text the store
 * stems (as the catalog's, ADR 20), its row ids naming kind and item in
 * `community_search_docs`; ranked by how many of the reader's words an item
 * matches, then bm25 (title 10, main text 4, secondary text 2, the rest 1).
 */
export const sqliteCommunitySearch: CommunitySearchEngine = {
  async write(db, kind, itemId, doc) {
    const existing = await sql<{ rowid: number }>`SELECT rowid FROM community_search_docs WHERE kind = ${kind} AND item_id = ${itemId}`.execute(db);
    let rowid = existing.rows[0]?.rowid;
    if (rowid !== undefined) await sql`DELETE FROM community_search_fts WHERE rowid = ${rowid}`.execute(db);
    if (!doc) {
      await sql`DELETE FROM community_search_docs WHERE kind = ${kind} AND item_id = ${itemId}`.execute(db);
      return;
    }
    if (rowid === undefined) {
      rowid = (await sql<{ rowid: number }>`INSERT INTO community_search_docs (kind, item_id) VALUES (${kind}, ${itemId}) RETURNING rowid`.execute(db)).rows[0]!.rowid;
    }
    const f = (text: string) => stemmedField(doc.languages, text);
    await sql`INSERT INTO community_search_fts (rowid, title, body, more, other)
      VALUES (${rowid}, ${f(doc.title)}, ${f(doc.text)}, ${f(doc.more)}, ${f(doc.other)})`.execute(db);
  },

  async match(db, kind, text, synonyms) {
    const plan = await planText(db, text, completions, synonyms, COMMUNITY_VOCABULARY);
    if (plan === 'all' || plan === 'none') return plan;
    return ftsMatch(plan, { fts: 'community_search_fts', docs: 'community_search_docs', key: 'item_id', kind, weights: [10, 4, 2, 1] });
  },
};

/** The engine's tables of the community index (migration 0114): row ids by kind and item, and the FTS5 table, tokenized as the catalog's. */
export async function sqliteCommunitySearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE community_search_docs (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id TEXT NOT NULL, UNIQUE (kind, item_id))`.execute(db);
  await sql`CREATE VIRTUAL TABLE community_search_fts USING fts5(title, body, more, other,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
}
