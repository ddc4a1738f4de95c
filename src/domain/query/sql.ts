/**
 * SQL fragments with bound parameters kept apart from SQL text.
 *
 * A fragment is a list of parts: raw SQL text that only this module's callers
 * produce from code constants and checked identifiers, and parameter objects
 * carrying user values. `render` numbers parameters `$1, $2, ...` in order of
 * first appearance; the same parameter object rendered twice gets the same
 * number, which lets a GROUP BY key and the select item that repeats it be
 * identical to DuckDB's binder.
 */

/** Values that may be bound: what `@duckdb/node-api` binds without extra type hints. */
export type SqlValue = string | number | boolean | null;

export interface SqlParamPart {
  readonly value: SqlValue;
}
export type SqlPart = string | SqlParamPart;
export type Sql = readonly SqlPart[];

/** SQL text from code constants (never from user text). */
export function raw(text: string): Sql {
  return [text];
}

/** A new bound parameter. */
export function param(value: SqlValue): Sql {
  return [{ value }];
}

/** Tagged template joining constant text with fragments. */
export function sql(strings: TemplateStringsArray, ...values: Sql[]): Sql {
  const out: SqlPart[] = [];
  strings.forEach((s, i) => {
    if (s !== '') out.push(s);
    const v = values[i];
    if (v !== undefined) out.push(...v);
  });
  return out;
}

export function join(items: readonly Sql[], separator: string): Sql {
  const out: SqlPart[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(separator);
    out.push(...item);
  });
  return out;
}

/** A double-quoted identifier. Names come from ColumnInfo or checked aliases. */
export function ident(name: string): Sql {
  return ['"' + name.replace(/"/g, '""') + '"'];
}

/** An inline numeric literal for a number this code parsed or computed (never user text). */
export function num(value: number): Sql {
  if (!Number.isFinite(value)) throw new Error('non-finite numeric literal');
  const text = String(value);
  if (!/^-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?$/.test(text)) throw new Error('unexpected numeric literal');
  return [value < 0 ? `(${text})` : text];
}

/** Balanced `a + b + ...`, so long sums stay shallow for DuckDB's expression depth limit. */
export function balancedSum(items: readonly Sql[]): Sql {
  if (items.length === 0) return raw('0');
  if (items.length === 1) return items[0] ?? raw('0');
  const mid = Math.floor(items.length / 2);
  return sql`(${balancedSum(items.slice(0, mid))} + ${balancedSum(items.slice(mid))})`;
}

/** Turns a fragment into SQL text with `$n` placeholders and its parameter list. */
export function render(fragment: Sql): { sql: string; params: SqlValue[] } {
  const numbers = new Map<SqlParamPart, number>();
  const params: SqlValue[] = [];
  let text = '';
  for (const part of fragment) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    let n = numbers.get(part);
    if (n === undefined) {
      params.push(part.value);
      n = params.length;
      numbers.set(part, n);
    }
    text += `$${n}`;
  }
  return { sql: text, params };
}
