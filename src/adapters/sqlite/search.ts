import { sql } from 'kysely';
import type { Db, SearchEngine } from '../sql/dialect.ts';
import { COMPLETIONS, indexSharedRows, maxEdits, nearest, queryWords, runSearch, type QueryWord } from '../sql/search-document.ts';

/**
 * The spelling neighbourhood of a word: the word and every string made by
 * deleting up to `depth` of its letters. Two words within edit distance k
 * share a string made by at most k deletions from each.
 */
export function deletions(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let layer = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of layer) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    layer = next;
  }
  return out;
}

/**
 * How deep a known word's neighbourhood is stored. A query word of under 8
 * letters may be 1 edit away, so 1 deletion from the known word suffices; a
 * query word of 8 or more letters may be 2 edits away, and a known word then
 * needs 2 deletions only when it is itself 8 letters or more (shorter ones are
 * reached by deleting from the query word alone).
 */
const storedDepth = (term: string): number => (term.length >= 8 ? 2 : 1);

/** Records the spelling neighbourhood of words new to `search_terms`. */
export async function indexTermVariants(db: Db, terms: string[]): Promise<void> {
  const rows = terms.flatMap((term) => [...deletions(term, storedDepth(term))].map((variant) => ({ variant, term })));
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await sql`INSERT OR IGNORE INTO search_term_variants (variant, term) VALUES ${sql.join(chunk.map((r) => sql`(${r.variant}, ${r.term})`))}`.execute(db);
  }
}

/** A word as an FTS5 string: always quoted, so nothing in it is query syntax. */
const quoted = (w: string) => `"${w.replace(/"/g, '""')}"`;

/**
 * Catalog search on SQLite: FTS5 ranked by bm25 with column weights (title
 * 10, keywords 5, columns 3, organization 2, description and the rest 1);
 * words not in `search_terms` are widened to known words within reach,
 * found through their stored spelling neighbourhoods and checked by edit
 * distance.
 */
export const sqliteSearch: SearchEngine = {
  async index(db, datasetId) {
    const { doc, newTerms } = await indexSharedRows(db, datasetId);
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
    if (newTerms.length) await indexTermVariants(db, newTerms);
  },

  async search(db, q) {
    const { words, empty } = queryWords(q.q);
    if (empty) return { total: 0, results: [], facets: Object.fromEntries(q.facets.map((f) => [f, []])) };
    if (!words.length) return runSearch(db, q, undefined, 'sqlite');
    const plan: QueryWord[] = words.map((word, i) => ({ word, prefix: i === words.length - 1, alternatives: [] }));
    const known = new Set((await sql<{ term: string }>`SELECT term FROM search_terms WHERE term IN (${sql.join(words)})`.execute(db)).rows.map((r) => r.term));
    const last = plan[plan.length - 1]!;
    if (last.word.length >= 3 && /^\p{L}+$/u.test(last.word)) {
      const c = await sql<{ term: string }>`SELECT term FROM search_terms WHERE term > ${last.word} AND term < ${last.word + '\u{10FFFF}'}
        ORDER BY length(term), term LIMIT ${COMPLETIONS}`.execute(db);
      last.alternatives.push(...c.rows.map((r) => r.term));
    }
    const unknown = plan.filter((p) => !known.has(p.word) && !p.alternatives.length && maxEdits(p.word) > 0);
    if (unknown.length) {
      const variants = new Map<string, QueryWord[]>();
      for (const p of unknown) {
        for (const v of deletions(p.word, maxEdits(p.word))) variants.set(v, [...(variants.get(v) ?? []), p]);
      }
      const near = await sql<{ variant: string; term: string }>`SELECT variant, term FROM search_term_variants
        WHERE variant IN (${sql.join([...variants.keys()])})`.execute(db);
      const candidates = new Map<QueryWord, string[]>();
      for (const r of near.rows) for (const p of variants.get(r.variant) ?? []) candidates.set(p, [...(candidates.get(p) ?? []), r.term]);
      for (const p of unknown) p.alternatives.push(...nearest(p.word, candidates.get(p) ?? []));
    }
    const text = plan.map((p) => `(${[quoted(p.word) + (p.prefix ? '*' : ''), ...p.alternatives.map(quoted)].join(' OR ')})`).join(' AND ');
    const match = sql`SELECT d.dataset_id, -bm25(search_fts, 10, 5, 3, 2, 1, 1) AS rank
      FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ${text}`;
    return runSearch(db, q, match, 'sqlite');
  },
};
