import { describe, expect, it } from 'vitest';
import { GEOMETRY_TYPES, geometryProblem } from '../../src/domain/geo/validate.ts';

/** The rules of RFC 7946 that Plaza holds geometries to, one case each. */

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('valid geometries', () => {
  const valid: [string, unknown][] = [
    ['no geometry (a feature without a location)', null],
    ['a point', { type: 'Point', coordinates: [-73.9, 40.7] }],
    ['a point with an altitude', { type: 'Point', coordinates: [-73.9, 40.7, 12.5] }],
    ['the corners of the ranges', { type: 'MultiPoint', coordinates: [[-180, -90], [180, 90]] }],
    ['a line of two positions', { type: 'LineString', coordinates: [[0, 0], [1, 1]] }],
    ['several lines', { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]] }],
    ['a closed ring of four positions', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }],
    ['a polygon with a hole', { type: 'Polygon', coordinates: [square, [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] }],
    ['several polygons', { type: 'MultiPolygon', coordinates: [[square], [[[2, 2], [3, 2], [3, 3], [2, 2]]]] }],
    ['a collection', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [square] }] }],
    ['empty multi-geometries', { type: 'MultiPoint', coordinates: [] }],
  ];
  it.each(valid)('%s', (_, g) => expect(geometryProblem(g)).toBeNull());

  it('knows the seven geometry types', () => {
    expect([...GEOMETRY_TYPES]).toEqual(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
  });
});

describe('invalid geometries, each with the first problem in words', () => {
  const invalid: [string, unknown, string][] = [
    ['an unknown type', { type: 'Bogus' }, '"Bogus" is not a GeoJSON geometry type'],
    ['a Feature where a geometry belongs', { type: 'Feature', geometry: null }, '"Feature" is not a GeoJSON geometry type'],
    ['no type', { coordinates: [1, 2] }, 'the geometry has no "type"'],
    ['not an object', 'POINT (1 2)', 'the geometry must be an object with a "type"'],
    ['an array', [1, 2], 'the geometry must be an object with a "type"'],
    ['no coordinates', { type: 'Point' }, 'the Point has no "coordinates"'],
    ['text coordinates', { type: 'Point', coordinates: ['x', 999] }, 'coordinates must be numbers'],
    ['numbers as text', { type: 'Point', coordinates: ['-73.9', '40.7'] }, 'coordinates must be numbers'],
    ['a null coordinate', { type: 'Point', coordinates: [null, 1] }, 'coordinates must be numbers'],
    ['an infinite coordinate', { type: 'Point', coordinates: [Infinity, 1] }, 'coordinates must be finite numbers'],
    ['a NaN coordinate', { type: 'Point', coordinates: [1, NaN] }, 'coordinates must be finite numbers'],
    ['a huge longitude', { type: 'Point', coordinates: [1e308, 0] }, 'longitude 1e+308 is outside -180 to 180'],
    ['a longitude of 999', { type: 'Point', coordinates: [999, 40] }, 'longitude 999 is outside -180 to 180'],
    ['a latitude of 999', { type: 'Point', coordinates: [-73.9, 999] }, 'latitude 999 is outside -90 to 90'],
    ['a latitude just past the pole', { type: 'Point', coordinates: [0, -90.0001] }, 'latitude -90.0001 is outside -90 to 90'],
    ['one number', { type: 'Point', coordinates: [1] }, 'the point has 1 number; a position has 2 or 3 (longitude, latitude and an optional altitude)'],
    ['four numbers', { type: 'Point', coordinates: [1, 2, 3, 4] }, 'the point has 4 numbers; a position has 2 or 3 (longitude, latitude and an optional altitude)'],
    ['a point that is a number', { type: 'Point', coordinates: 5 }, 'the point must be a list of numbers: [longitude, latitude]'],
    ['a bad member of several points', { type: 'MultiPoint', coordinates: [[1, 2], [3]] }, 'position 2 of the points has 1 number; a position has 2 or 3 (longitude, latitude and an optional altitude)'],
    ['a line of one position', { type: 'LineString', coordinates: [[1, 2]] }, 'the line has 1 position; a line needs at least 2'],
    ['a line that is not a list', { type: 'LineString', coordinates: { a: 1 } }, 'the coordinates of the line must be a list of positions'],
    ['a short line among several', { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2]]] }, 'line 2 of the lines has 1 position; a line needs at least 2'],
    ['a ring of two positions', { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }, 'ring 1 of the polygon has 2 positions; a ring needs at least 4, the first repeated at the end'],
    ['an open ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, 'ring 1 of the polygon is not closed: its last position must repeat its first'],
    ['an open hole', { type: 'Polygon', coordinates: [square, [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.3, 0.3]]] }, 'ring 2 of the polygon is not closed: its last position must repeat its first'],
    ['a ring closed at another altitude', { type: 'Polygon', coordinates: [[[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 0, 2]]] }, 'ring 1 of the polygon is not closed: its last position must repeat its first'],
    ['a bad position in a ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 200], [0, 0]]] }, 'latitude 200 is outside -90 to 90'],
    ['a polygon that is not a list of rings', { type: 'Polygon', coordinates: 'square' }, 'the coordinates of the polygon must be a list of rings'],
    ['an open ring in the second polygon', { type: 'MultiPolygon', coordinates: [[square], [[[2, 2], [3, 2], [3, 3], [2, 3]]]] }, 'ring 1 of polygon 2 is not closed: its last position must repeat its first'],
    ['a collection without geometries', { type: 'GeometryCollection' }, 'the geometry collection has no "geometries" list'],
    [
      'a bad member of a collection',
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'Bogus' }] },
      'geometry 2 of the collection: "Bogus" is not a GeoJSON geometry type',
    ],
  ];
  it.each(invalid)('%s', (_, g, reason) => expect(geometryProblem(g)).toBe(reason));

  it('refuses collections nested without end', () => {
    let g: unknown = { type: 'Point', coordinates: [1, 2] };
    for (let i = 0; i < 20; i++) g = { type: 'GeometryCollection', geometries: [g] };
    expect(geometryProblem(g)).toMatch(/nested too deeply$/);
  });
});
