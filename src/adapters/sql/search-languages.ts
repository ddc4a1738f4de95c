/** The languages search stems, by their two-letter codes (a dataset's `language`); the rules of each are in `search-stems.ts`. */
export const SEARCH_LANGUAGES = ['en', 'es'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];
