import { syntaxError, type QueryParam } from './errors.ts';

/** Token kinds of the records query language. */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier name, unescaped quoted name or string content, number text, or operator. */
  text: string;
  /** 0-based offset of the token's first character in the parameter text. */
  pos: number;
  /** Offset just past the token. */
  end: number;
}

const OPERATORS = ['||', '<=', '>=', '<>', '!=', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ','];
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const SPACE = /\s/;

/** Hints for characters people often type from SQL or other languages. */
function hintFor(text: string, i: number): string | undefined {
  const c = text[i];
  const pair = text.slice(i, i + 2);
  if (c === '"') return 'use single quotes for text and backticks for column names, e.g. `Primary Type`';
  if (pair === '==') return 'use `=`';
  if (pair === '&&') return 'use `AND`';
  if (c === '|') return 'use `OR`, or `||` to join texts';
  if (c === ';') return 'a parameter holds one expression; `;` is not allowed';
  if (c === '!') return 'use `!=` or `NOT`';
  return undefined;
}

/** Splits one parameter's text into tokens, ending with an `eof` token. */
/**
 * Splits query text into tokens. `quote` is the character that quotes a
 * column name: a backtick in the records query language and SoQL, a double
 * quote in SQL (CKAN's datastore_search_sql).
 */
export function tokenize(text: string, param: QueryParam, quote: '`' | '"' = '`'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const pair = text.slice(i, i + 2);
    if (pair === '--' || pair === '/*') {
      throw syntaxError(param, i, 'comments are not allowed', 'remove `' + pair + '`');
    }
    if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i] ?? '')) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start, end: i });
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      i = scanNumber(text, i);
      if (IDENT_START.test(text[i] ?? '')) {
        throw syntaxError(param, start, `invalid number \`${text.slice(start, i + 1)}\``);
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), pos: start, end: i });
      continue;
    }
    if (c === "'" || c === quote) {
      const [value, next] = scanQuoted(text, i, c, param);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: value, pos: start, end: next });
      i = next;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined && pair !== '==') {
      tokens.push({ kind: 'op', text: op, pos: start, end: i + op.length });
      i += op.length;
      continue;
    }
    const shown = String.fromCodePoint(text.codePointAt(i) ?? 0);
    throw syntaxError(param, i, `unexpected character \`${shown}\``, hintFor(text, i));
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length, end: text.length });
  return tokens;
}

function scanNumber(text: string, start: number): number {
  let i = start;
  while (DIGIT.test(text[i] ?? '')) i++;
  if (text[i] === '.') {
    i++;
    while (DIGIT.test(text[i] ?? '')) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && /[0-9]|[+-][0-9]/.test(text.slice(i + 1, i + 3))) {
    i += 2;
    while (DIGIT.test(text[i] ?? '')) i++;
  }
  return i;
}

/** Reads a quoted run where the quote character is escaped by doubling it. */
function scanQuoted(text: string, start: number, quote: string, param: QueryParam): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const at = text.indexOf(quote, i);
    if (at < 0) {
      const what = quote === "'" ? 'text' : 'column name';
      throw syntaxError(param, start, `unterminated ${what}: missing closing ${quote}`);
    }
    value += text.slice(i, at);
    if (text[at + 1] === quote) {
      value += quote;
      i = at + 2;
      continue;
    }
    return [value, at + 1];
  }
}
