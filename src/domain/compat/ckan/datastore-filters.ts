import type { ComparisonOp, Expr, LiteralNode } from '../../query/ast.ts';
import type { ColumnInfo } from '../../table/types.ts';
import { DatastoreError } from './datastore-errors.ts';

/** Deepest `$and`/`$or` nesting and most operations in one `filters`, as in CKAN. */
export const MAX_FILTER_DEPTH = 10;
export const MAX_FILTER_OPS = 100;

/**
 * Operators of a `{"column": {"op": value}}` filter: CKAN's eq, in, gt, gte,
 * lt, lte, and Plaza's `ne` (not equal). See docs/ckan-datastore.md.
 */
const COMPARE: Record<string, ComparisonOp> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A column by its CKAN field id (the column's name; a different case matches too). */
export function findColumn(columns: readonly ColumnInfo[], id: string): ColumnInfo | undefined {
  return columns.find((c) => c.name === id) ?? columns.find((c) => c.name.toLowerCase() === id.toLowerCase());
}

/** A filter value as a literal of the column's type: numbers for number columns, text for text ones, like CKAN. */
export function literalFor(column: ColumnInfo, value: unknown): LiteralNode {
  const lit = (type: LiteralNode['type'], v: LiteralNode['value']): LiteralNode => ({ kind: 'literal', pos: 0, type, value: v });
  if (value === null) return lit('null', null);
  if (typeof value === 'object') throw new DatastoreError('filters', `invalid value for "${column.name}": a filter value is a text, a number, true, false or null`);
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw new DatastoreError('filters', `invalid value for "${column.name}": "${String(value)}" is not a number`);
      return lit(Number.isInteger(n) ? 'integer' : 'decimal', n);
    }
    case 'boolean':
      if (typeof value === 'boolean') return lit('boolean', value);
      if (value === 'true' || value === 'false') return lit('boolean', value === 'true');
      throw new DatastoreError('filters', `invalid value for "${column.name}": "${String(value)}" is not true or false`);
    case 'date':
    case 'timestamp':
      return lit(column.type, String(value));
    default:
      return lit('text', String(value));
  }
}

class FilterReader {
  private ops = 0;
  constructor(private readonly columns: readonly ColumnInfo[]) {}

  private count(): void {
    if (++this.ops > MAX_FILTER_OPS) throw new DatastoreError('filters', 'Maximum number of filter operations exceeded');
  }

  /** `{...}`: every member must hold (AND). */
  object(o: Record<string, Json>, depth: number): Expr[] {
    return Object.entries(o).map(([key, value]) => (key.startsWith('$') && !key.startsWith('$$') ? this.operator(key, value, depth) : this.field(key.startsWith('$$') ? key.slice(1) : key, value)));
  }

  private operator(key: string, value: Json, depth: number): Expr {
    if (key !== '$and' && key !== '$or') throw new DatastoreError('filters', `Unknown operators (must be one of $or, $and): ${key}`);
    if (depth + 1 >= MAX_FILTER_DEPTH) throw new DatastoreError('filters', 'Maximum nesting depth for filter operations reached');
    if (!Array.isArray(value) || !value.every(isObject)) throw new DatastoreError('filters', `Filter operations must be defined as a list of dicts: ${key}`);
    this.count();
    const members = value.map((m) => and(this.object(m, depth + 1)));
    if (members.length === 0) return { kind: 'literal', pos: 0, type: 'boolean', value: key === '$and' };
    return members.length === 1 ? members[0]! : { kind: 'logical', pos: 0, op: key === '$and' ? 'AND' : 'OR', operands: members };
  }

  private field(id: string, value: Json): Expr {
    const column = findColumn(this.columns, id);
    if (!column) throw new DatastoreError('filters', `invalid value "${id}"`);
    const ref: Expr = { kind: 'column', pos: 0, name: column.name, quoted: true };
    this.count();
    if (Array.isArray(value)) {
      if (value.length === 0) return { kind: 'literal', pos: 0, type: 'boolean', value: false };
      return { kind: 'in', pos: 0, negated: false, operand: ref, list: value.map((v) => literalFor(column, v)) };
    }
    if (!isObject(value)) return compare(ref, '=', literalFor(column, value));
    const parts = Object.entries(value).map(([op, v]): Expr => {
      if (op === 'in') {
        if (!Array.isArray(v)) throw new DatastoreError('filters', `"in" takes a list of values: "${column.name}"`);
        return v.length === 0 ? { kind: 'literal', pos: 0, type: 'boolean', value: false } : { kind: 'in', pos: 0, negated: false, operand: ref, list: v.map((x) => literalFor(column, x)) };
      }
      const cmp = Object.hasOwn(COMPARE, op) ? COMPARE[op] : undefined;
      if (!cmp) throw new DatastoreError('filters', `Unknown filter operation: ${op} (use eq, ne, gt, gte, lt, lte or in)`);
      if (op !== 'eq' && op !== 'ne' && v === null) throw new DatastoreError('filters', `"${op}" needs a value, not null: "${column.name}"`);
      return compare(ref, cmp, literalFor(column, v));
    });
    if (parts.length === 0) throw new DatastoreError('filters', `invalid value for "${column.name}": an empty operation`);
    return and(parts);
  }
}

function compare(ref: Expr, op: ComparisonOp, value: LiteralNode): Expr {
  if (value.type === 'null' && (op === '=' || op === '!=')) return { kind: 'isNull', pos: 0, negated: op === '!=', operand: ref };
  return { kind: 'binary', pos: 0, op, left: ref, right: value };
}

function and(parts: Expr[]): Expr {
  return parts.length === 1 ? parts[0]! : { kind: 'logical', pos: 0, op: 'AND', operands: parts };
}

/**
 * CKAN's `filters` as a condition over the table's columns: `{"col": value}`
 * (equals), `{"col": [v1, v2]}` (any of), `{"col": {"gte": 3, "lt": 10}}`
 * (range), `{"$or": [{...}, {...}]}` and `$and`; a list of objects is any of
 * them. Null when there is no filter.
 */
export function filtersCondition(raw: unknown, columns: readonly ColumnInfo[]): Expr | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const reader = new FilterReader(columns);
  if (Array.isArray(raw)) {
    if (!raw.every(isObject)) throw new DatastoreError('filters', 'Filters must be defined as a dict or a list of dicts');
    if (raw.length === 0) return null;
    const members = raw.map((m) => {
      const parts = reader.object(m, 0);
      return parts.length > 0 ? and(parts) : ({ kind: 'literal', pos: 0, type: 'boolean', value: true } as const);
    });
    return members.length === 1 ? members[0]! : { kind: 'logical', pos: 0, op: 'OR', operands: members };
  }
  if (!isObject(raw)) throw new DatastoreError('filters', 'Filters must be defined as a dict or a list of dicts');
  const parts = reader.object(raw, 0);
  return parts.length === 0 ? null : and(parts);
}
