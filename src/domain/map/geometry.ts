import { validGeometry } from '../geo/validate.ts';
import { emptyBounds, extend, type Bounds } from './bounds.ts';

/** A place on the map as [longitude, latitude]. */
export type Position = [number, number];

/** A geometry as the map draws it: points, lines and polygons (each a list of rings, the first the outline). */
export interface Shape {
  points: Position[];
  lines: Position[][];
  polygons: Position[][][];
  bounds: Bounds;
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

const positions = (v: unknown): Position[] => (Array.isArray(v) ? v.filter(isPosition).map((p) => [p[0], p[1]] as Position) : []);
const lists = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function add(shape: Shape, g: unknown, depth = 0): void {
  if (!g || typeof g !== 'object' || depth > 4) return;
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'Point' && isPosition(coordinates)) shape.points.push([coordinates[0], coordinates[1]]);
  else if (type === 'MultiPoint') shape.points.push(...positions(coordinates));
  else if (type === 'LineString') shape.lines.push(positions(coordinates));
  else if (type === 'MultiLineString') shape.lines.push(...lists(coordinates).map(positions));
  else if (type === 'Polygon') shape.polygons.push(lists(coordinates).map(positions));
  else if (type === 'MultiPolygon') shape.polygons.push(...lists(coordinates).map((p) => lists(p).map(positions)));
  else if (type === 'GeometryCollection') for (const part of lists(geometries)) add(shape, part, depth + 1);
}

/**
 * A geometry from GeoJSON text (or an already parsed object), as stored in a
 * geometry column. Undefined for empty values, unreadable text, a geometry
 * that is not valid GeoJSON (`geometryProblem`), or one with no position.
 */
export function parseGeometry(value: unknown): Shape | undefined {
  // A geometry that is not valid GeoJSON is not drawn at all, rather than the parts of it that look usable.
  const g = validGeometry(value);
  if (g === undefined) return undefined;
  const shape: Shape = { points: [], lines: [], polygons: [], bounds: emptyBounds() };
  add(shape, g);
  shape.lines = shape.lines.filter((l) => l.length >= 2);
  shape.polygons = shape.polygons.map((p) => p.filter((r) => r.length >= 3)).filter((p) => p.length > 0);
  const all = [...shape.points, ...shape.lines.flat(), ...shape.polygons.flat(2)];
  if (all.length === 0) return undefined;
  for (const [lon, lat] of all) extend(shape.bounds, lon, lat);
  return shape;
}

/** Whether a shape is one point (a place rather than an area or a route). */
export const isPoint = (s: Shape): boolean => s.points.length === 1 && s.lines.length === 0 && s.polygons.length === 0;
