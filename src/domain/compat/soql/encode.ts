import type { QueryField } from '../../query/types.ts';
import type { ColumnInfo } from '../../table/types.ts';

/** A GeoJSON geometry as the engine's geometry columns hold it. */
interface Geometry {
  type: string;
  coordinates?: unknown;
}

const GEOMETRY_TYPES: Readonly<Record<string, string>> = {
  Point: 'point', MultiPoint: 'multipoint', LineString: 'line', MultiLineString: 'multiline', Polygon: 'polygon', MultiPolygon: 'multipolygon',
};

/**
 * SODA's type name for an output field: numbers are `number`, booleans
 * `checkbox`, dates and times `floating_timestamp`, geometry `point` (or the
 * geometry type of the first value), everything else `text`.
 */
export function sodaType(field: QueryField, columns: ColumnInfo[], firstValue: unknown): string {
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'date':
    case 'timestamp':
      return 'floating_timestamp';
    case 'geometry': {
      if (columns.find((c) => c.name === field.name)?.point) return 'point';
      const g = geometryOf(firstValue);
      return (g && GEOMETRY_TYPES[g.type]) ?? 'multipolygon';
    }
    default:
      return 'text';
  }
}

/** A geometry value (GeoJSON text or object) as an object; null when it is none. */
export function geometryOf(value: unknown): Geometry | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  return v !== null && typeof v === 'object' && typeof (v as Geometry).type === 'string' ? (v as Geometry) : null;
}

/** `2014-09-01T00:00:00.000`: SODA's floating timestamp text. */
export function floatingTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 23);
  const s = String(value);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?/.exec(s);
  if (!m) return s;
  const clock = m[2] === undefined ? '00:00:00' : m[2].length === 5 ? `${m[2]}:00` : m[2];
  const fraction = ((m[3] ?? '.') + '000').slice(0, 4);
  return `${m[1]}T${clock}${fraction}`;
}

/**
 * One value as SODA 2's JSON gives it: numbers and text as strings,
 * booleans as booleans, timestamps as floating timestamps, geometry as
 * GeoJSON; undefined for null (SODA leaves null fields out).
 */
export function jsonValue(type: QueryField['type'], value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (type === 'boolean') return typeof value === 'boolean' ? value : String(value) === 'true';
  if (type === 'date' || type === 'timestamp') return floatingTimestamp(value);
  if (type === 'geometry') return geometryOf(value) ?? undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A row as SODA 2's JSON gives it. */
export function jsonRow(fields: QueryField[], row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = jsonValue(f.type, row[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

const pair = (c: unknown): string => (Array.isArray(c) ? `${String(c[0])} ${String(c[1])}` : '');
const ring = (r: unknown): string => `(${(Array.isArray(r) ? r : []).map(pair).join(', ')})`;
const rings = (p: unknown): string => `(${(Array.isArray(p) ? p : []).map(ring).join(', ')})`;

/** WKT of a GeoJSON geometry, as SODA's CSV writes geometry (`POINT (lon lat)`). */
export function wkt(g: Geometry): string {
  const c = g.coordinates;
  const list = Array.isArray(c) ? c : [];
  switch (g.type) {
    case 'Point':
      return `POINT (${pair(c)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${list.map((p) => `(${pair(p)})`).join(', ')})`;
    case 'LineString':
      return `LINESTRING ${ring(c)}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${rings(c)}`;
    case 'Polygon':
      return `POLYGON ${rings(c)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${list.map(rings).join(', ')})`;
    default:
      return JSON.stringify(g);
  }
}

/** One CSV cell: quoted always, as SODA writes them; empty for null. */
export function csvCell(type: QueryField['type'], value: unknown): string {
  let text = '';
  if (value !== null && value !== undefined) {
    if (type === 'geometry') {
      const g = geometryOf(value);
      text = g ? wkt(g) : '';
    } else {
      const v = jsonValue(type, value);
      text = typeof v === 'string' ? v : String(v);
    }
  }
  return `"${text.replaceAll('"', '""')}"`;
}
