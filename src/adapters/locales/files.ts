import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../domain/i18n/format.ts';
import { LANGUAGE_NAME_KEY, makeTranslator, type Messages, type Translator } from '../../domain/i18n/translator.ts';
import type { Language, Locales } from '../../ports/locales.ts';

/** The message files Plaza ships: `locales/<language>/*.json`. */
export const BUILT_IN_LOCALES = fileURLToPath(new URL('../../../locales', import.meta.url));

/** A BCP 47 tag as a file name: `es`, `pt-BR`, `zh-Hant`. */
const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/;
export const DEFAULT_LANGUAGE = 'en';

export class LocaleFileError extends Error {}

function readMessages(file: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LocaleFileError(`The message file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new LocaleFileError(`The message file ${file} must hold one JSON object of "key": "text" pairs.`);
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(data)) {
    if (typeof text !== 'string') throw new LocaleFileError(`In ${file}, the message “${key}” must be text.`);
    try {
      compile(text);
    } catch (e) {
      throw new LocaleFileError(`In ${file}, the message “${key}” cannot be read: ${(e as Error).message}`);
    }
    out[key] = text;
  }
  return out;
}

/** The language files in a folder: `<tag>.json`, or every `*.json` in a `<tag>/` folder, in name order. */
function filesIn(dir: string): Map<string, string[]> {
  const byTag = new Map<string, string[]>();
  if (!existsSync(dir)) return byTag;
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const tag = basename(entry, '.json');
    if (!TAG.test(tag)) continue;
    if (statSync(path).isDirectory()) {
      const files = readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
      byTag.set(tag, [...(byTag.get(tag) ?? []), ...files]);
    } else if (entry.endsWith('.json')) byTag.set(tag, [...(byTag.get(tag) ?? []), path]);
  }
  return byTag;
}

/**
 * Messages read from folders, later folders adding languages and overriding
 * messages of earlier ones: Plaza's own first, then the city's. Every
 * language needs `language.name`; English is the fallback for the rest.
 * A file that cannot be read stops start-up with its path and the problem.
 */
export function loadLocales(dirs: readonly string[]): Locales {
  const merged = new Map<string, Record<string, string>>();
  for (const dir of dirs) {
    for (const [tag, files] of filesIn(dir)) {
      const into = merged.get(tag) ?? {};
      for (const file of files) Object.assign(into, readMessages(file));
      merged.set(tag, into);
    }
  }
  const english = merged.get(DEFAULT_LANGUAGE);
  if (!english) throw new LocaleFileError(`No English messages were found in ${dirs.join(', ')}; English is every other language's fallback.`);
  for (const [tag, messages] of merged) {
    if (!messages[LANGUAGE_NAME_KEY]) throw new LocaleFileError(`The messages for “${tag}” need a "${LANGUAGE_NAME_KEY}": the language's name in itself, for the language switch.`);
  }
  const languages: Language[] = [...merged.entries()]
    .map(([code, m]) => ({ code, name: m[LANGUAGE_NAME_KEY]! }))
    .sort((a, b) => (a.code === DEFAULT_LANGUAGE ? -1 : b.code === DEFAULT_LANGUAGE ? 1 : a.code.localeCompare(b.code)));
  const translators = new Map<string, Translator>();
  return {
    languages: () => languages,
    messages: (code) => merged.get(code),
    translator(code) {
      let t = translators.get(code);
      if (!t) {
        const own: Messages = merged.get(code) ?? english;
        t = makeTranslator(merged.has(code) ? code : DEFAULT_LANGUAGE, own, english);
        translators.set(code, t);
      }
      return t;
    },
  };
}
