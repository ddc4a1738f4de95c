import { describe, expect, it } from 'vitest';
import { classColour, classOf, legend, quantileClasses } from '../../src/domain/map/classes.ts';
import { gridCluster } from '../../src/domain/map/cluster.ts';
import { parseGeometry } from '../../src/domain/map/geometry.ts';
import { buildScene, CLUSTER_ABOVE, type MapFeature } from '../../src/domain/map/scene.ts';

describe('grid clustering', () => {
  it('groups the points of each cell at their mean position, cells in row order', () => {
    const clusters = gridCluster(
      [
        [10, 10],
        [20, 30],
        [60, 10],
        [47, 47],
        [5, 100],
      ],
      48,
    );
    expect(clusters).toEqual([
      { x: 77 / 3, y: 29, count: 3, members: [0, 1, 3] },
      { x: 60, y: 10, count: 1, members: [2] },
      { x: 5, y: 100, count: 1, members: [4] },
    ]);
  });
});

describe('choropleth classes', () => {
  it('cuts values into five quantile classes', () => {
    const c = quantileClasses([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])!;
    expect(c).toEqual({ breaks: [3, 5, 7, 9], min: 1, max: 10 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => classOf(c, v))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(legend(c)).toEqual([
      { colour: '#eff3ff', label: '1 to under 3' },
      { colour: '#bdd7e7', label: '3 to under 5' },
      { colour: '#6baed6', label: '5 to under 7' },
      { colour: '#3182bd', label: '7 to under 9' },
      { colour: '#08519c', label: '9 to 10' },
    ]);
  });

  it('never splits equal values, and spreads fewer classes over the palette', () => {
    const c = quantileClasses([1, 1, 1, 1, 1, 1, 2, 2, 2.5, 1000.25])!;
    expect(c.breaks).toEqual([2, 2.5]);
    expect(legend(c)).toEqual([
      { colour: '#eff3ff', label: '1 to under 2' },
      { colour: '#6baed6', label: '2 to under 2.5' },
      { colour: '#08519c', label: '2.5 to 1,000.25' },
    ]);
    expect(classColour(0, 1)).toBe('#6baed6');
    expect(quantileClasses([])).toBeUndefined();
    expect(quantileClasses([7, 7])).toEqual({ breaks: [], min: 7, max: 7 });
  });
});

describe('geometry and scenes', () => {
  it('reads GeoJSON points, polygons and multipolygons, and skips what it cannot read', () => {
    expect(parseGeometry('{"type":"Point","coordinates":[-73.9,40.7]}')?.points).toEqual([[-73.9, 40.7]]);
    const multi = parseGeometry({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]] })!;
    expect(multi.polygons).toHaveLength(2);
    expect(multi.bounds).toEqual({ west: 0, south: 0, east: 3, north: 3 });
    for (const bad of [null, '', 'POINT(1 2)', '{"type":"Point","coordinates":[500,1]}', '{"type":"Polygon","coordinates":[]}']) expect(parseGeometry(bad)).toBeUndefined();
  });

  it('draws points one by one up to the threshold, then as counted clusters', () => {
    const at = (id: number, lon: number, lat: number): MapFeature => ({ id, title: `p${id}`, value: null, shape: parseGeometry({ type: 'Point', coordinates: [lon, lat] })! });
    const view = { zoom: 10, lat: 40.7, lon: -73.95 };
    const size = { width: 800, height: 500 };
    const few = [at(1, -73.95, 40.7), at(2, -73.9, 40.75), at(3, 10, 10)];
    const s = buildScene(few, view, size, undefined, 2);
    expect(s.points.map((p) => [p.id, p.x, p.y, p.selected])).toEqual([
      [1, 400, 250],
      [2, 436.4, 202],
    ].map(([id, x, y]) => [id, x, y, id === 2]));
    expect(s.inView).toEqual([1, 2]);
    const many = Array.from({ length: CLUSTER_ABOVE + 1 }, (_, i) => at(i + 1, -73.95 + (i % 2) * 0.1, 40.7));
    const c = buildScene(many, view, size);
    expect(c.points).toEqual([]);
    expect(c.clusters.map((k) => [k.count, k.x, k.y, k.r])).toEqual([
      [1001, 400, 250, 22],
      [1000, 472.8, 250, 22],
    ]);
    expect(c.clusters[0]!.view).toEqual({ zoom: 12, lat: 40.7, lon: -73.95 });
  });

  it('fills areas by class, and grey without a value', () => {
    const square = (id: number, value: number | null): MapFeature => ({ id, title: `a${id}`, value, shape: parseGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] })! });
    const s = buildScene([square(1, 1), square(2, 10), square(3, null)], { zoom: 6, lat: 0.5, lon: 0.5 }, { width: 400, height: 300 }, quantileClasses([1, 10]));
    expect(s.areas.map((a) => a.fill)).toEqual(['#eff3ff', '#08519c', '#d9d9d9']);
    expect(s.areas[0]!.d).toBe('M177 173L223 173L223 127L177 127L177 173Z');
  });
});
