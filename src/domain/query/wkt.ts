import { invalid, type QueryParam } from './errors.ts';

/** Longest accepted polygon, in vertices over all rings. */
export const MAX_POLYGON_VERTICES = 500;

/** A ring of [lon, lat] vertices, closed (first = last). */
export type Ring = [number, number][];

/**
 * Parses WKT `POLYGON((lon lat, ...), (hole ...))` or `MULTIPOLYGON(((...)), ...)`
 * into rings. `pos` is where the text literal starts in the parameter, for errors.
 */
export function parsePolygonWkt(text: string, param: QueryParam, pos: number): Ring[] {
  const tokens = [...text.matchAll(/\s*([A-Za-z]+|\(|\)|,|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\S)/gy)].map((m) => ({
    text: m[1] ?? '',
    at: pos + 1 + (m.index ?? 0) + (m[0].length - (m[1] ?? '').length),
  }));
  let i = 0;
  const end = pos + 1 + text.length;
  const fail = (message: string): never => {
    throw invalid(param, tokens[i]?.at ?? end, message, "write e.g. 'POLYGON((-87.63 41.88, -87.62 41.88, -87.62 41.89, -87.63 41.88))' with longitude first");
  };
  const peek = (): string => tokens[i]?.text ?? '';
  const expect = (t: string): void => {
    if (peek() !== t) fail(`invalid polygon: expected \`${t}\``);
    i++;
  };
  const number = (): number => {
    const t = peek();
    const n = Number(t);
    if (t === '' || !/^[-+.0-9]/.test(t) || !Number.isFinite(n)) fail('invalid polygon: expected a number');
    i++;
    return n;
  };
  const ring = (): Ring => {
    const start = i;
    expect('(');
    const points: Ring = [];
    do {
      const lon = number();
      const lat = number();
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) fail('invalid polygon: longitude must be within ±180 and latitude within ±90 (longitude comes first)');
      points.push([lon, lat]);
    } while (peek() === ',' && ++i);
    expect(')');
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([first[0], first[1]]);
    if (points.length < 4) {
      i = start;
      fail('invalid polygon: a ring needs at least 3 distinct points');
    }
    return points;
  };
  const polygon = (): Ring[] => {
    expect('(');
    const rings = [ring()];
    while (peek() === ',' && ++i) rings.push(ring());
    expect(')');
    return rings;
  };
  const kind = peek().toUpperCase();
  let rings: Ring[] = [];
  if (kind === 'POLYGON') {
    i++;
    rings = polygon();
  } else if (kind === 'MULTIPOLYGON') {
    i++;
    expect('(');
    rings = polygon();
    while (peek() === ',' && ++i) rings.push(...polygon());
    expect(')');
  } else {
    fail('invalid polygon: expected POLYGON or MULTIPOLYGON');
  }
  if (i < tokens.length) fail('invalid polygon: unexpected text after the polygon');
  const vertices = rings.reduce((n, r) => n + r.length - 1, 0);
  if (vertices > MAX_POLYGON_VERTICES) {
    throw invalid(param, pos, `polygon has ${vertices} vertices; at most ${MAX_POLYGON_VERTICES} are allowed`, 'simplify the polygon');
  }
  return rings;
}
