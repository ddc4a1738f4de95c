import { balancedSum, ident, join, num, param, sql, type Sql } from './sql.ts';
import type { Ring } from './wkt.ts';

/** Mean Earth radius in meters (IUGG). */
export const EARTH_RADIUS_M = 6371008.8;

/** Hidden lat/lon columns of a point geometry column. */
export interface PointColumns {
  lat: string;
  lon: string;
}

const dbl = (v: number): Sql => sql`CAST(${param(v)} AS DOUBLE)`;
const toRad = (deg: number): number => (deg * Math.PI) / 180;
const toDeg = (rad: number): number => (rad * 180) / Math.PI;

/**
 * Haversine distance ≤ meters, behind a lat/lon bounding box that DuckDB can
 * use to skip row groups. The box is a slightly padded superset of the circle.
 */
export function withinDistanceSql(p: PointColumns, lat: number, lon: number, meters: number): Sql {
  const lat_ = ident(p.lat);
  const lon_ = ident(p.lon);
  const r = meters / EARTH_RADIUS_M;
  const pad = (x: number): number => x * 1.001 + 1e-9;
  const dLat = pad(toDeg(r));
  const box: Sql[] = [sql`${lat_} BETWEEN ${dbl(lat - dLat)} AND ${dbl(lat + dLat)}`];
  if (r < Math.PI / 2 - Math.abs(toRad(lat))) {
    const dLon = pad(toDeg(Math.asin(Math.min(1, Math.sin(r) / Math.cos(toRad(lat))))));
    if (lon - dLon >= -180 && lon + dLon <= 180) box.push(sql`${lon_} BETWEEN ${dbl(lon - dLon)} AND ${dbl(lon + dLon)}`);
  }
  // distance ≤ meters  ⟺  haversine a ≤ sin²(meters / 2R): no asin, no clamping, NULL stays NULL.
  const pLat = dbl(lat);
  const pLon = dbl(lon);
  const a = sql`pow(sin(radians(${lat_} - ${pLat}) / 2), 2) + cos(radians(${pLat})) * cos(radians(${lat_})) * pow(sin(radians(${lon_} - ${pLon}) / 2), 2)`;
  const threshold = Math.sin(Math.min(r / 2, Math.PI / 2)) ** 2;
  return sql`(${join(box, ' AND ')} AND ${a} <= ${dbl(threshold)})`;
}

/**
 * Great-circle (haversine) distance in meters from a point column to a
 * place, as a DOUBLE; NULL where the row has no point. The haversine term is
 * capped at 1, where rounding could push it past the arcsine's domain (and
 * `least` skips NULLs, so a row without a point is tested for first).
 */
export function distanceSql(p: PointColumns, lat: number, lon: number): Sql {
  const lat_ = ident(p.lat);
  const lon_ = ident(p.lon);
  const pLat = dbl(lat);
  const pLon = dbl(lon);
  const a = sql`pow(sin(radians(${lat_} - ${pLat}) / 2), 2) + cos(radians(${pLat})) * cos(radians(${lat_})) * pow(sin(radians(${lon_} - ${pLon}) / 2), 2)`;
  return sql`(CASE WHEN ${lat_} IS NULL OR ${lon_} IS NULL THEN NULL ELSE ${dbl(2 * EARTH_RADIUS_M)} * asin(sqrt(least(${a}, 1.0))) END)`;
}

/** Point inside the box spanned by two corners (no antimeridian wrap). */
export function inBboxSql(p: PointColumns, lat1: number, lon1: number, lat2: number, lon2: number): Sql {
  return sql`(${ident(p.lat)} BETWEEN ${dbl(Math.min(lat1, lat2))} AND ${dbl(Math.max(lat1, lat2))} AND ${ident(p.lon)} BETWEEN ${dbl(Math.min(lon1, lon2))} AND ${dbl(Math.max(lon1, lon2))})`;
}

/**
 * Even-odd ray casting over all rings (so holes and multipolygons work),
 * behind the polygon's bounding box. Vertices are inline numeric literals
 * printed from numbers the WKT parser produced.
 */
export function withinPolygonSql(p: PointColumns, rings: Ring[]): Sql {
  const lat = ident(p.lat);
  const lon = ident(p.lon);
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  const crossings: Sql[] = [];
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [x1, y1] = ring[k] ?? [0, 0];
      const [x2, y2] = ring[k + 1] ?? [0, 0];
      minLat = Math.min(minLat, y1);
      maxLat = Math.max(maxLat, y1);
      minLon = Math.min(minLon, x1);
      maxLon = Math.max(maxLon, x1);
      if (y1 === y2) continue;
      const slope = (x2 - x1) / (y2 - y1);
      crossings.push(
        sql`CASE WHEN ${lat} >= ${num(Math.min(y1, y2))} AND ${lat} < ${num(Math.max(y1, y2))} AND ${lon} < ${num(x1)} + (${lat} - ${num(y1)}) * ${num(slope)} THEN 1 ELSE 0 END`,
      );
    }
  }
  const inside = sql`CASE WHEN ${lat} IS NULL OR ${lon} IS NULL THEN NULL ELSE ${balancedSum(crossings)} % 2 = 1 END`;
  return sql`(${lat} BETWEEN ${num(minLat)} AND ${num(maxLat)} AND ${lon} BETWEEN ${num(minLon)} AND ${num(maxLon)} AND ${inside})`;
}

/** One position `[x, y` in GeoJSON geometry text: the innermost arrays, whose first member is a number. */
const POSITION = String.raw`\[\s*(-?[0-9][0-9.eE+-]*)\s*,\s*(-?[0-9][0-9.eE+-]*)`;

/**
 * A geometry (GeoJSON text, any type) whose bounding box meets the box
 * spanned by two corners: the box of its positions, read from the text.
 * For areas and lines, which have no hidden latitude and longitude columns.
 */
export function bboxMeetsSql(column: string, lat1: number, lon1: number, lat2: number, lon2: number): Sql {
  const g = ident(column);
  const xs = sql`CAST(regexp_extract_all(${g}, ${param(POSITION)}, 1) AS DOUBLE[])`;
  const ys = sql`CAST(regexp_extract_all(${g}, ${param(POSITION)}, 2) AS DOUBLE[])`;
  return sql`(list_min(${xs}) <= ${dbl(Math.max(lon1, lon2))} AND list_max(${xs}) >= ${dbl(Math.min(lon1, lon2))} AND list_min(${ys}) <= ${dbl(Math.max(lat1, lat2))} AND list_max(${ys}) >= ${dbl(Math.min(lat1, lat2))})`;
}
