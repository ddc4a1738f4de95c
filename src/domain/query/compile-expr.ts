import type { Expr } from './ast.ts';
import { invalid } from './errors.ts';
import { compileCall } from './functions.ts';
import { coerceText, dateLiteral, timestampLiteral } from './literals.ts';
import { printExpr } from './print.ts';
import { ident, join, param, raw, sql, type Sql } from './sql.ts';
import { comparable, isNumeric, isTzPhysical, type ExprType, type Scope, type Typed } from './typing.ts';

/** Most values in one IN list. */
export const MAX_IN_LIST = 1000;

const typed = (s: Sql, type: ExprType, parts: Typed[], tz = false): Typed => ({
  sql: s,
  type,
  tz,
  aggregate: parts.some((p) => p.aggregate),
});

const isTextLiteral = (e: Expr): e is Extract<Expr, { kind: 'literal' }> => e.kind === 'literal' && e.type === 'text';

/**
 * Compiles an expression to typed SQL in a scope. User values become bound
 * parameters; columns are checked against the version's visible columns.
 */
export function compileExpr(e: Expr, scope: Scope): Typed {
  if (scope.grouping !== null && e.kind !== 'literal') {
    const key = scope.grouping.get(printExpr(e, scope.resolver));
    if (key) return { ...key, aggregate: false };
  }
  switch (e.kind) {
    case 'literal':
      return literal(e, scope);
    case 'column': {
      const alias = e.quoted ? undefined : scope.aliases?.get(e.name.toLowerCase());
      if (alias) return alias;
      const col = scope.resolver.resolve(e.name, e.quoted, scope.param, e.pos, [...(scope.aliases?.keys() ?? [])]);
      if (scope.grouping !== null) {
        throw invalid(scope.param, e.pos, `\`${col.name}\` must be listed in group_by or used inside an aggregate such as count()`);
      }
      const tz = col.type === 'timestamp' && isTzPhysical(col.physical);
      return { sql: ident(col.name), type: col.type, tz, aggregate: false };
    }
    case 'unary': {
      const a = compileExpr(e.operand, scope);
      if (e.op === 'NOT') {
        expectBoolean(a, e.operand, scope, 'NOT');
        return typed(sql`(NOT ${a.sql})`, 'boolean', [a]);
      }
      if (!isNumeric(a.type)) throw invalid(scope.param, e.pos, `cannot negate ${a.type}`);
      return typed(sql`(- ${a.sql})`, a.type, [a]);
    }
    case 'binary':
      return binary(e, scope);
    case 'logical': {
      const parts = e.operands.map((o) => {
        const t = compileExpr(o, scope);
        expectBoolean(t, o, scope, e.op);
        return t;
      });
      return typed(sql`(${join(parts.map((p) => p.sql), ` ${e.op} `)})`, 'boolean', parts);
    }
    case 'isNull': {
      const a = compileExpr(e.operand, scope);
      return typed(e.negated ? sql`(${a.sql} IS NOT NULL)` : sql`(${a.sql} IS NULL)`, 'boolean', [a]);
    }
    case 'in': {
      if (e.list.length > MAX_IN_LIST) throw invalid(scope.param, e.pos, `IN lists hold at most ${MAX_IN_LIST} values`);
      const a = compileExpr(e.operand, scope);
      const items = e.list.map((x) => against(x, a, scope, e.pos));
      const list = join(items.map((i) => i.sql), ', ');
      return typed(e.negated ? sql`(${a.sql} NOT IN (${list}))` : sql`(${a.sql} IN (${list}))`, 'boolean', [a, ...items]);
    }
    case 'between': {
      const a = compileExpr(e.operand, scope);
      const lo = against(e.low, a, scope, e.pos);
      const hi = against(e.high, a, scope, e.pos);
      const body = e.negated ? sql`(${a.sql} NOT BETWEEN ${lo.sql} AND ${hi.sql})` : sql`(${a.sql} BETWEEN ${lo.sql} AND ${hi.sql})`;
      return typed(body, 'boolean', [a, lo, hi]);
    }
    case 'like': {
      const a = compileExpr(e.operand, scope);
      const b = compileExpr(e.pattern, scope);
      for (const [t, x] of [[a, e.operand], [b, e.pattern]] as const) {
        if (t.type !== 'text' && t.type !== 'null') {
          throw invalid(scope.param, x.pos, `LIKE works on text, got ${t.type}`, 'use = or BETWEEN for numbers and dates');
        }
      }
      const op = raw(`${e.negated ? ' NOT' : ''} ${e.caseInsensitive ? 'ILIKE' : 'LIKE'} `);
      return typed(sql`(${a.sql}${op}${b.sql})`, 'boolean', [a, b]);
    }
    case 'call':
      return compileCall(e, scope, compileExpr);
    case 'case':
      return caseExpr(e, scope);
  }
}

/** Every condition a boolean; every result one type (NULL fits any), which is the CASE's type. */
function caseExpr(e: Extract<Expr, { kind: 'case' }>, scope: Scope): Typed {
  if (e.whens.length === 0) throw invalid(scope.param, e.pos, 'case needs at least one condition and its value');
  const conditions = e.whens.map((w) => {
    const t = compileExpr(w.when, scope);
    expectBoolean(t, w.when, scope, 'case');
    return t;
  });
  const results = [...e.whens.map((w) => w.then), ...(e.otherwise ? [e.otherwise] : [])].map((x) => ({ x, t: compileExpr(x, scope) }));
  let type: ExprType = 'null';
  let tz = false;
  for (const { x, t } of results) {
    if (t.type === 'null') continue;
    if (type === 'null') {
      type = t.type;
      tz = t.tz;
    } else if (type !== t.type) {
      if (isNumeric(type) && isNumeric(t.type)) type = 'decimal';
      else throw invalid(scope.param, x.pos, `case values must all be of one type: ${type} and ${t.type}`);
    }
  }
  if (type === 'geometry') throw invalid(scope.param, e.pos, 'case cannot choose between places');
  const castTo = type === 'decimal' ? raw('DOUBLE') : null;
  const value = (t: Typed): Sql => (castTo && t.type !== 'null' ? sql`CAST(${t.sql} AS ${castTo})` : t.sql);
  const parts = e.whens.map((_, i) => sql` WHEN ${(conditions[i] as Typed).sql} THEN ${value((results[i] as { t: Typed }).t)}`);
  const otherwise = e.otherwise ? sql` ELSE ${value((results[results.length - 1] as { t: Typed }).t)}` : raw('');
  return typed(sql`(CASE${join(parts, '')}${otherwise} END)`, type, [...conditions, ...results.map((r) => r.t)], tz);
}

function literal(e: Extract<Expr, { kind: 'literal' }>, scope: Scope): Typed {
  switch (e.type) {
    // Every literal is a typed CAST of its parameter: DuckDB rejects a bare parameter in ORDER BY.
    case 'text':
      return typed(sql`CAST(${param(String(e.value))} AS VARCHAR)`, 'text', []);
    case 'integer':
      return typed(sql`CAST(${param(Number(e.value))} AS BIGINT)`, 'integer', []);
    case 'decimal':
      return typed(sql`CAST(${param(Number(e.value))} AS DOUBLE)`, 'decimal', []);
    case 'boolean':
      return typed(sql`CAST(${param(e.value === true)} AS BOOLEAN)`, 'boolean', []);
    case 'null':
      return typed(raw('NULL'), 'null', []);
    case 'date':
      return dateLiteral(String(e.value), scope.param, e.pos);
    case 'timestamp':
      return timestampLiteral(String(e.value), scope.param, e.pos);
  }
}

function expectBoolean(t: Typed, e: Expr, scope: Scope, op: string): void {
  if (t.type !== 'boolean' && t.type !== 'null') {
    throw invalid(scope.param, e.pos, `${op} needs a condition (true/false), got ${t.type}`);
  }
}

/** Compiles `e` for comparison with `other`, coercing a text literal to a date/timestamp/time. */
function against(e: Expr, other: Typed, scope: Scope, opPos: number): Typed {
  const t =
    isTextLiteral(e) && (other.type === 'date' || other.type === 'timestamp' || other.type === 'time')
      ? coerceText(String(e.value), other.type, scope.param, e.pos)
      : compileExpr(e, scope);
  checkComparable(other, t, e, scope, opPos);
  return t;
}

function checkComparable(a: Typed, b: Typed, bExpr: Expr, scope: Scope, pos: number): void {
  if (comparable(a.type, b.type)) return;
  let hint: string | undefined;
  if (isNumeric(a.type) && isTextLiteral(bExpr)) hint = `remove the quotes to compare with a number: ${String(bExpr.value)}`;
  if (a.type === 'text' && bExpr.kind === 'literal' && typeof bExpr.value === 'number') hint = `put the value in quotes: '${String(bExpr.value)}'`;
  throw invalid(scope.param, pos, `cannot compare ${a.type} with ${b.type}`, hint);
}

function concat(e: Extract<Expr, { kind: 'binary' }>, scope: Scope): Typed {
  const parts = [compileExpr(e.left, scope), compileExpr(e.right, scope)];
  const text = parts.map((p) => (p.type === 'text' ? p.sql : sql`CAST(${p.sql} AS VARCHAR)`));
  return typed(sql`(${text[0] ?? raw("''")} || ${text[1] ?? raw("''")})`, 'text', parts);
}

function binary(e: Extract<Expr, { kind: 'binary' }>, scope: Scope): Typed {
  if (e.op === '||') return concat(e, scope);
  const arithmetic = e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/' || e.op === '%';
  if (arithmetic) {
    const a = compileExpr(e.left, scope);
    const b = compileExpr(e.right, scope);
    for (const [t, x] of [[a, e.left], [b, e.right]] as const) {
      if (!isNumeric(t.type)) throw invalid(scope.param, x.pos, `\`${e.op}\` works on numbers, got ${t.type}`);
    }
    const type = e.op !== '/' && a.type !== 'decimal' && b.type !== 'decimal' ? 'integer' : 'decimal';
    return typed(sql`(${a.sql} ${raw(e.op)} ${b.sql})`, type, [a, b]);
  }
  if ((e.right.kind === 'literal' && e.right.type === 'null') || (e.left.kind === 'literal' && e.left.type === 'null')) {
    throw invalid(scope.param, e.pos, `comparing with null with \`${e.op}\` is never true`, e.op === '=' ? 'use IS NULL' : 'use IS NOT NULL');
  }
  let a: Typed;
  let b: Typed;
  if (isTextLiteral(e.left) && !isTextLiteral(e.right)) {
    b = compileExpr(e.right, scope);
    a = against(e.left, b, scope, e.pos);
  } else {
    a = compileExpr(e.left, scope);
    b = against(e.right, a, scope, e.pos);
  }
  const op = e.op === '!=' ? '<>' : e.op;
  return typed(sql`(${a.sql} ${raw(op)} ${b.sql})`, 'boolean', [a, b]);
}
