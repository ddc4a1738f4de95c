import { sql, type RawBuilder } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows } from '../sql/search-document.ts';
import { planQuery, type Completions, type PlannedWord } from '../sql/search-plan.ts';
import { runSearch } from '../sql/search-query.ts';
import { textSearchConfig } from '../sql/search-stems.ts';
import { queryWords } from '../sql/search-words.ts';

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

/** Several tsqueries as one that matches any of them. */
const either = (queries: RawBuilder<unknown>[]) => sql`(${sql.join(queries, sql` || `)})`;

/**
 * A word of the query as a tsquery: one of its forms matches, each a phrase in its
 * language's configuration (`phraseto_tsquery` reads plain text, so nothing
 * in it is query syntax).
 */
const anyForm = (p: PlannedWord) => either(p.forms.map((f) => sql`phraseto_tsquery(${textSearchConfig(f.lang)}::regconfig, ${f.text})`));

/**
 * Catalog search on PostgreSQL: full text over a weighted `tsvector` (title A,
 * keywords B, columns and organization C, description and the rest D), in
 * the `english` and `spanish` configurations of the dataset's languages,
 * ranked first by how many of the reader's words a dataset matches, then by
 * `ts_rank_cd`. A word matches through any of its forms (completions of the
 * last word, near spellings of an unknown word, synonyms; see `planQuery`).
 */
export const postgresSearch: SearchEngine = {
  async index(db, datasetId) {
    const { doc } = await indexSharedRows(db, datasetId);
    if (!doc) {
      await sql`DELETE FROM search_docs WHERE dataset_id = ${datasetId}`.execute(db);
      return;
    }
    const vectors = doc.languages.map((lang) => {
      const config = sql`${textSearchConfig(lang)}::regconfig`;
      return sql`setweight(to_tsvector(${config}, ${doc.title}), 'A') ||
        setweight(to_tsvector(${config}, ${doc.keywords}), 'B') ||
        setweight(to_tsvector(${config}, ${doc.columns + '\n' + doc.organization}), 'C') ||
        setweight(to_tsvector(${config}, ${doc.description + '\n' + doc.other}), 'D')`;
    });
    await sql`INSERT INTO search_docs (dataset_id, document) VALUES (${datasetId}, ${sql.join(vectors, sql` || `)})
      ON CONFLICT (dataset_id) DO UPDATE SET document = excluded.document`.execute(db);
  },

  async search(db, q) {
    const nothing = { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    const { words, empty } = queryWords(q.q);
    if (empty) return nothing;
    if (!words.length) return runSearch(db, q, undefined, 'postgres');
    const plan = await planQuery(db, words, completions, q.synonyms);
    if (!plan.length) return nothing;
    const perWord = plan.map(anyForm);
    const any = either(perWord);
    // How many words each dataset matches; a query of one word needs no count.
    const matched = plan.length > 1 ? sql.join(perWord.map((w) => sql`(CASE WHEN s.document @@ ${w} THEN 1 ELSE 0 END)`), sql` + `) : sql`1`;
    return runSearch(
      db,
      q,
      {
        ids: sql`SELECT s.dataset_id FROM search_docs s WHERE s.document @@ ${any}`,
        ranked: (among) => sql`SELECT s.dataset_id, ${matched} AS matched, ts_rank_cd(s.document, ${any}) AS rank
          FROM search_docs s WHERE s.dataset_id IN (${among}) AND s.document @@ ${any}`,
      },
      'postgres',
    );
  },
};
