import { encodeCursor } from './cursor.ts';
import type { CompiledQuery } from './types.ts';

function text(value: unknown, column: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new Error(`reserved column ${column} must hold text, got ${typeof value}`);
}

/**
 * The `next_cursor` for a page, or null when the page was the last one
 * (fewer rows than `pageSize`). `lastRow` is the page's last row exactly as
 * read from DuckDB, reserved columns included (`getRowObjects()` or
 * `getRowObjectsJson()` both work).
 */
export function nextCursor(compiled: CompiledQuery, lastRow: Record<string, unknown> | undefined, rowsReturned: number): string | null {
  if (compiled.pageSize === 0 || rowsReturned < compiled.pageSize) return null;
  const paging = compiled.paging;
  if (paging.kind === 'offset') return encodeCursor(paging.hash, { kind: 'offset', offset: compiled.offset + rowsReturned });
  if (lastRow === undefined) return null;
  const rowid = text(lastRow[paging.rowidColumn], paging.rowidColumn);
  if (rowid === null) throw new Error(`page rows must include ${paging.rowidColumn}`);
  const values = paging.keyColumns.map((c) => {
    if (!(c in lastRow)) throw new Error(`page rows must include ${c}`);
    return text(lastRow[c], c);
  });
  return encodeCursor(paging.hash, { kind: 'keyset', values, rowid });
}

/** A page row without the reserved columns, keeping only `fields` in their order. */
export function presentRow(compiled: CompiledQuery, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of compiled.fields) out[f.name] = row[f.name];
  return out;
}
