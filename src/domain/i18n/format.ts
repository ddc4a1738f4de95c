/**
 * Messages in a small, safe subset of ICU MessageFormat, so translators can
 * word sentences their language's way:
 *   {name}                         a value as text
 *   {count, number}                a number in the reader's locale
 *   {when, date}                   a date (an ISO text or a Date) in the reader's locale
 *   {count, plural, one {# row} other {# rows}}   plural forms by Intl.PluralRules, with =0 style exact matches; # is the number
 *   {kind, select, file {…} link {…} other {…}}   a choice by value
 * Apostrophes are ordinary characters (no ICU quoting); a literal brace is
 * written '{' or '}' only inside quotes, which nothing here needs.
 */

export type MessageValue = string | number | Date | null | undefined;
export type MessageParams = Readonly<Record<string, MessageValue>>;

type Part =
  | string
  | { kind: 'arg'; name: string }
  | { kind: 'number'; name: string }
  | { kind: 'date'; name: string }
  | { kind: 'hash' }
  | { kind: 'plural' | 'select'; name: string; options: Map<string, Part[]> };

export class MessageSyntaxError extends Error {}

function parse(src: string): Part[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new MessageSyntaxError(`${why} at character ${i + 1} of “${src}”`);
  };
  const name = (): string => {
    const m = /^\s*([A-Za-z_][\w.]*)\s*/.exec(src.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![1]!;
  };
  const parts = (inPlural: boolean, depth: number): Part[] => {
    const out: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '}') {
        if (depth === 0) fail('an unmatched }');
        break;
      }
      if (c === '#' && inPlural) {
        flush();
        out.push({ kind: 'hash' });
        i++;
        continue;
      }
      if (c !== '{') {
        text += c;
        i++;
        continue;
      }
      flush();
      i++;
      const arg = name();
      if (src[i] === '}') {
        i++;
        out.push({ kind: 'arg', name: arg });
        continue;
      }
      if (src[i] !== ',') fail('expected , or }');
      i++;
      const type = name();
      if (type === 'number' || type === 'date') {
        if (src[i] !== '}') fail(`expected } after ${type}`);
        i++;
        out.push({ kind: type, name: arg });
        continue;
      }
      if (type !== 'plural' && type !== 'select') fail(`unknown type “${type}”`);
      if (src[i] !== ',') fail('expected , before the options');
      i++;
      const options = new Map<string, Part[]>();
      for (;;) {
        const m = /^\s*(=?[\w-]+)\s*\{/.exec(src.slice(i));
        if (!m) break;
        i += m[0].length;
        options.set(m[1]!, parts(type === 'plural', depth + 1));
        if (src[i] !== '}') fail('an option is not closed');
        i++;
      }
      while (src[i] === ' ' || src[i] === '\n') i++;
      if (src[i] !== '}') fail(`expected } to close the ${type}`);
      i++;
      if (!options.has('other')) fail(`a ${type} needs an “other” option`);
      out.push({ kind: type as 'plural' | 'select', name: arg, options });
    }
    flush();
    return out;
  };
  const result = parts(false, 0);
  if (i < src.length) fail('an unmatched }');
  return result;
}

const parsed = new Map<string, Part[]>();

/** The message's parts, parsed once; throws MessageSyntaxError for a malformed message. */
export function compile(src: string): Part[] {
  let p = parsed.get(src);
  if (!p) {
    p = parse(src);
    if (parsed.size > 5_000) parsed.clear();
    parsed.set(src, p);
  }
  return p;
}

/** The names a message uses, to check a translation asks for the same values as the original. */
export function argumentNames(src: string): string[] {
  const names = new Set<string>();
  const walk = (ps: Part[]) => {
    for (const p of ps) {
      if (typeof p === 'string' || p.kind === 'hash') continue;
      names.add(p.name);
      if (p.kind === 'plural' || p.kind === 'select') for (const o of p.options.values()) walk(o);
    }
  };
  walk(compile(src));
  return [...names].sort();
}

/** Number, date and plural formatting for one locale, built once and reused. */
export interface LocaleFormats {
  locale: string;
  number: (n: number) => string;
  date: (d: Date) => string;
  plural: (n: number) => string;
}

const toDate = (v: MessageValue): Date | undefined => {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
};

export function localeFormats(locale: string): LocaleFormats {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const df = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const pr = new Intl.PluralRules(locale);
  return { locale, number: (n) => nf.format(n), date: (d) => df.format(d), plural: (n) => pr.select(n) };
}

function render(ps: Part[], params: MessageParams, f: LocaleFormats, n: number | undefined): string {
  let out = '';
  for (const p of ps) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    if (p.kind === 'hash') {
      out += n === undefined ? '#' : f.number(n);
      continue;
    }
    const v = params[p.name];
    if (p.kind === 'arg') out += v === null || v === undefined ? '' : v instanceof Date ? f.date(v) : typeof v === 'number' ? f.number(v) : v;
    else if (p.kind === 'number') out += typeof v === 'number' ? f.number(v) : String(v ?? '');
    else if (p.kind === 'date') {
      const d = toDate(v);
      out += d ? f.date(d) : String(v ?? '');
    } else if (p.kind === 'plural') {
      const num = typeof v === 'number' ? v : Number(v);
      const option = p.options.get(`=${num}`) ?? p.options.get(f.plural(num)) ?? p.options.get('other')!;
      out += render(option, params, f, num);
    } else {
      out += render(p.options.get(String(v)) ?? p.options.get('other')!, params, f, n);
    }
  }
  return out;
}

/** The message with its values put in, formatted for the locale. */
export function formatMessage(src: string, params: MessageParams, f: LocaleFormats): string {
  return render(compile(src), params, f, undefined);
}
