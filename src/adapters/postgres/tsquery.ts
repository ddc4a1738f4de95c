import { sql, type RawBuilder } from 'kysely';
import type { Completions, PlannedWord } from '../sql/search-plan.ts';
import type { TextMatch } from '../sql/search-query.ts';
import { textSearchConfig, type SearchLanguage } from '../sql/search-stems.ts';

/*
 * What every `tsvector` index of the store shares: weighted vectors in the
 * languages' configurations, the reader's words as tsqueries, and the match
 * that counts the words each entry matches before `ts_rank_cd` ranks it.
 */

/**
 * Completions through the `text_pattern_ops` index on a vocabulary's words
 * (the primary key's B-tree follows the database collation, which cannot
 * answer a prefix). Known words are letters only, so the pattern holds no
 * wildcard.
 */
export const completions: Completions = async (db, prefix, limit, vocabulary) =>
  (
    await sql<{ term: string }>`SELECT term FROM ${sql.table(vocabulary.terms)} WHERE term LIKE ${prefix + '%'}
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

/** Folded fields of text as one `tsvector`, each field with its weight, in every language given. */
export function weightedVector(languages: readonly SearchLanguage[], fields: readonly (readonly [text: string, weight: 'A' | 'B' | 'C' | 'D'])[]): RawBuilder<unknown> {
  const vectors = languages.map((lang) => {
    const config = sql`${textSearchConfig(lang)}::regconfig`;
    return sql.join(fields.map(([text, weight]) => sql`setweight(to_tsvector(${config}, ${text}), ${weight})`), sql` || `);
  });
  return sql.join(vectors, sql` || `);
}

/** A table of `tsvector` documents, one per item. */
export interface TsIndex {
  docs: 'search_docs' | 'community_search_docs';
  /** The column that holds the item's id. */
  key: 'dataset_id' | 'item_id';
  /** When `docs` holds several kinds of items, the kind matched. */
  kind?: string;
}

/**
 * The reader's words matched in one `tsvector` index: an item matches when
 * it matches any word; how many of the words it matches is counted with one
 * `@@` per word, and `ts_rank_cd` ranks items that match as many.
 */
export function tsMatch(plan: PlannedWord[], ix: TsIndex): TextMatch {
  const perWord = plan.map(anyForm);
  const any = either(perWord);
  const key = sql.ref(`s.${ix.key}`);
  const docs = sql`${sql.table(ix.docs)} s`;
  const ofKind = ix.kind === undefined ? sql`` : sql` AND s.kind = ${ix.kind}`;
  // How many words each item matches; a query of one word needs no count.
  const matched = plan.length > 1 ? sql.join(perWord.map((w) => sql`(CASE WHEN s.document @@ ${w} THEN 1 ELSE 0 END)`), sql` + `) : sql`1`;
  return {
    ids: sql`SELECT ${key} AS item_id FROM ${docs} WHERE s.document @@ ${any}${ofKind}`,
    ranked: (among) => sql`SELECT ${key} AS item_id, ${matched} AS matched, ts_rank_cd(s.document, ${any}) AS rank
      FROM ${docs} WHERE ${key} IN (${among})${ofKind} AND s.document @@ ${any}`,
  };
}
