import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * in_bbox() on a column of areas: New York's 42 UHF neighborhoods. An area
 * matches when its bounding box meets the box; the expected areas are
 * computed here from the file's own coordinates.
 */

let t: TestPlaza;

type Position = [number, number];
const positions = (c: unknown): Position[] => (Array.isArray(c) && typeof c[0] === 'number' ? [c as Position] : Array.isArray(c) ? c.flatMap(positions) : []);

function areasMeeting(minLon: number, minLat: number, maxLon: number, maxLat: number): number[] {
  const file = JSON.parse(readFileSync(fixture('geo/nyc_uhf42.geojson'), 'utf8')) as { features: { properties: { GEOCODE: number }; geometry: { coordinates: unknown } | null }[] };
  return file.features.flatMap((f) => {
    const ps = positions(f.geometry?.coordinates);
    if (ps.length === 0) return [];
    const xs = ps.map((p) => p[0]);
    const ys = ps.map((p) => p[1]);
    const meets = Math.min(...xs) <= maxLon && Math.max(...xs) >= minLon && Math.min(...ys) <= maxLat && Math.max(...ys) >= minLat;
    return meets ? [f.properties.GEOCODE] : [];
  });
}

beforeAll(async () => {
  t = await startTestPlaza();
  await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'UHF neighborhoods', slug: 'uhf' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('in_bbox() on areas', () => {
  it('keeps the areas whose bounding box meets the box, in either corner order', async () => {
    const expected = areasMeeting(-73.95, 40.7, -73.9, 40.75).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.length).toBeLessThan(40);
    for (const where of ['in_bbox(geometry, 40.7, -73.95, 40.75, -73.9)', 'in_bbox(geometry, 40.75, -73.9, 40.7, -73.95)']) {
      const res = await queryRecords(t.deps, t.admin, 'uhf', { where, select: 'geocode', order_by: 'geocode', limit: 100 });
      expect(res.results.map((r) => Number(r.geocode))).toEqual(expected);
      expect(res.total).toBe(expected.length);
    }
  });

  it('keeps nothing far away', async () => {
    const res = await queryRecords(t.deps, t.admin, 'uhf', { where: 'in_bbox(geometry, 10, 10, 11, 11)', limit: 10 });
    expect(res.total).toBe(0);
  });
});
