/**
 * The part of Solr's query syntax CKAN clients send in `q` and `fq`
 * (docs/ckan.md): `field:value`, `field:"quoted value"`, `field:(a OR b)`,
 * `field:[from TO to]`, terms joined by spaces, `AND`, `+` or `OR` (between
 * values of one field), `-field:value` to exclude, and plain words for the
 * text search. Anything else is refused with a message, never guessed at.
 */

/** One condition: a field's values (any of them matches), a range, or words to search for. */
export type SolrClause =
  | { kind: 'field'; field: string; values: string[]; negate: boolean }
  | { kind: 'range'; field: string; from: string | null; to: string | null; negate: boolean }
  | { kind: 'text'; text: string; negate: boolean };

/** A query CKAN's search would refuse (an unknown field, a syntax error): its message says why. */
export class SolrQueryError extends Error {}

const SPECIAL = new Set([' ', '\t', '\n', '\r', '(', ')', '"', '[', ']', '{', '}']);

class Reader {
  pos = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  skipSpace(): void {
    while (!this.done && /\s/.test(this.peek())) this.pos++;
  }
  /** A bare word: up to a space or bracket; `\` escapes the next character. */
  word(stopAtColon: boolean): string {
    let out = '';
    while (!this.done) {
      const c = this.peek();
      if (SPECIAL.has(c) || /\s/.test(c) || (stopAtColon && c === ':')) break;
      if (c === '\\' && this.pos + 1 < this.s.length) {
        out += this.s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
    return out;
  }
  /** The text between a `(` and its `)`, quotes and nested brackets respected. */
  group(): string {
    const start = ++this.pos;
    let depth = 1;
    while (!this.done) {
      const c = this.peek();
      if (c === '\\') this.pos += 2;
      else if (c === '"') this.quoted();
      else {
        if (c === '(') depth++;
        if (c === ')' && --depth === 0) break;
        this.pos++;
      }
    }
    if (this.done) throw new SolrQueryError('A bracket is not closed: add ).');
    const inner = this.s.slice(start, this.pos);
    this.pos++;
    return inner;
  }
  quoted(): string {
    this.pos++; // opening quote
    let out = '';
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\' && this.pos + 1 < this.s.length) this.pos++;
      out += this.peek();
      this.pos++;
    }
    if (this.done) throw new SolrQueryError('A quoted value is not closed: add the closing ".');
    this.pos++;
    return out;
  }
}

/** A field's value: quoted, bare, a range or a group of values joined by OR. */
function readValue(r: Reader, field: string, negate: boolean): SolrClause {
  const c = r.peek();
  if (c === '"') return { kind: 'field', field, values: [r.quoted()], negate };
  if (c === '[' || c === '{') {
    r.pos++;
    r.skipSpace();
    const from = r.peek() === '"' ? r.quoted() : r.word(false);
    r.skipSpace();
    if (r.word(false) !== 'TO') throw new SolrQueryError(`A range on "${field}" is written [from TO to].`);
    r.skipSpace();
    const to = r.peek() === '"' ? r.quoted() : r.word(false);
    r.skipSpace();
    if (r.peek() !== ']' && r.peek() !== '}') throw new SolrQueryError(`A range on "${field}" is not closed: add ].`);
    r.pos++;
    return { kind: 'range', field, from: from === '*' || from === '' ? null : from, to: to === '*' || to === '' ? null : to, negate };
  }
  if (c === '(') {
    r.pos++;
    const values: string[] = [];
    for (;;) {
      r.skipSpace();
      if (r.done) throw new SolrQueryError(`The values of "${field}" are not closed: add ).`);
      if (r.peek() === ')') {
        r.pos++;
        break;
      }
      const v = r.peek() === '"' ? r.quoted() : r.word(false);
      if (v === 'OR' || v === '||') continue;
      if (v === 'AND' || v === '&&') throw new SolrQueryError(`Values of "${field}" in brackets are joined by OR.`);
      if (v === '') throw new SolrQueryError(`Unexpected "${r.peek()}" in the values of "${field}".`);
      values.push(v);
    }
    if (!values.length) throw new SolrQueryError(`No value for "${field}".`);
    return { kind: 'field', field, values, negate };
  }
  const v = r.word(false);
  if (v === '') throw new SolrQueryError(`No value for "${field}".`);
  return { kind: 'field', field, values: [v], negate };
}

/** Reads a `q` or `fq` into its clauses (all of which must hold). */
export function parseSolr(input: string): SolrClause[] {
  const r = new Reader(input.slice(0, 4000));
  const clauses: SolrClause[] = [];
  let orPending = false;
  let notPending = false;
  for (;;) {
    r.skipSpace();
    if (r.done) break;
    let negate = notPending;
    notPending = false;
    if (r.peek() === '+') r.pos++;
    else if (r.peek() === '-' || r.peek() === '!') {
      negate = !negate;
      r.pos++;
    }
    let clause: SolrClause;
    if (r.peek() === '(') {
      // A group, as harvesters wrap their terms: `(metadata_modified:[... TO *])`.
      const inner = parseSolr(r.group());
      if (inner.length !== 1 && (negate || orPending)) throw new SolrQueryError('A group of several terms cannot be excluded or joined by OR.');
      if (inner.length === 0) continue;
      if (inner.length > 1) {
        clauses.push(...inner);
        continue;
      }
      clause = negate ? { ...inner[0]!, negate: !inner[0]!.negate } : inner[0]!;
    } else if (r.peek() === '"') clause = { kind: 'text', text: r.quoted(), negate };
    else if (r.peek() === ')' || r.peek() === '[' || r.peek() === ']' || r.peek() === '{' || r.peek() === '}') {
      throw new SolrQueryError(`Unexpected "${r.peek()}": brackets follow a field name, as in tags:(a OR b).`);
    } else {
      const word = r.word(true);
      if (r.peek() === ':') {
        r.pos++;
        if (word === '*' && r.peek() === '*') {
          r.pos++;
          continue; // *:* matches everything
        }
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(word)) throw new SolrQueryError(`"${word}" is not a field name.`);
        clause = readValue(r, word, negate);
      } else if (!negate && (word === 'AND' || word === '&&')) continue;
      else if (!negate && (word === 'OR' || word === '||')) {
        if (!clauses.length) throw new SolrQueryError('OR joins two terms: a term is missing before it.');
        orPending = true;
        continue;
      } else if (word === 'NOT' && !negate) {
        notPending = true;
        continue;
      } else if (word === '') throw new SolrQueryError('A + or - is followed by a term, without a space.');
      else clause = { kind: 'text', text: word, negate };
    }
    if (orPending) {
      orPending = false;
      const prev = clauses[clauses.length - 1]!;
      if (prev.kind === 'field' && clause.kind === 'field' && prev.field === clause.field && !prev.negate && !clause.negate) {
        prev.values.push(...clause.values);
        continue;
      }
      if (prev.kind === 'text' && clause.kind === 'text' && !prev.negate && !clause.negate) {
        throw new SolrQueryError('OR between words is not supported: the words of a search are all looked for; use fewer words.');
      }
      throw new SolrQueryError('OR joins values of the same field only, as in organization:a OR organization:b.');
    }
    clauses.push(clause);
  }
  if (orPending) throw new SolrQueryError('OR joins two terms: a term is missing after it.');
  if (notPending) throw new SolrQueryError('NOT is followed by a term.');
  return clauses;
}
