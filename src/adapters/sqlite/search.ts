import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { indexSharedRows, type SearchDocument } from '../sql/search-document.ts';
import { planQuery, type Completions, type PlannedWord } from '../sql/search-plan.ts';
import { runSearch } from '../sql/search-query.ts';
import { stemText } from '../sql/search-stems.ts';
import { queryWords } from '../sql/search-words.ts';

/** A word or phrase of stems as an FTS5 string: always quoted, so nothing in it is query syntax. */
const quoted = (stems: string[]) => `"${stems.join(' ').replace(/"/g, '""')}"`;

/** One field of a document as stored: its text stemmed in each of the document's languages, one line each. */
const stemmed = (doc: SearchDocument, text: string) => doc.languages.map((lang) => stemText(text, lang)).join('\n');

/** A word of the query as an FTS5 expression: one of its forms matches. */
const anyForm = (p: PlannedWord) => `(${[...new Set(p.forms.map((f) => quoted(f.stems)))].join(' OR ')})`;

/** Completions from the primary key of `search_terms`, read as a range (SQLite compares text bytewise). */
const completions: Completions = async (db, prefix, limit) =>
  (
    await sql<{ term: string }>`SELECT term FROM search_terms WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}
      ORDER BY length(term), term LIMIT ${limit}`.execute(db)
  ).rows.map((r) => r.term);

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
    const f = (text: string) => stemmed(doc, text);
    await sql`INSERT INTO search_fts (rowid, title, keywords, columns, organization, description, other)
      VALUES (${rowid}, ${f(doc.title)}, ${f(doc.keywords)}, ${f(doc.columns)}, ${f(doc.organization)}, ${f(doc.description)}, ${f(doc.other)})`.execute(db);
  },

  async search(db, q) {
    const nothing = { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    const { words, empty } = queryWords(q.q);
    if (empty) return nothing;
    if (!words.length) return runSearch(db, q, undefined, 'sqlite');
    const plan = await planQuery(db, words, completions, q.synonyms);
    if (!plan.length) return nothing;
    const any = plan.map(anyForm).join(' OR ');
    // How many words each dataset matches: one FTS5 query per word, counted by row; a query of one word needs none.
    const perWord = sql.join(
      plan.map((p) => sql`SELECT rowid FROM search_fts WHERE search_fts MATCH ${anyForm(p)}`),
      sql` UNION ALL `,
    );
    const counted = plan.length > 1 ? sql`JOIN (SELECT rowid, count(*) AS matched FROM (${perWord}) GROUP BY rowid) m ON m.rowid = search_fts.rowid` : sql``;
    return runSearch(
      db,
      q,
      {
        ids: sql`SELECT d.dataset_id FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ${any}`,
        ranked: (among) => sql`SELECT d.dataset_id, ${plan.length > 1 ? sql`m.matched` : sql`1`} AS matched, -bm25(search_fts, 10, 5, 3, 2, 1, 1) AS rank
          FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid ${counted}
          WHERE search_fts MATCH ${any} AND d.dataset_id IN (${among})`,
      },
      'sqlite',
    );
  },
};
