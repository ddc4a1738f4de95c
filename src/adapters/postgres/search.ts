import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows } from '../sql/search-document.ts';
import { runSearch } from '../sql/search-query.ts';
import { planQuery, queryWords, type Completions } from '../sql/search-words.ts';

/** A word as a tsquery operand: quoted, so nothing in it is query syntax. */
const operand = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Completions through the `text_pattern_ops` index on `search_terms` (the
 * primary key's B-tree follows the database collation, which cannot answer a
 * prefix). Words in `search_terms` are letters only, so the pattern holds no
 * wildcard.
 */
const completions: Completions = async (db, prefix, limit) =>
  (
    await sql<{ term: string }>`SELECT term FROM search_terms WHERE term LIKE ${prefix + '%'}
      ORDER BY length(term), term COLLATE "C" LIMIT ${limit}`.execute(db)
  ).rows.map((r) => r.term);

/**
 * Catalog search on PostgreSQL: full text over a weighted `tsvector` (title A,
 * keywords B, columns and organization C, description and the rest D,
 * `english` configuration), ranked by `ts_rank_cd`. Every word must match
 * (any of its alternatives: completions of the last word, near spellings of
 * an unknown word; see `planQuery`).
 */
export const postgresSearch: SearchEngine = {
  async index(db, datasetId) {
    const { doc } = await indexSharedRows(db, datasetId);
    if (!doc) {
      await sql`DELETE FROM search_docs WHERE dataset_id = ${datasetId}`.execute(db);
      return;
    }
    await sql`INSERT INTO search_docs (dataset_id, document) VALUES (${datasetId},
        setweight(to_tsvector('english', ${doc.title}), 'A') ||
        setweight(to_tsvector('english', ${doc.keywords}), 'B') ||
        setweight(to_tsvector('english', ${doc.columns + '\n' + doc.organization}), 'C') ||
        setweight(to_tsvector('english', ${doc.description + '\n' + doc.other}), 'D'))
      ON CONFLICT (dataset_id) DO UPDATE SET document = excluded.document`.execute(db);
  },

  async search(db, q) {
    const { words, empty } = queryWords(q.q);
    if (empty) return { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    if (!words.length) return runSearch(db, q, undefined, 'postgres');
    const plan = await planQuery(db, words, completions);
    const text = plan.map((p) => `(${[p.word, ...p.alternatives].map(operand).join(' | ')})`).join(' & ');
    const tsquery = sql`to_tsquery('english', ${text})`;
    return runSearch(
      db,
      q,
      {
        ids: sql`SELECT s.dataset_id FROM search_docs s WHERE s.document @@ ${tsquery}`,
        ranked: (among) => sql`SELECT s.dataset_id, ts_rank_cd(s.document, ${tsquery}) AS rank
          FROM search_docs s WHERE s.dataset_id IN (${among}) AND s.document @@ ${tsquery}`,
      },
      'postgres',
    );
  },
};
