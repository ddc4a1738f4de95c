import type { ComparisonOp, Expr, GroupItem, LiteralNode, OrderItem, SelectItem } from './ast.ts';
import { invalid, syntaxError, type QueryParam } from './errors.ts';
import { checkDepth, MAX_DEPTH } from './depth.ts';
import { tokenize, type Token } from './lexer.ts';

/** Longest accepted parameter text. */
export const MAX_PARAM_LENGTH = 4000;
export { MAX_DEPTH };

const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'between', 'like', 'ilike',
  'as', 'asc', 'desc', 'distinct',
]);
const COMPARISONS: Record<string, ComparisonOp> = {
  '=': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

/**
 * The expression parser of the records query language, exported for the
 * other dialects (SoQL, CKAN's SQL), which parse their clauses with it and
 * rewrite the result into the same syntax tree. `expression()` stops at the
 * first token that cannot continue an expression, such as a clause keyword.
 */
export class ExpressionParser {
  private i = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(
    text: string,
    readonly param: QueryParam,
    quote: '`' | '"' = '`',
  ) {
    if (text.length > MAX_PARAM_LENGTH) {
      throw invalid(param, MAX_PARAM_LENGTH, `${param} is longer than ${MAX_PARAM_LENGTH} characters`);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) throw syntaxError(param, nul, 'unexpected NUL character');
    this.tokens = tokenize(text, param, quote);
  }

  get peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }
  private get previous(): Token | undefined {
    return this.tokens[this.i - 1];
  }
  next(): Token {
    const t = this.peek;
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  isKeyword(word: string, offset = 0): boolean {
    const t = this.tokens[this.i + offset];
    return t !== undefined && t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  private isOp(op: string): boolean {
    return this.peek.kind === 'op' && this.peek.text === op;
  }
  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i++;
    return true;
  }
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }
  expectOp(op: string): Token {
    if (this.isOp(op)) return this.next();
    throw this.unexpected(`expected \`${op}\``);
  }
  unexpected(expected: string): never {
    const t = this.peek;
    if (t.kind === 'eof') throw syntaxError(this.param, t.pos, `unexpected end of ${this.param}`, expected);
    throw syntaxError(this.param, t.pos, `unexpected ${describe(t)}`, expected);
  }
  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) {
      throw invalid(this.param, pos, `expression is nested more than ${MAX_DEPTH} levels deep`);
    }
  }
  private leave(): void {
    this.depth--;
  }

  expression(): Expr {
    this.enter(this.peek.pos);
    const e = this.or();
    this.leave();
    return e;
  }

  private or(): Expr {
    return this.logical('or', () => this.and());
  }
  private and(): Expr {
    return this.logical('and', () => this.not());
  }
  private logical(word: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isKeyword(word)) return first;
    const operands = [first];
    while (this.acceptKeyword(word)) operands.push(operand());
    return { kind: 'logical', pos: first.pos, op: word === 'and' ? 'AND' : 'OR', operands };
  }
  private not(): Expr {
    if (this.isKeyword('not')) {
      const pos = this.next().pos;
      this.enter(pos);
      const operand = this.not();
      this.leave();
      return { kind: 'unary', pos, op: 'NOT', operand };
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const left = this.concat();
    const t = this.peek;
    const comparison = t.kind === 'op' ? COMPARISONS[t.text] : undefined;
    if (comparison !== undefined) {
      this.next();
      return { kind: 'binary', pos: t.pos, op: comparison, left, right: this.concat() };
    }
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      if (!this.acceptKeyword('null')) this.unexpected('expected `NULL` after `IS`');
      return { kind: 'isNull', pos: t.pos, negated, operand: left };
    }
    const negated = this.isKeyword('not') && ['in', 'between', 'like', 'ilike'].some((w) => this.isKeyword(w, 1));
    if (negated) this.next();
    if (this.acceptKeyword('in')) {
      this.expectOp('(');
      const list = [this.expression()];
      while (this.acceptOp(',')) list.push(this.expression());
      this.expectOp(')');
      return { kind: 'in', pos: t.pos, negated, operand: left, list };
    }
    if (this.acceptKeyword('between')) {
      const low = this.concat();
      if (!this.acceptKeyword('and')) this.unexpected('expected `AND` in `BETWEEN low AND high`');
      const high = this.concat();
      return { kind: 'between', pos: t.pos, negated, operand: left, low, high };
    }
    const ilike = this.isKeyword('ilike');
    if (this.acceptKeyword('like') || this.acceptKeyword('ilike')) {
      return { kind: 'like', pos: t.pos, negated, caseInsensitive: ilike, operand: left, pattern: this.concat() };
    }
    return left;
  }

  /** `a || b`: binds looser than + and -, tighter than comparisons. */
  private concat(): Expr {
    let left = this.additive();
    while (this.isOp('||')) {
      const t = this.next();
      left = { kind: 'binary', pos: t.pos, op: '||', left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      left = { kind: 'binary', pos: t.pos, op: t.text === '+' ? '+' : '-', left, right: this.multiplicative() };
    }
    return left;
  }
  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next();
      const op = t.text === '*' ? '*' : t.text === '/' ? '/' : '%';
      left = { kind: 'binary', pos: t.pos, op, left, right: this.unary() };
    }
    return left;
  }
  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      this.enter(t.pos);
      const operand = this.unary();
      this.leave();
      if (t.text === '+') return operand;
      if (operand.kind === 'literal' && typeof operand.value === 'number') {
        return { ...operand, pos: t.pos, value: -operand.value };
      }
      return { kind: 'unary', pos: t.pos, op: '-', operand };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek;
    if (t.kind === 'op' && t.text === '(') {
      this.next();
      const e = this.expression();
      this.expectOp(')');
      return e;
    }
    if (t.kind === 'string') return this.next() && { kind: 'literal', pos: t.pos, type: 'text', value: t.text };
    if (t.kind === 'number') return this.next() && numberLiteral(t, this.param);
    if (t.kind === 'quoted') return this.next() && { kind: 'column', pos: t.pos, name: t.text, quoted: true };
    if (t.kind === 'ident') {
      const word = t.text.toLowerCase();
      const after = this.tokens[this.i + 1];
      if (word === 'case' && after?.kind === 'ident' && after.text.toLowerCase() === 'when') return this.caseWhen();
      if (after?.kind === 'op' && after.text === '(' && !KEYWORDS.has(word)) return this.call();
      if ((word === 'date' || word === 'timestamp') && after?.kind === 'string') {
        this.i += 2;
        return { kind: 'literal', pos: t.pos, type: word, value: after.text };
      }
      if (word === 'true' || word === 'false') {
        return this.next() && { kind: 'literal', pos: t.pos, type: 'boolean', value: word === 'true' };
      }
      if (word === 'null') return this.next() && { kind: 'literal', pos: t.pos, type: 'null', value: null };
      if (!KEYWORDS.has(word)) return this.next() && { kind: 'column', pos: t.pos, name: t.text, quoted: false };
    }
    const prev = this.previous;
    const hint = prev === undefined ? 'expected a value' : `expected a value after \`${prev.text}\``;
    this.unexpected(hint);
  }

  /** `CASE WHEN c THEN v [WHEN ...] [ELSE v] END`. */
  private caseWhen(): Expr {
    const start = this.next();
    this.enter(start.pos);
    const whens: Array<{ when: Expr; then: Expr }> = [];
    while (this.acceptKeyword('when')) {
      const when = this.expression();
      if (!this.acceptKeyword('then')) this.unexpected('expected `then` after the condition of `when`');
      whens.push({ when, then: this.expression() });
    }
    const otherwise = this.acceptKeyword('else') ? this.expression() : null;
    if (!this.acceptKeyword('end')) this.unexpected('expected `when`, `else` or `end`');
    this.leave();
    return { kind: 'case', pos: start.pos, whens, otherwise };
  }

  private call(): Expr {
    const nameTok = this.next();
    this.enter(nameTok.pos);
    this.next(); // (
    const node = { kind: 'call' as const, pos: nameTok.pos, name: nameTok.text.toLowerCase(), star: false, distinct: false, args: [] as Expr[] };
    if (this.isOp('*')) {
      this.next();
      node.star = true;
    } else if (!this.isOp(')')) {
      node.distinct = this.acceptKeyword('distinct');
      node.args.push(this.expression());
      while (this.acceptOp(',')) node.args.push(this.expression());
    }
    this.expectOp(')');
    this.leave();
    return node;
  }

  alias(): { alias?: string; aliasPos?: number } {
    if (!this.acceptKeyword('as')) return {};
    const t = this.peek;
    if (t.kind !== 'ident' || KEYWORDS.has(t.text.toLowerCase())) {
      this.unexpected('an alias is a plain name such as `total`');
    }
    if (t.text.startsWith('__')) {
      throw invalid(this.param, t.pos, 'aliases must not start with `__`', 'names starting with `__` are reserved');
    }
    this.next();
    return { alias: t.text, aliasPos: t.pos };
  }

  list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptOp(',')) items.push(item());
    if (this.peek.kind !== 'eof') this.unexpected('expected `,` or the end of the list');
    return items;
  }

  end(): void {
    if (this.peek.kind !== 'eof') this.unexpected('expected an operator or the end of the expression');
  }
}

function describe(t: Token): string {
  if (t.kind === 'string') return 'text literal';
  if (t.kind === 'quoted') return `\`${t.text}\``;
  return `\`${t.text}\``;
}

function numberLiteral(t: Token, param: QueryParam): LiteralNode {
  const isInteger = /^[0-9]+$/.test(t.text);
  const value = Number(t.text);
  if (!Number.isFinite(value) || (isInteger && !Number.isSafeInteger(value))) {
    throw invalid(param, t.pos, `number \`${t.text}\` is out of range`);
  }
  return { kind: 'literal', pos: t.pos, type: isInteger ? 'integer' : 'decimal', value };
}

/** Parses a boolean expression (`where`). */
export function parseExpression(text: string, param: QueryParam): Expr {
  const p = new ExpressionParser(text, param);
  const e = p.expression();
  p.end();
  return checkDepth(e, param);
}

/** Parses a `select` list: `*` or `expr [AS alias]` items. */
export function parseSelect(text: string): SelectItem[] {
  const p = new ExpressionParser(text, 'select');
  return p.list((): SelectItem => {
    const pos = p.peek.pos;
    if (p.acceptOp('*')) return { kind: 'star', pos };
    const expr = checkDepth(p.expression(), 'select');
    const end = p.peek.pos;
    return { kind: 'expr', pos, expr, end, ...p.alias() };
  });
}

/** Parses a `group_by` list of `expr [AS alias]`. */
export function parseGroupBy(text: string): GroupItem[] {
  const p = new ExpressionParser(text, 'group_by');
  return p.list((): GroupItem => {
    const pos = p.peek.pos;
    return { pos, expr: checkDepth(p.expression(), 'group_by'), ...p.alias() };
  });
}

/** Parses an `order_by` list of `expr [ASC|DESC]`. */
export function parseOrderBy(text: string): OrderItem[] {
  const p = new ExpressionParser(text, 'order_by');
  return p.list((): OrderItem => {
    const pos = p.peek.pos;
    const expr = checkDepth(p.expression(), 'order_by');
    const descending = p.acceptKeyword('desc');
    if (!descending) p.acceptKeyword('asc');
    return { pos, expr, descending };
  });
}
