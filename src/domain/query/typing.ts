import type { ColumnType } from '../table/types.ts';
import type { ColumnResolver } from './columns.ts';
import type { QueryParam } from './errors.ts';
import type { Sql } from './sql.ts';

/** Type of a compiled expression: a column type, or `null` for the NULL literal. */
export type ExprType = ColumnType | 'null';

/** A compiled expression. */
export interface Typed {
  sql: Sql;
  type: ExprType;
  /** A timestamp with time zone (physical TIMESTAMPTZ). */
  tz: boolean;
  /** Contains an aggregate function. */
  aggregate: boolean;
}

/** Where an expression is compiled. */
export interface Scope {
  resolver: ColumnResolver;
  param: QueryParam;
  /**
   * Grouped (or aggregate-only) context: canonical group-key text → compiled key.
   * Outside aggregates, only these keys may reference columns. `null` means row context.
   */
  grouping: Map<string, Typed> | null;
  /** Aggregate functions may be used here. */
  allowAggregates: boolean;
  /**
   * Names that stand for an already compiled expression, checked before
   * columns: select output names in order_by, group_by aliases in a grouped
   * select (lowercased keys). Not visible inside aggregate arguments.
   */
  aliases?: Map<string, Typed>;
}

export function isNumeric(t: ExprType): boolean {
  return t === 'integer' || t === 'decimal' || t === 'null';
}

export function isTemporal(t: ExprType): boolean {
  return t === 'date' || t === 'timestamp';
}

/** Whether two types may be compared with `=`, `<`, IN, BETWEEN. */
export function comparable(a: ExprType, b: ExprType): boolean {
  if (a === 'null' || b === 'null') return true;
  const family = (t: ExprType): string =>
    t === 'integer' || t === 'decimal' ? 'number' : t === 'date' || t === 'timestamp' ? 'temporal' : t === 'geometry' ? 'text' : t;
  return family(a) === family(b);
}

/** DuckDB type name used to cast a VARCHAR cursor value back for keyset comparisons. */
export function castTypeFor(t: ExprType, tz: boolean): string | null {
  switch (t) {
    case 'integer':
      return 'BIGINT';
    case 'decimal':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return tz ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case 'time':
      return 'TIME';
    default:
      return null;
  }
}

/** Whether a physical DuckDB type name is a timestamp with time zone. */
export function isTzPhysical(physical: string): boolean {
  const p = physical.toUpperCase();
  return p === 'TIMESTAMPTZ' || p.includes('WITH TIME ZONE');
}

/** Output field type for an expression type (`null` → text). */
export function fieldType(t: ExprType): ColumnType {
  return t === 'null' ? 'text' : t;
}
