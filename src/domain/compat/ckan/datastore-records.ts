import type { ColumnType } from '../../table/types.ts';
import type { RecordsFormat } from './datastore-params.ts';
import { ROW_ID } from './datastore-query.ts';

/**
 * The PostgreSQL type names CKAN's DataStore reports in `fields` for each
 * Plaza column type; `_id` is reported as `int`.
 */
export const CKAN_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'int8',
  decimal: 'numeric',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  time: 'time',
  text: 'text',
  // Geometries are GeoJSON text, as the records API gives them.
  geometry: 'text',
};

/** One entry of a DataStore answer's `fields`. */
export interface CkanField {
  id: string;
  type: string;
  info?: { label: string; notes: string };
}

/** A field of the answer; `info` holds the column's label when it differs from its name (CKAN's data dictionary). */
export function ckanField(id: string, type: ColumnType | 'rowid', label?: string, notes = ''): CkanField {
  if (type === 'rowid' || id === ROW_ID) return { id: ROW_ID, type: 'int' };
  const f: CkanField = { id, type: CKAN_TYPES[type] };
  if ((label !== undefined && label !== id) || notes !== '') f.info = { label: label ?? id, notes };
  return f;
}

/** A value as PostgreSQL's COPY writes it in CSV: booleans t/f, objects as JSON, null as nothing. */
function copyText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One CSV or TSV line as PostgreSQL's `COPY ... TO STDOUT csv` writes it: quoted only when needed; empty text quoted, null bare. */
function copyLine(values: unknown[], delimiter: string): string {
  return values
    .map((v) => {
      const s = copyText(v);
      if (s === null) return '';
      return s === '' || s.includes(delimiter) || /["\r\n]/.test(s) || s.startsWith('\\.') ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(delimiter);
}

/** `records` in the asked format: objects, lists in field order, or one CSV/TSV text without a header. */
export function formatRecords(rows: Record<string, unknown>[], fieldIds: string[], format: RecordsFormat): unknown {
  switch (format) {
    case 'objects':
      return rows.map((r) => Object.fromEntries(fieldIds.map((id) => [id, r[id] ?? null])));
    case 'lists':
      return rows.map((r) => fieldIds.map((id) => r[id] ?? null));
    case 'csv':
    case 'tsv': {
      const d = format === 'csv' ? ',' : '\t';
      return rows.map((r) => copyLine(fieldIds.map((id) => r[id]), d) + '\n').join('');
    }
  }
}
