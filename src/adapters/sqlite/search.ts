import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows } from '../sql/search-document.ts';
import { runSearch } from '../sql/search-query.ts';
import { planQuery, queryWords, type Completions } from '../sql/search-words.ts';

/** A word as an FTS5 string: always quoted, so nothing in it is query syntax. */
const quoted = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** Completions from the primary key of `search_terms`, read as a range (SQLite compares text bytewise). */
const completions: Completions = async (db, prefix, limit) =>
  (
    await sql<{ term: string }>`SELECT term FROM search_terms WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}
      ORDER BY length(term), term LIMIT ${limit}`.execute(db)
  ).rows.map((r) => r.term);

/**
 * Catalog search on SQLite: FTS5 ranked by bm25 with column weights (title
 * 10, keywords 5, columns 3, organization 2, description and the rest 1).
 * Every word must match (any of its alternatives: completions of the last
 * word, near spellings of an unknown word; see `planQuery`).
 */
export const sqliteSearch: SearchEngine = {
  async index(db, datasetId) {
    const { doc } = await indexSharedRows(db, datasetId);
    const existing = await sql<{ rowid: number }>`SELECT rowid FROM search_docs WHERE dataset_id = ${datasetId}`.execute(db);
    let rowid = existing.rows[0]?.rowid;
    if (rowid !== undefined) await sql`DELETE FROM search_fts WHERE rowid = ${rowid}`.execute(db);
    if (!doc) {
      await sql`DELETE FROM search_docs WHERE dataset_id = ${datasetId}`.execute(db);
      return;
    }
    if (rowid === undefined) {
      rowid = (await sql<{ rowid: number }>`INSERT INTO search_docs (dataset_id) VALUES (${datasetId}) RETURNING rowid`.execute(db)).rows[0]!.rowid;
    }
    await sql`INSERT INTO search_fts (rowid, title, keywords, columns, organization, description, other)
      VALUES (${rowid}, ${doc.title}, ${doc.keywords}, ${doc.columns}, ${doc.organization}, ${doc.description}, ${doc.other})`.execute(db);
  },

  async search(db, q) {
    const { words, empty } = queryWords(q.q);
    if (empty) return { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    if (!words.length) return runSearch(db, q, undefined, 'sqlite');
    const plan = await planQuery(db, words, completions);
    const text = plan.map((p) => `(${[p.word, ...p.alternatives].map(quoted).join(' OR ')})`).join(' AND ');
    return runSearch(
      db,
      q,
      {
        ids: sql`SELECT d.dataset_id FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ${text}`,
        ranked: (among) => sql`SELECT d.dataset_id, -bm25(search_fts, 10, 5, 3, 2, 1, 1) AS rank
          FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ${text} AND d.dataset_id IN (${among})`,
      },
      'sqlite',
    );
  },
};
