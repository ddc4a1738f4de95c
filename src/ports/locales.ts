import type { Messages, Translator } from '../domain/i18n/translator.ts';

/** A language the portal can speak: its code and its name in itself. */
export interface Language {
  code: string;
  name: string;
}

/** The message files Plaza speaks from: the ones it ships, and any a city adds or overrides. */
export interface Locales {
  /** Every language with messages, English first. */
  languages(): readonly Language[];
  /** The language's own messages (without the English fallback), or undefined when there are none. */
  messages(code: string): Messages | undefined;
  /** Texts in the language, falling back to English for any message it lacks. */
  translator(code: string): Translator;
}
