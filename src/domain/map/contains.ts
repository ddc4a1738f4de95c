import { emptyBounds, union, type Bounds } from './bounds.ts';
import type { ContextArea } from './context.ts';
import type { Position } from './geometry.ts';

/** Whether a ring holds a place (ray casting; a place on the edge may fall either way). */
function inRing(ring: readonly Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a polygon (its outline, then its holes) holds a place. */
const inPolygon = (rings: readonly Position[][], at: Position): boolean => rings.length > 0 && inRing(rings[0]!, at) && !rings.slice(1).some((hole) => inRing(hole, at));

const inBounds = (b: Bounds, [lon, lat]: Position): boolean => lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;

/** The first area that holds a place ([longitude, latitude]), if any. */
export function areaAt(areas: readonly ContextArea[], at: Position): ContextArea | undefined {
  return areas.find((a) => inBounds(a.shape.bounds, at) && a.shape.polygons.some((p) => inPolygon(p, at)));
}

/** The box holding every area: the city's bounds. */
export const boundsOfAreas = (areas: readonly ContextArea[]): Bounds => areas.reduce((b, a) => union(b, a.shape.bounds), emptyBounds());

/** Whether a place lies in the box of the areas. */
export const withinAreas = (areas: readonly ContextArea[], at: Position): boolean => inBounds(boundsOfAreas(areas), at);
