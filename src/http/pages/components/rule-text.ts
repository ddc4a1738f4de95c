import { compile } from '../../../domain/i18n/format.ts';
import type { Messages, Translator } from '../../../domain/i18n/translator.ts';

/** The prefix of the messages that put the actions' and domain rules' English texts into other languages. */
export const RULE_PREFIX = 'rule.';

/** A rule message with values inside: its English text as a pattern, and the names of the values in the pattern's order. */
interface Template {
  key: string;
  pattern: RegExp;
  names: string[];
}

/** The rule messages of one English message set: whole texts by their key, then the texts with values as patterns. */
interface RuleIndex {
  exact: Map<string, string>;
  templates: Template[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A rule message's English text as a pattern: each `{name}` matches any text
 * (as little as lets the rest match). A text with numbers, dates, plurals or
 * choices inside gives none: only plain values can be read back from a
 * message. A text with no values gives none either; it is matched whole.
 */
function templateOf(key: string, english: string): Template | undefined {
  let parts;
  try {
    parts = compile(english);
  } catch {
    return undefined;
  }
  const names: string[] = [];
  let source = '';
  for (const p of parts) {
    if (typeof p === 'string') source += escape(p);
    else if (p.kind === 'arg') {
      names.push(p.name);
      source += '([\\s\\S]+?)';
    } else return undefined;
  }
  return names.length ? { key, pattern: new RegExp(`^${source}$`), names } : undefined;
}

const indexes = new WeakMap<Messages, RuleIndex>();

/** The rule messages of an English message set, indexed once per set. */
function indexOf(english: Messages): RuleIndex {
  let index = indexes.get(english);
  if (!index) {
    index = { exact: new Map(), templates: [] };
    for (const [key, text] of Object.entries(english)) {
      if (!key.startsWith(RULE_PREFIX)) continue;
      const template = templateOf(key, text);
      if (template) index.templates.push(template);
      else if (!index.exact.has(text)) index.exact.set(text, key);
    }
    // Longer patterns first, so the most specific text wins when two could match.
    index.templates.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
    indexes.set(english, index);
  }
  return index;
}

/**
 * A message from the actions or the domain rules (a schema's or an error's
 * English text) in the reader's language: the `rule.*` message whose English
 * text is the same (for a text with values, whose pattern it fits, the values
 * read back out of it) in the reader's words. A message with no rule
 * message, or one whose reader's text is the English one, comes back as it is.
 */
export function ruleText(t: Translator, message: string): string {
  const english = t.english();
  const index = indexOf(english);
  const exact = index.exact.get(message);
  if (exact !== undefined) return t.source(exact) === english[exact] ? message : t.t(exact);
  for (const { key, pattern, names } of index.templates) {
    const m = pattern.exec(message);
    if (!m) continue;
    if (t.source(key) === english[key]) return message;
    const values: Record<string, string> = {};
    names.forEach((name, i) => (values[name] = m[i + 1]!));
    return t.t(key, values);
  }
  return message;
}
