import type { DuckDBValue } from '@duckdb/node-api';

/** Plain parameter values the compiler produces, as DuckDB binds them. */
export function toDuckValues(params: unknown[]): DuckDBValue[] {
  return params.map((p) => {
    if (p === null || p === undefined) return null;
    if (typeof p === 'string' || typeof p === 'boolean' || typeof p === 'bigint') return p;
    if (typeof p === 'number') return p;
    throw new TypeError(`Unsupported query parameter of type ${typeof p}`);
  });
}

/** Escapes a trusted string (a file path Plaza made) as an SQL literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Quotes an identifier. */
export const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

