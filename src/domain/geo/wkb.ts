/**
 * GeoJSON geometries as Well-Known Binary (ISO WKB, little-endian), the
 * encoding GeoParquet stores, and the summary GeoParquet's `geo` metadata
 * keeps of each geometry column: its geometry types and its bounding box.
 * Pure: no I/O.
 */
import { validGeometry, type GeometryType } from './validate.ts';

type Position = number[];
interface Geometry {
  type: GeometryType;
  coordinates?: unknown;
  geometries?: Geometry[];
}

const CODES: Record<GeometryType, number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };
/** ISO WKB marks a geometry with altitudes by adding 1000 to its type code. */
const Z = 1000;

/** Whether any position of the geometry has an altitude (a third number). */
function hasZ(g: Geometry): boolean {
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).some(hasZ);
  const walk = (c: unknown): boolean => (Array.isArray(c) && typeof c[0] === 'number' ? c.length > 2 : Array.isArray(c) && c.some(walk));
  return walk(g.coordinates);
}

/** Bytes of one geometry: byte order, type, then its parts; `dims` is 2 or 3 for every position inside. */
function size(g: Geometry, dims: number): number {
  const pos = 8 * dims;
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      return 5 + pos;
    case 'LineString':
    case 'MultiPoint':
      return 9 + (c as Position[]).length * (g.type === 'MultiPoint' ? 5 + pos : pos);
    case 'Polygon':
      return 9 + (c as Position[][]).reduce((n, ring) => n + 4 + ring.length * pos, 0);
    case 'MultiLineString':
      return 9 + (c as Position[][]).reduce((n, line) => n + 9 + line.length * pos, 0);
    case 'MultiPolygon':
      return 9 + (c as Position[][][]).reduce((n, poly) => n + 9 + poly.reduce((m, ring) => m + 4 + ring.length * pos, 0), 0);
    case 'GeometryCollection':
      return 9 + (g.geometries ?? []).reduce((n, part) => n + size(part, dims), 0);
  }
}

class Bytes {
  at = 0;
  constructor(readonly view: DataView) {}
  u8(n: number): void {
    this.view.setUint8(this.at, n);
    this.at += 1;
  }
  u32(n: number): void {
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }
  position(p: Position, dims: number): void {
    for (let i = 0; i < dims; i++) {
      // A position without an altitude in a geometry that has them gets 0.
      this.view.setFloat64(this.at, p[i] ?? 0, true);
      this.at += 8;
    }
  }
  positions(ps: Position[], dims: number): void {
    this.u32(ps.length);
    for (const p of ps) this.position(p, dims);
  }
  header(type: GeometryType, dims: number): void {
    this.u8(1);
    this.u32(CODES[type] + (dims === 3 ? Z : 0));
  }
}

function write(out: Bytes, g: Geometry, dims: number): void {
  out.header(g.type, dims);
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      return out.position(c as Position, dims);
    case 'LineString':
      return out.positions(c as Position[], dims);
    case 'Polygon':
      out.u32((c as Position[][]).length);
      for (const ring of c as Position[][]) out.positions(ring, dims);
      return;
    case 'MultiPoint':
      out.u32((c as Position[]).length);
      for (const p of c as Position[]) write(out, { type: 'Point', coordinates: p }, dims);
      return;
    case 'MultiLineString':
      out.u32((c as Position[][]).length);
      for (const line of c as Position[][]) write(out, { type: 'LineString', coordinates: line }, dims);
      return;
    case 'MultiPolygon':
      out.u32((c as Position[][][]).length);
      for (const poly of c as Position[][][]) write(out, { type: 'Polygon', coordinates: poly }, dims);
      return;
    case 'GeometryCollection':
      out.u32((g.geometries ?? []).length);
      for (const part of g.geometries ?? []) write(out, part, dims);
      return;
  }
}

/** A geometry's ISO WKB bytes (little-endian); with altitudes when any of its positions has one. */
export function geometryToWkb(g: Geometry): Uint8Array {
  const dims = hasZ(g) ? 3 : 2;
  const bytes = new Uint8Array(size(g, dims));
  const out = new Bytes(new DataView(bytes.buffer));
  write(out, g, dims);
  return bytes;
}

/** GeoParquet's name for a geometry's type: `Point`, `Polygon Z`, … */
export const geoParquetType = (g: Geometry): string => (hasZ(g) ? `${g.type} Z` : g.type);

/** What GeoParquet's metadata says of one geometry column: the types it holds and its bounding box. */
export class GeometrySummary {
  readonly types = new Set<string>();
  /** [min longitude, min latitude, max longitude, max latitude], or null before the first position. */
  bbox: [number, number, number, number] | null = null;

  add(g: Geometry): void {
    this.types.add(geoParquetType(g));
    this.extend(g);
  }

  private extend(g: Geometry): void {
    if (g.type === 'GeometryCollection') {
      for (const part of g.geometries ?? []) this.extend(part);
      return;
    }
    const walk = (c: unknown): void => {
      if (!Array.isArray(c)) return;
      if (typeof c[0] === 'number') {
        const [x, y] = c as [number, number];
        const b = this.bbox;
        this.bbox = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
        return;
      }
      for (const part of c) walk(part);
    };
    walk(g.coordinates);
  }
}

/**
 * WKB of a geometry column's value (GeoJSON text, as Plaza stores geometry),
 * noted in `summary`; null for an empty value or one that is not a valid
 * geometry (the GeoJSON export writes those as `"geometry": null` too).
 */
export function wkbOfText(text: unknown, summary?: GeometrySummary): Uint8Array | null {
  const g = validGeometry(text) as Geometry | undefined;
  if (!g) return null;
  summary?.add(g);
  return geometryToWkb(g);
}

/** GeoParquet metadata version written. */
export const GEOPARQUET_VERSION = '1.0.0';

/**
 * The `geo` key of a GeoParquet file's metadata: every geometry column as WKB,
 * with its types (sorted; empty when it holds no geometry) and bounding box.
 * No `crs`: GeoJSON's longitude/latitude on WGS 84 is GeoParquet's default (OGC:CRS84).
 */
export function geoParquetMetadata(columns: { name: string; summary: GeometrySummary }[], primary: string): string {
  const cols: Record<string, unknown> = {};
  for (const { name, summary } of columns) {
    cols[name] = { encoding: 'WKB', geometry_types: [...summary.types].sort(), ...(summary.bbox ? { bbox: summary.bbox } : {}) };
  }
  return JSON.stringify({ version: GEOPARQUET_VERSION, primary_column: primary, columns: cols });
}
