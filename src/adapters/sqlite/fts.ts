import { sql } from 'kysely';
import type { Completions, PlannedWord } from '../sql/search-plan.ts';
import type { TextMatch } from '../sql/search-query.ts';
import { stemText, type SearchLanguage } from '../sql/search-stems.ts';

/*
 * What every FTS5 index of the store shares: text stemmed before it is
 * stored, the reader's words as FTS5 expressions, and the match that counts
 * the words each entry matches before bm25 ranks it.
 */

/** A word or phrase of stems as an FTS5 string: always quoted, so nothing in it is query syntax. */
const quoted = (stems: string[]) => `"${stems.join(' ').replace(/"/g, '""')}"`;

/** A word of the query as an FTS5 expression: one of its forms matches. */
const anyForm = (p: PlannedWord) => `(${[...new Set(p.forms.map((f) => quoted(f.stems)))].join(' OR ')})`;

/** One field of a document as stored: its text stemmed in each of the document's languages, one line each. */
export const stemmedField = (languages: readonly SearchLanguage[], text: string): string => languages.map((lang) => stemText(text, lang)).join('\n');

/** Completions from the primary key of a vocabulary's words, read as a range (SQLite compares text bytewise). */
export const completions: Completions = async (db, prefix, limit, vocabulary) =>
  (
    await sql<{ term: string }>`SELECT term FROM ${sql.table(vocabulary.terms)} WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}
      ORDER BY length(term), term LIMIT ${limit}`.execute(db)
  ).rows.map((r) => r.term);

/** An FTS5 table and the table of its row ids, which names each row's item. */
export interface FtsIndex {
  fts: 'search_fts' | 'community_search_fts';
  docs: 'search_docs' | 'community_search_docs';
  /** The column of `docs` that holds the item's id. */
  key: 'dataset_id' | 'item_id';
  /** When `docs` holds several kinds of items, the kind matched. */
  kind?: string;
  /** bm25's weight of each column of `fts`, in order. */
  weights: readonly number[];
}

/**
 * The reader's words matched in one FTS5 index: an item matches when it
 * matches any word; how many of the words it matches is counted with one
 * `MATCH` per word (by row id), and bm25 with the index's weights ranks
 * items that match as many.
 */
export function ftsMatch(plan: PlannedWord[], ix: FtsIndex): TextMatch {
  const fts = sql.table(ix.fts);
  const key = sql.ref(`d.${ix.key}`);
  const docs = sql`${sql.table(ix.docs)} d`;
  const ofKind = ix.kind === undefined ? sql`` : sql` AND d.kind = ${ix.kind}`;
  const any = plan.map(anyForm).join(' OR ');
  // How many words each item matches: one FTS5 query per word, counted by row; a query of one word needs none.
  const perWord = sql.join(
    plan.map((p) => sql`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${anyForm(p)}`),
    sql` UNION ALL `,
  );
  const counted = plan.length > 1 ? sql`JOIN (SELECT rowid, count(*) AS matched FROM (${perWord}) GROUP BY rowid) m ON m.rowid = ${fts}.rowid` : sql``;
  const weights = sql.join(ix.weights.map((w) => sql.lit(w)));
  return {
    ids: sql`SELECT ${key} AS item_id FROM ${fts} JOIN ${docs} ON d.rowid = ${fts}.rowid WHERE ${fts} MATCH ${any}${ofKind}`,
    ranked: (among) => sql`SELECT ${key} AS item_id, ${plan.length > 1 ? sql`m.matched` : sql`1`} AS matched, -bm25(${fts}, ${weights}) AS rank
      FROM ${fts} JOIN ${docs} ON d.rowid = ${fts}.rowid ${counted}
      WHERE ${fts} MATCH ${any}${ofKind} AND ${key} IN (${among})`,
  };
}
