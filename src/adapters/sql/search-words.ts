import { sql } from 'kysely';
import type { Db } from './dialect.ts';

/* The reader's words: folding, stop words, spelling neighbourhoods and completions, the same on both engines. */

/** Lower case without diacritics, so "Café" and "cafe" are one word to both engines. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of some text, folded: runs of letters and digits. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether a word belongs in the list of known words (`search_terms`): three or more letters, nothing else. */
export const isTerm = (w: string): boolean => w.length >= 3 && w.length <= 40 && /^\p{L}+$/u.test(w);


/** Words too common to search for (a subset of PostgreSQL's `english` stop words), dropped from queries by both engines alike. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or that the their there these this to was were will with'.split(' '),
);

/**
 * The reader's words: folded, split on anything but letters and digits (so
 * no query syntax of either engine ever reaches it), stop words dropped.
 * `empty` says the text held words but all were stop words.
 */
export function queryWords(q: string | undefined): { words: string[]; empty: boolean } {
  const all = words(q ?? '').slice(0, 12);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  return { words: [...new Set(kept)], empty: all.length > 0 && kept.length === 0 };
}

/** How many edits a word may be from a known word and still find it: none under 4 letters, 1, or 2 from 8 letters. */
export const maxEdits = (w: string): number => (!isTerm(w) || w.length < 4 ? 0 : w.length >= 8 ? 2 : 1);

/**
 * Damerau–Levenshtein distance (optimal string alignment) between a and b,
 * giving up (returning max + 1) as soon as it must exceed max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Known words within reach of a word, nearest first, at most `limit`. */
export function nearest(word: string, candidates: Iterable<string>, limit = 8): string[] {
  const max = maxEdits(word);
  const hits: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === word || STOP_WORDS.has(c)) continue;
    const d = editDistance(word, c, max);
    if (d <= max) hits.push([c, d]);
  }
  hits.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return hits.slice(0, limit).map((h) => h[0]);
}

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
 * needs 2 deletions only when it is itself 8 letters or more (a shorter one
 * is reached by deleting from the query word alone).
 */
const storedDepth = (term: string): number => (term.length >= 8 ? 2 : 1);

/**
 * Records the spelling neighbourhood of words new to `search_terms` in the
 * engine's `search_term_variants (variant, term)` table, so that near
 * spellings are found by one indexed lookup.
 */
export async function indexTermVariants(db: Db, terms: string[], vocabulary: Vocabulary = CATALOG_VOCABULARY): Promise<void> {
  const rows = terms.flatMap((term) => [...deletions(term, storedDepth(term))].map((variant) => ({ variant, term })));
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await sql`INSERT INTO ${sql.table(vocabulary.variants)} (variant, term) VALUES ${sql.join(chunk.map((r) => sql`(${r.variant}, ${r.term})`))}
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

/**
 * Where an index keeps its known words and their spelling neighbourhoods:
 * the catalog's, or the community's (each index corrects and completes the
 * reader's words from its own words).
 */
export interface Vocabulary {
  /** A table of `term`, its primary key. */
  terms: 'search_terms' | 'community_search_terms';
  /** A table of `(variant, term)`. */
  variants: 'search_term_variants' | 'community_search_term_variants';
}

export const CATALOG_VOCABULARY: Vocabulary = { terms: 'search_terms', variants: 'search_term_variants' };
export const COMMUNITY_VOCABULARY: Vocabulary = { terms: 'community_search_terms', variants: 'community_search_term_variants' };

const CHUNK = 500;

/**
 * Adds words to a vocabulary's known words (which only grows), with the
 * spelling neighbourhoods of those new to it; returns the new ones.
 */
export async function addKnownTerms(db: Db, terms: string[], vocabulary: Vocabulary = CATALOG_VOCABULARY): Promise<string[]> {
  const table = sql.table(vocabulary.terms);
  const newTerms: string[] = [];
  for (let i = 0; i < terms.length; i += CHUNK) {
    const chunk = terms.slice(i, i + CHUNK);
    const known = new Set((await sql<{ term: string }>`SELECT term FROM ${table} WHERE term IN (${sql.join(chunk)})`.execute(db)).rows.map((r) => r.term));
    const fresh = chunk.filter((t) => !known.has(t));
    if (!fresh.length) continue;
    const added = await sql<{ term: string }>`INSERT INTO ${table} (term) VALUES ${sql.join(fresh.map((t) => sql`(${t})`))}
      ON CONFLICT (term) DO NOTHING RETURNING term`.execute(db);
    newTerms.push(...added.rows.map((r) => r.term));
  }
  if (newTerms.length) await indexTermVariants(db, newTerms, vocabulary);
  return newTerms;
}

/** Every known word (see `isTerm`) of some fields of text. */
export function termsOf(fields: readonly string[]): string[] {
  const out = new Set<string>();
  for (const field of fields) for (const w of words(field)) if (isTerm(w)) out.add(w);
  return [...out];
}

/**
 * How many completions of the last word a query takes from `search_terms`,
 * shortest first. A reader still typing a 3-letter prefix that more words
 * share sees the commonest shapes first and narrows it with the next letter.
 */
export const COMPLETIONS = 32;
