import type { Translator } from '../../../domain/i18n/translator.ts';

/**
 * A vocabulary value (a license, frequency, theme, access level, status or
 * resource kind) as the reader's language names it; a value with no
 * message (a city's own theme) is shown as it is.
 */
export function vocab(t: Translator, kind: 'license' | 'frequency' | 'theme' | 'access' | 'status' | 'kind', value: string): string {
  const key = `vocab.${kind}.${value}`;
  return t.has(key) ? t.t(key) : value;
}
