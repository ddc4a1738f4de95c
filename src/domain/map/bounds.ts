/** A box of longitudes and latitudes (no antimeridian wrap). */
export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The empty box, which any place extends. */
export const emptyBounds = (): Bounds => ({ west: Infinity, south: Infinity, east: -Infinity, north: -Infinity });

export const isEmpty = (b: Bounds): boolean => !(b.west <= b.east && b.south <= b.north);

/** Grows the box to hold a place. */
export function extend(b: Bounds, lon: number, lat: number): Bounds {
  if (lon < b.west) b.west = lon;
  if (lon > b.east) b.east = lon;
  if (lat < b.south) b.south = lat;
  if (lat > b.north) b.north = lat;
  return b;
}

/** The box holding both boxes. */
export function union(a: Bounds, b: Bounds): Bounds {
  return { west: Math.min(a.west, b.west), south: Math.min(a.south, b.south), east: Math.max(a.east, b.east), north: Math.max(a.north, b.north) };
}

/** Whether two boxes overlap (touching counts). */
export function intersects(a: Bounds, b: Bounds): boolean {
  return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

/** The box as words people read: "40.50°N to 40.91°N, 74.25°W to 73.70°W". */
export function describeBounds(b: Bounds): string {
  const lat = (v: number) => `${Math.abs(v).toFixed(2)}°${v < 0 ? 'S' : 'N'}`;
  const lon = (v: number) => `${Math.abs(v).toFixed(2)}°${v < 0 ? 'W' : 'E'}`;
  return `${lat(b.south)} to ${lat(b.north)}, ${lon(b.west)} to ${lon(b.east)}`;
}
