import { sql } from 'kysely';
import type { Db } from './dialect.ts';
import { stem, stemmedForms, SEARCH_LANGUAGES, type SearchLanguage } from './search-stems.ts';
import { CATALOG_VOCABULARY, COMPLETIONS, deletions, isTerm, maxEdits, nearest, queryWords, words, type Vocabulary } from './search-words.ts';

/** Known words of a vocabulary that begin with a word, shortest first (each engine reads its own index). */
export type Completions = (db: Db, prefix: string, limit: number, vocabulary: Vocabulary) => Promise<string[]>;

/** One way a word of the reader's may match: an alternative (a word, or a phrase of folded words) as one language stems it. */
export interface WordForm {
  lang: SearchLanguage;
  /** The alternative as typed, folded (what PostgreSQL's configuration stems itself). */
  text: string;
  /** Its stems in order, stop words left out (what SQLite matches). */
  stems: string[];
}

/** One word of the reader's query and every form it matches. */
export interface PlannedWord {
  word: string;
  /**
   * The word, the known words it may stand for (completions of the last
   * word, near spellings of an unknown word) and its synonyms, each in every
   * language in which it is not a stop word.
   */
  forms: WordForm[];
}

/** Whether two folded words are one word in some language: equal, or of one stem. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return SEARCH_LANGUAGES.some((lang) => {
    const s = stem(a, lang);
    return s !== undefined && s === stem(b, lang);
  });
}

/**
 * The synonyms of a word: every other entry of each group (a word or a
 * phrase) that has an entry of one word that is the word, or shares its stem.
 */
export function synonymsOf(word: string, groups: readonly (readonly string[])[]): string[] {
  const out = new Set<string>();
  for (const group of groups) {
    const entries = group.map((e) => words(e).join(' ')).filter(Boolean);
    if (!entries.some((e) => !e.includes(' ') && sameWord(e, word))) continue;
    for (const e of entries) if (e !== word) out.add(e);
  }
  return [...out];
}

/**
 * Works out what each of the reader's words may stand for: the last word's
 * completions (search as you type); for a word that is not a known word and
 * has no completions, the known words within `maxEdits` of it (through
 * `search_term_variants`, checked by `editDistance`); and its synonyms. Each
 * comes in every language's stems. A word with no form at all (a stop word
 * in every language) is left out.
 */
export async function planQuery(
  db: Db,
  query: string[],
  completions: Completions,
  synonyms: readonly (readonly string[])[] = [],
  vocabulary: Vocabulary = CATALOG_VOCABULARY,
): Promise<PlannedWord[]> {
  const alternatives = new Map<string, string[]>(query.map((w) => [w, []]));
  const known = new Set((await sql<{ term: string }>`SELECT term FROM ${sql.table(vocabulary.terms)} WHERE term IN (${sql.join(query)})`.execute(db)).rows.map((r) => r.term));
  const last = query[query.length - 1]!;
  if (isTerm(last)) alternatives.get(last)!.push(...(await completions(db, last, COMPLETIONS, vocabulary)).filter((t) => t !== last));
  const unknown = query.filter((w) => !known.has(w) && !alternatives.get(w)!.length && maxEdits(w) > 0);
  if (unknown.length) {
    const variants = new Map<string, string[]>();
    for (const w of unknown) for (const v of deletions(w, maxEdits(w))) variants.set(v, [...(variants.get(v) ?? []), w]);
    const near = await sql<{ variant: string; term: string }>`SELECT variant, term FROM ${sql.table(vocabulary.variants)} WHERE variant IN (${sql.join([...variants.keys()])})`.execute(db);
    const candidates = new Map<string, string[]>();
    for (const r of near.rows) for (const w of variants.get(r.variant) ?? []) candidates.set(w, [...(candidates.get(w) ?? []), r.term]);
    for (const w of unknown) alternatives.get(w)!.push(...nearest(w, candidates.get(w) ?? []));
  }
  const plan: PlannedWord[] = [];
  for (const word of query) {
    const forms: WordForm[] = [];
    const seen = new Set<string>();
    for (const text of [word, ...alternatives.get(word)!, ...synonymsOf(word, synonyms)]) {
      for (const { lang, stems } of stemmedForms(text)) {
        const key = `${lang} ${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        forms.push({ lang, text, stems });
      }
    }
    if (forms.length) plan.push({ word, forms });
  }
  return plan;
}

/**
 * The reader's text as an index reads it: `all` when it holds no words (no
 * text to match), `none` when nothing can match (only stop words, or no word
 * with a form), else each word's plan.
 */
export async function planText(
  db: Db,
  text: string | undefined,
  completions: Completions,
  synonyms: readonly (readonly string[])[] | undefined,
  vocabulary: Vocabulary,
): Promise<'all' | 'none' | PlannedWord[]> {
  const { words: query, empty } = queryWords(text);
  if (empty) return 'none';
  if (!query.length) return 'all';
  const plan = await planQuery(db, query, completions, synonyms, vocabulary);
  return plan.length ? plan : 'none';
}
