import { formatMessage, localeFormats, type LocaleFormats, type MessageParams } from './format.ts';

/** One language's messages: a key (like `catalog.title`) to its text in the format of `format.ts`. */
export type Messages = Readonly<Record<string, string>>;

/** The key every language's messages must have: the language's name in itself, for the language switch. */
export const LANGUAGE_NAME_KEY = 'language.name';

/** Texts, numbers and dates in one reader's language. */
export interface Translator {
  /** The language's code, as `<html lang>` takes it (`en`, `es`, `pt-BR`). */
  readonly lang: string;
  /** The message for the key with its values put in; a key the language lacks falls back to English, then to the key itself. */
  t(key: string, params?: MessageParams): string;
  /** Whether the language (or English) has the message: for texts that may or may not have a translation, like a vocabulary's values. */
  has(key: string): boolean;
  /** A number in the reader's locale: 12,345.6 in English, 12.345,6 in Spanish. */
  number(n: number): string;
  /** A date (an ISO text or a Date) in the reader's locale; text that is no date comes back as it is. */
  date(value: string | Date): string;
  /** The messages whose keys start with one of the prefixes, for a browser island that formats its own texts. */
  pick(...prefixes: string[]): Messages;
  /** The message's text as written, before values are put in (falling back to English); undefined when no language has it. */
  source(key: string): string | undefined;
  /** The English messages this translator falls back to (the same object every call), for finding a key by its English text. */
  english(): Messages;
}

const formatsByLocale = new Map<string, LocaleFormats>();
const formatsFor = (lang: string): LocaleFormats => {
  let f = formatsByLocale.get(lang);
  if (!f) {
    f = localeFormats(lang);
    formatsByLocale.set(lang, f);
  }
  return f;
};

export function makeTranslator(lang: string, messages: Messages, fallback: Messages = {}): Translator {
  const f = formatsFor(lang);
  const text = (key: string): string | undefined => messages[key] ?? fallback[key];
  // With no fallback given, an English translator's own messages are its English.
  const english: Messages = Object.keys(fallback).length || !/^en\b/.test(lang) ? fallback : messages;
  return {
    lang,
    t(key, params = {}) {
      const src = text(key);
      if (src === undefined) return key;
      try {
        return formatMessage(src, params, f);
      } catch {
        return src;
      }
    },
    has: (key) => text(key) !== undefined,
    number: (n) => f.number(n),
    date(value) {
      const d = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      return Number.isNaN(d.getTime()) ? String(value) : f.date(d);
    },
    pick(...prefixes) {
      const out: Record<string, string> = {};
      for (const source of [fallback, messages]) for (const [k, v] of Object.entries(source)) if (prefixes.some((p) => k.startsWith(p))) out[k] = v;
      return out;
    },
    source: text,
    english: () => english,
  };
}
