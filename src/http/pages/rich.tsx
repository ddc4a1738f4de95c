import type { ComponentChildren } from 'preact';
import type { MessageParams } from '../../domain/i18n/format.ts';
import type { Translator } from '../../domain/i18n/translator.ts';

const MARK = '\u0001';

/**
 * A message with markup inside it, like a link or a `<strong>` in a sentence:
 * each slot's name is a value of the message (`{link}`), and the slot's
 * element takes its place wherever the language puts it.
 */
export function richText(t: Translator, key: string, params: MessageParams, slots: Record<string, ComponentChildren>): ComponentChildren[] {
  const marked: Record<string, MessageParams[string]> = { ...params };
  for (const name of Object.keys(slots)) marked[name] = `${MARK}${name}${MARK}`;
  const parts = t.t(key, marked).split(new RegExp(`${MARK}([A-Za-z0-9_]+)${MARK}`));
  return parts.map((part, i) => (i % 2 ? slots[part] : part));
}
