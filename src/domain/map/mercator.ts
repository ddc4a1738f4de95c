/**
 * Web Mercator (the projection of web map tiles): longitude and latitude to
 * pixels on a square world of 256 × 2^zoom pixels, x growing east and y south.
 */

/** Pixels across the world at zoom 0: one tile. */
export const TILE_SIZE = 256;
/** Latitudes beyond this make the world square; Web Mercator stops here. */
export const MAX_LATITUDE = 85.0511287798066;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The world's width in pixels at a zoom level (zoom may be fractional). */
export const worldSize = (zoom: number): number => TILE_SIZE * 2 ** zoom;

/** A place as world pixels at a zoom level: [x, y]. */
export function project(lon: number, lat: number, zoom: number): [number, number] {
  const size = worldSize(zoom);
  const sin = Math.sin((clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180);
  const x = ((lon + 180) / 360) * size;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size;
  return [x, y];
}

/** World pixels at a zoom level back to a place: [lon, lat]. */
export function unproject(x: number, y: number, zoom: number): [number, number] {
  const size = worldSize(zoom);
  const lon = (x / size) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / size;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return [lon, lat];
}
