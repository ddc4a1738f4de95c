import { parse } from 'csv-parse/sync';

/** A field of a Table Schema, as the checker reads it. */
export interface CheckedField {
  name: string;
  type: string;
  format?: string;
}

const GEOJSON_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Feature', 'FeatureCollection']);

/** Whether a value is a real calendar date (2024-02-30 is not). */
const realDate = (s: string): boolean => {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * Whether a CSV cell's text is a value of the field's type in its default
 * format, by Table Schema v2's rules (https://datapackage.org/standard/table-schema/).
 */
export function parsesAs(field: CheckedField, value: string): boolean {
  if (field.format && field.format !== 'default') throw new Error(`The checker reads only default formats, not ${field.format}.`);
  switch (field.type) {
    case 'string':
    case 'any':
      return true;
    case 'integer':
      return /^[+-]?\d+$/.test(value);
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) || ['NaN', 'INF', '-INF'].includes(value);
    case 'boolean':
      return ['true', 'True', 'TRUE', '1', 'false', 'False', 'FALSE', '0'].includes(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && realDate(value);
    case 'time':
      return /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$/.test(value);
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value) && realDate(value);
    case 'geojson': {
      try {
        const g = JSON.parse(value) as { type?: unknown };
        return typeof g === 'object' && g !== null && typeof g.type === 'string' && GEOJSON_TYPES.has(g.type);
      } catch {
        return false;
      }
    }
    default:
      throw new Error(`The checker does not know the type ${field.type}.`);
  }
}

export interface CheckResult {
  header: string[];
  rows: number;
  /** The first few cells that do not parse, by row (1-based, header excluded) and field. */
  bad: Array<{ row: number; field: string; value: string }>;
  /** Non-missing values seen per field. */
  seen: Record<string, number>;
}

/** Checks a CSV file against a Table Schema: its header, and every non-missing value of every field. */
export function checkCsv(csv: string, fields: CheckedField[], missingValues: string[]): CheckResult {
  const records = parse(csv, { bom: false, relax_column_count: false }) as string[][];
  const [header = [], ...rows] = records;
  const bad: CheckResult['bad'] = [];
  const seen: Record<string, number> = Object.fromEntries(fields.map((f) => [f.name, 0]));
  rows.forEach((row, r) => {
    fields.forEach((f, i) => {
      const value = row[i] ?? '';
      if (missingValues.includes(value)) return;
      seen[f.name]!++;
      if (!parsesAs(f, value) && bad.length < 10) bad.push({ row: r + 1, field: f.name, value });
    });
  });
  return { header, rows: rows.length, bad, seen };
}
