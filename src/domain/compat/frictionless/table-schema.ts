import type { DictionaryEntry, Version } from '../../catalog/types.ts';
import type { ColumnInfo, ColumnType } from '../../table/types.ts';

/** A Table Schema field (Frictionless v2). */
export interface TableField {
  name: string;
  type: string;
  format?: string;
  title?: string;
  description?: string;
}

export interface TableSchema {
  fields: TableField[];
  missingValues: string[];
  primaryKey?: string[];
}

/**
 * Plaza's column types as Table Schema types, as the CSV download writes
 * them (docs/exports.md): geometry of any kind, points included, is GeoJSON
 * geometry text, which is Table Schema's `geojson` (ADR 44).
 */
export const TABLE_SCHEMA_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'integer',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'datetime',
  time: 'time',
  text: 'string',
  geometry: 'geojson',
};

/** The CSV download writes a null as an empty field (and an empty text as `""`, which reads back as empty too). */
export const CSV_MISSING_VALUES = [''];

/** The columns of a CSV download: every column as published, without the ones Plaza derived (docs/exports.md). */
export const csvColumns = (live: Version): ColumnInfo[] => live.columns.filter((c) => !c.derivedFrom);

/**
 * A column that identifies each row, when the profile shows it: no nulls and
 * as many distinct values as rows, of an integer or text column; an
 * identifier (by role) first. Nothing when the profile is not known.
 */
export function primaryKeyOf(live: Version, columns: ColumnInfo[]): string | undefined {
  const rows = live.rowCount;
  if (rows === null || rows === 0) return undefined;
  const unique = columns.filter((c) => {
    const p = live.profile[c.name];
    return (c.type === 'integer' || c.type === 'text') && p !== undefined && p.nulls === 0 && p.count === rows && p.distinct === rows;
  });
  return (unique.find((c) => c.role === 'identifier') ?? unique[0])?.name;
}

/** The Table Schema of a version's CSV download, titled and described from the data dictionary. */
export function tableSchemaOf(live: Version, dictionary: DictionaryEntry[]): TableSchema {
  const entries = new Map(dictionary.map((e) => [e.column, e]));
  const columns = csvColumns(live);
  const fields = columns.map((c): TableField => {
    const e = entries.get(c.name);
    const title = e?.label || c.label;
    const description = [e?.description ?? '', e?.unit ? `(${e.unit})` : ''].filter(Boolean).join(' ');
    return { name: c.name, type: TABLE_SCHEMA_TYPES[c.type], ...(title && title !== c.name ? { title } : {}), ...(description ? { description } : {}) };
  });
  const key = primaryKeyOf(live, columns);
  return { fields, missingValues: [...CSV_MISSING_VALUES], ...(key ? { primaryKey: [key] } : {}) };
}
