/**
 * A small reader of compiled CSS, enough to keep only the rules a page can
 * use: it splits a stylesheet into top-level rules (at-rule blocks kept
 * whole, their insides read again), and a selector list into selectors.
 */

export interface CssRule {
  /** Everything before the `{` (a selector list or an at-rule's prelude); a statement like `@charset` has no body. */
  prelude: string;
  body?: string | undefined;
}

/** The index just past a quoted string or comment that starts at `i`, or `i` when none does. */
function skipQuoted(css: string, i: number): number {
  const c = css[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '/' && css[i + 1] === '*') {
    const end = css.indexOf('*/', i + 2);
    return end < 0 ? css.length : end + 2;
  }
  return i;
}

/** The top-level rules of a stylesheet (comments dropped). */
export function splitRules(css: string): CssRule[] {
  const rules: CssRule[] = [];
  let start = 0;
  let depth = 0;
  let open = -1;
  for (let i = 0; i < css.length; ) {
    const next = skipQuoted(css, i);
    if (next !== i) {
      if (css[i] === '/' && depth === 0 && start === i) start = next;
      i = next;
      continue;
    }
    const c = css[i];
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        rules.push({ prelude: css.slice(start, open).trim(), body: css.slice(open + 1, i) });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      const prelude = css.slice(start, i).trim();
      if (prelude) rules.push({ prelude });
      start = i + 1;
    }
    i++;
  }
  return rules;
}

/** A selector list's selectors, split at the commas outside brackets and parentheses. */
export function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/** The class names a selector names (escapes such as `tablet\:grid-col` read back). */
export const classesOf = (selector: string): string[] => [...selector.matchAll(/\.((?:\\.|[\w-])+)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));

/** Rules back into CSS. */
export const joinRules = (rules: CssRule[]): string => rules.map((r) => (r.body === undefined ? `${r.prelude};` : `${r.prelude}{${r.body}}`)).join('');
