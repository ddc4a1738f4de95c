import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows } from '../sql/search-document.ts';
import { planText } from '../sql/search-plan.ts';
import { runSearch } from '../sql/search-query.ts';
import { CATALOG_VOCABULARY } from '../sql/search-words.ts';
import { completions, ftsMatch, stemmedField } from './fts.ts';

/**
 * Catalog search on SQLite: FTS5 over text stemmed by the store (Snowball,
 * English and Spanish, as PostgreSQL's configurations stem it), ranked first
 * by how many of the reader's words a dataset matches, then by bm25 with
 * column weights (title 10, keywords 5, columns 3, organization 2,
 * description and the rest 1). A word matches through any of its forms
 * (completions of the last word, near spellings of an unknown word,
 * synonyms; see `planQuery`).
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
    const f = (text: string) => stemmedField(doc.languages, text);
    await sql`INSERT INTO search_fts (rowid, title, keywords, columns, organization, description, other)
      VALUES (${rowid}, ${f(doc.title)}, ${f(doc.keywords)}, ${f(doc.columns)}, ${f(doc.organization)}, ${f(doc.description)}, ${f(doc.other)})`.execute(db);
  },

  async search(db, q) {
    const plan = await planText(db, q.q, completions, q.synonyms, CATALOG_VOCABULARY);
    if (plan === 'none') return { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    if (plan === 'all') return runSearch(db, q, undefined, 'sqlite');
    return runSearch(db, q, ftsMatch(plan, { fts: 'search_fts', docs: 'search_docs', key: 'dataset_id', weights: [10, 5, 3, 2, 1, 1] }), 'sqlite');
  },
};
