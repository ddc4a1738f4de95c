/**
 * The rules a GeoJSON geometry (RFC 7946) must follow to be loaded, exported
 * or drawn: a known type, positions of 2 or 3 finite numbers within the
 * longitude and latitude ranges, lines of at least 2 positions, and closed
 * polygon rings of at least 4. Pure: no I/O.
 */

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

/** How deep geometry collections may nest inside one another. */
const MAX_NESTING = 8;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ordinal = (n: number): string => String(n + 1);

/** The first problem with one position, or null. `where` names it ("position 3 of ring 1 of the polygon"). */
function positionProblem(p: unknown, where: string): string | null {
  if (!Array.isArray(p)) return `${where} must be a list of numbers: [longitude, latitude]`;
  if (p.length < 2 || p.length > 3) return `${where} has ${p.length} ${p.length === 1 ? 'number' : 'numbers'}; a position has 2 or 3 (longitude, latitude and an optional altitude)`;
  if (!p.every((n) => typeof n === 'number')) return 'coordinates must be numbers';
  if (!p.every((n) => Number.isFinite(n))) return 'coordinates must be finite numbers';
  const [lon, lat] = p as [number, number];
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside -180 to 180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90 to 90`;
  return null;
}

/** The first problem with a list of positions, each named within `where`. */
function positionsProblem(list: unknown, where: string): string | null {
  if (!Array.isArray(list)) return `the coordinates of ${where} must be a list of positions`;
  for (const [i, p] of list.entries()) {
    const problem = positionProblem(p, `position ${ordinal(i)} of ${where}`);
    if (problem) return problem;
  }
  return null;
}

function lineProblem(line: unknown, where: string): string | null {
  const problem = positionsProblem(line, where);
  if (problem) return problem;
  const n = (line as unknown[]).length;
  return n < 2 ? `${where} has ${n} ${n === 1 ? 'position' : 'positions'}; a line needs at least 2` : null;
}

const samePosition = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

function ringProblem(ring: unknown, where: string): string | null {
  const problem = positionsProblem(ring, where);
  if (problem) return problem;
  const r = ring as unknown[][];
  if (r.length < 4) return `${where} has ${r.length} ${r.length === 1 ? 'position' : 'positions'}; a ring needs at least 4, the first repeated at the end`;
  if (!samePosition(r[0] as unknown[], r[r.length - 1] as unknown[])) return `${where} is not closed: its last position must repeat its first`;
  return null;
}

function polygonProblem(rings: unknown, where: string): string | null {
  if (!Array.isArray(rings)) return `the coordinates of ${where} must be a list of rings`;
  for (const [i, ring] of rings.entries()) {
    const problem = ringProblem(ring, `ring ${ordinal(i)} of ${where}`);
    if (problem) return problem;
  }
  return null;
}

/** Each member of a Multi* geometry, checked by `each` and named "line 2 of the lines". */
function eachProblem(list: unknown, what: string, each: (v: unknown, where: string) => string | null, name: (i: number) => string): string | null {
  if (!Array.isArray(list)) return `the coordinates of ${what} must be a list`;
  for (const [i, v] of list.entries()) {
    const problem = each(v, name(i));
    if (problem) return problem;
  }
  return null;
}

function check(g: unknown, depth: number): string | null {
  if (!isObject(g)) return 'the geometry must be an object with a "type"';
  const { type } = g;
  if (typeof type !== 'string') return 'the geometry has no "type"';
  if (!(GEOMETRY_TYPES as readonly string[]).includes(type)) return `${JSON.stringify(type)} is not a GeoJSON geometry type`;
  if (type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) return 'the geometry collection has no "geometries" list';
    if (depth >= MAX_NESTING) return 'the geometry collections are nested too deeply';
    for (const [i, part] of g.geometries.entries()) {
      const problem = check(part, depth + 1);
      if (problem) return `geometry ${ordinal(i)} of the collection: ${problem}`;
    }
    return null;
  }
  const c = g.coordinates;
  if (c === undefined) return `the ${type} has no "coordinates"`;
  switch (type as Exclude<GeometryType, 'GeometryCollection'>) {
    case 'Point':
      return positionProblem(c, 'the point');
    case 'MultiPoint':
      return positionsProblem(c, 'the points');
    case 'LineString':
      return lineProblem(c, 'the line');
    case 'MultiLineString':
      return eachProblem(c, 'the lines', lineProblem, (i) => `line ${ordinal(i)} of the lines`);
    case 'Polygon':
      return polygonProblem(c, 'the polygon');
    case 'MultiPolygon':
      return eachProblem(c, 'the polygons', polygonProblem, (i) => `polygon ${ordinal(i)}`);
  }
}

/**
 * The first problem with a GeoJSON geometry, as a readable reason ("ring 1 of
 * the polygon is not closed: …", "longitude 999 is outside -180 to 180"), or
 * null when it is valid. A null geometry (a feature without a location) is valid.
 */
export function geometryProblem(geometry: unknown): string | null {
  if (geometry === null) return null;
  return check(geometry, 0);
}

/** Whether a geometry is valid by `geometryProblem`. */
export const isValidGeometry = (geometry: unknown): boolean => geometryProblem(geometry) === null;

/**
 * A valid geometry from GeoJSON text (or an already parsed object), as a
 * geometry column stores it; undefined for an empty value, text that is not
 * JSON, or a geometry that breaks a rule.
 */
export function validGeometry(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  let g: unknown = value;
  if (typeof value === 'string') {
    try {
      g = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return geometryProblem(g) === null ? g : undefined;
}
