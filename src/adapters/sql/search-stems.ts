import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS } from './search-stop-words.ts';
import { SEARCH_LANGUAGES, type SearchLanguage } from './search-languages.ts';
import { words } from './search-words.ts';

/*
 * Stemming, the same on both engines. PostgreSQL stems with its own text
 * search configurations (`english`, `spanish`: Snowball stemmers and stop
 * words); SQLite stores and matches text stemmed here by the same Snowball
 * algorithms (the `snowball-stemmers` package) with the same stop words, so
 * "bicycles", "bicycle" and "bicycling" are one word to both.
 */

export { SEARCH_LANGUAGES, type SearchLanguage } from './search-languages.ts';

interface LanguageRules {
  /** PostgreSQL's text search configuration. */
  config: 'english' | 'spanish';
  stop: ReadonlySet<string>;
  stemmer: Stemmer;
}

const RULES: Record<SearchLanguage, LanguageRules> = {
  en: { config: 'english', stop: ENGLISH_STOP_WORDS, stemmer: newStemmer('english') },
  es: { config: 'spanish', stop: SPANISH_STOP_WORDS, stemmer: newStemmer('spanish') },
};

/** PostgreSQL's text search configuration for a language. */
export const textSearchConfig = (lang: SearchLanguage): LanguageRules['config'] => RULES[lang].config;

/**
 * The languages a dataset's text is stemmed in: the ones it declares that
 * search knows, else all of them (a dataset that says nothing may be written
 * in any of the portal's languages).
 */
export function documentLanguages(declared: readonly string[]): SearchLanguage[] {
  const known = SEARCH_LANGUAGES.filter((l) => declared.includes(l));
  return known.length ? known : [...SEARCH_LANGUAGES];
}

/**
 * One folded word as a language's configuration indexes it: undefined for a
 * stop word; a word with a digit as it is (PostgreSQL reads those with its
 * `simple` dictionary); else its Snowball stem.
 */
export function stem(word: string, lang: SearchLanguage): string | undefined {
  if (/\p{N}/u.test(word)) return word;
  const rules = RULES[lang];
  if (rules.stop.has(word)) return undefined;
  return rules.stemmer.stem(word);
}

/** Some folded text as the stemmed words of one language, stop words left out, one space between. */
export function stemText(text: string, lang: SearchLanguage): string {
  return words(text)
    .map((w) => stem(w, lang))
    .filter((w): w is string => w !== undefined)
    .join(' ');
}

/**
 * What a word or phrase of the reader's (folded words, one space between)
 * matches in each language: the stems of its words, in order, for every
 * language in which it keeps at least one. Empty when it is all stop words.
 */
export function stemmedForms(phrase: string): { lang: SearchLanguage; stems: string[] }[] {
  const out: { lang: SearchLanguage; stems: string[] }[] = [];
  for (const lang of SEARCH_LANGUAGES) {
    const stems = phrase.split(' ').flatMap((w) => stem(w, lang) ?? []);
    if (stems.length) out.push({ lang, stems });
  }
  return out;
}
