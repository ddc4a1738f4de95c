import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/domain/community/problems.ts';
import { project } from '../../src/domain/map/mercator.ts';
import { placeAt, PROBLEM_MAP_SIZE, problemFeatures } from '../../src/domain/map/problems.ts';
import { origin } from '../../src/domain/map/view.ts';
import { problem } from '../contract/factories.ts';

const square = (title: string, w: number, s: number) => ({ title, shape: { points: [], lines: [], polygons: [[[[w, s], [w + 1, s], [w + 1, s + 1], [w, s + 1], [w, s]] as [number, number][]]], bounds: { west: w, south: s, east: w + 1, north: s + 1 } } });

describe('problems on the map', () => {
  it('picks the place under a pixel, the inverse of drawing it', () => {
    const view = { zoom: 12, lat: 40.7, lon: -73.9 };
    const [ox, oy] = origin(view, PROBLEM_MAP_SIZE);
    const [x, y] = project(-73.95123, 40.75432, 12);
    expect(placeAt(view, PROBLEM_MAP_SIZE, x - ox, y - oy)).toEqual({ lat: 40.75432, lon: -73.95123 });
    expect(placeAt(view, PROBLEM_MAP_SIZE, PROBLEM_MAP_SIZE.width / 2, PROBLEM_MAP_SIZE.height / 2)).toEqual({ lat: 40.7, lon: -73.9 });
  });

  it('draws points one by one, an area once for all its problems beneath the points, and leaves citywide ones unplaced', () => {
    const a: Problem = problem({ title: 'a', place: { kind: 'point', lat: 1.5, lon: 1.5 }, area: 'one' });
    const b: Problem = problem({ title: 'b', place: { kind: 'area', area: 'two' }, area: 'two' });
    const c: Problem = problem({ title: 'c', place: { kind: 'area', area: 'two' }, area: 'two' });
    const d: Problem = problem({ title: 'd', place: { kind: 'citywide' }, area: null });
    const e: Problem = problem({ title: 'e', place: { kind: 'area', area: 'nowhere' }, area: 'nowhere' });
    const laid = problemFeatures([a, b, c, d, e], [square('one', 1, 1), square('two', 5, 5)]);
    expect(laid.features.map((f) => [f.id, f.title])).toEqual([[2, 'two (2)'], [1, 'a']]);
    expect(laid.features[0]!.shape.polygons).toHaveLength(1);
    expect(laid.marks.get(2)).toEqual({ kind: 'area', area: 'two', problems: [b, c] });
    expect(laid.marks.get(1)).toEqual({ kind: 'problem', problem: a });
    expect(laid.unplaced.map((p) => p.title)).toEqual(['d', 'e']);
    expect(laid.bounds).toEqual({ west: 1.5, south: 1.5, east: 6, north: 6 });
  });

  it('marks an area with a dot at its middle when the areas are drawn beneath anyway', () => {
    const b: Problem = problem({ title: 'b', place: { kind: 'area', area: 'two' }, area: 'two' });
    const laid = problemFeatures([b], [square('two', 5, 5)], 'dots');
    expect(laid.features[0]!.shape).toMatchObject({ points: [[5.5, 5.5]], polygons: [] });
    expect(laid.features[0]!.title).toBe('b');
  });
});
