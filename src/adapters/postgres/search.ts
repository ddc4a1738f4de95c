import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows } from '../sql/search-document.ts';
import { planText } from '../sql/search-plan.ts';
import { runSearch } from '../sql/search-query.ts';
import { CATALOG_VOCABULARY } from '../sql/search-words.ts';
import { completions, tsMatch, weightedVector } from './tsquery.ts';

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
    const vector = weightedVector(doc.languages, [
      [doc.title, 'A'],
      [doc.keywords, 'B'],
      [doc.columns + '\n' + doc.organization, 'C'],
      [doc.description + '\n' + doc.other, 'D'],
    ]);
    await sql`INSERT INTO search_docs (dataset_id, document) VALUES (${datasetId}, ${vector})
      ON CONFLICT (dataset_id) DO UPDATE SET document = excluded.document`.execute(db);
  },

  async search(db, q) {
    const plan = await planText(db, q.q, completions, q.synonyms, CATALOG_VOCABULARY);
    if (plan === 'none') return { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    if (plan === 'all') return runSearch(db, q, undefined, 'postgres');
    return runSearch(db, q, tsMatch(plan, { docs: 'search_docs', key: 'dataset_id' }), 'postgres');
  },
};
