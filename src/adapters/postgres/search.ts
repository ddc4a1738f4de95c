import { sql } from 'kysely';
import type { SearchEngine } from '../sql/dialect.ts';
import { COMPLETIONS, indexSharedRows, maxEdits, nearest, queryWords, runSearch, type QueryWord } from '../sql/search-document.ts';

/** A word as a tsquery operand: quoted, so nothing in it is query syntax. */
const operand = (w: string, prefix = false) => `'${w.replace(/'/g, "''").replace(/\\/g, '\\\\')}'${prefix ? ':*' : ''}`;

/**
 * Catalog search on PostgreSQL: full text over a weighted `tsvector` (title A,
 * keywords B, columns and organization C, description and the rest D),
 * ranked by `ts_rank_cd`; words not in `search_terms` are widened to known
 * words close to them, found through `pg_trgm` and checked by edit distance.
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
    const plan: QueryWord[] = words.map((word, i) => ({ word, prefix: i === words.length - 1, alternatives: [] }));
    const known = new Set(
      (await sql<{ term: string }>`SELECT term FROM search_terms WHERE term = ANY(${words}::text[])`.execute(db)).rows.map((r) => r.term),
    );
    const last = plan[plan.length - 1]!;
    if (last.word.length >= 3 && /^\p{L}+$/u.test(last.word)) {
      const c = await sql<{ term: string }>`SELECT term FROM search_terms WHERE term LIKE ${last.word + '%'} AND term <> ${last.word}
        ORDER BY length(term), term LIMIT ${COMPLETIONS}`.execute(db);
      last.alternatives.push(...c.rows.map((r) => r.term));
    }
    const unknown = plan.filter((p) => !known.has(p.word) && !p.alternatives.length && maxEdits(p.word) > 0);
    if (unknown.length) {
      const near = await sql<{ w: string; term: string }>`SELECT w, t.term FROM unnest(${unknown.map((p) => p.word)}::text[]) AS w
        JOIN search_terms t ON t.term % w`.execute(db);
      for (const p of unknown) p.alternatives.push(...nearest(p.word, near.rows.filter((r) => r.w === p.word).map((r) => r.term)));
    }
    const text = plan.map((p) => `(${[operand(p.word, p.prefix), ...p.alternatives.map((a) => operand(a))].join(' | ')})`).join(' & ');
    const match = sql`SELECT s.dataset_id, ts_rank_cd(s.document, tq.q) AS rank
      FROM search_docs s, (SELECT to_tsquery('english', ${text}) AS q) tq WHERE s.document @@ tq.q`;
    return runSearch(db, q, match, 'postgres');
  },
};
