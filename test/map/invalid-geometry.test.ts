import { describe, expect, it } from 'vitest';
import { parseGeometry } from '../../src/domain/map/geometry.ts';

/**
 * The map draws a geometry whole or not at all: one that is not valid
 * GeoJSON is not drawn, not even the parts of it that look usable.
 */
describe('geometries the map does not draw', () => {
  const cases: [string, unknown][] = [
    ['an open ring of three corners', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }],
    ['a polygon with one corner out of range', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 100], [0, 0]]] }],
    ['points, one of them text', { type: 'MultiPoint', coordinates: [[-73.9, 40.7], ['x', 999]] }],
    ['lines, one of them a single position', { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2]]] }],
    ['a collection with an unknown member', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'Bogus' }] }],
    ['a point with a latitude of 999', '{"type":"Point","coordinates":[-73.9,999]}'],
  ];
  it.each(cases)('%s', (_, g) => expect(parseGeometry(g)).toBeUndefined());

  it('still draws the valid forms of the same shapes', () => {
    expect(parseGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] })?.polygons).toHaveLength(1);
    expect(parseGeometry({ type: 'MultiPoint', coordinates: [[-73.9, 40.7], [-73.8, 40.6]] })?.points).toHaveLength(2);
    expect(parseGeometry({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] })?.points).toEqual([[1, 2]]);
  });
});
