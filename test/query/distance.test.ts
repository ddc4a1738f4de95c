import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { AppError } from '../../src/domain/errors.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * distance() on a real city file: Chicago's crimes of September 2014, whose
 * Latitude and Longitude columns become the `location` point column. The
 * nearest crimes to a place, as the API sorts them, are checked against the
 * file itself, measured here with our own haversine.
 */

let t: TestPlaza;
const LOOP = { lat: 41.8781, lon: -87.6298 };

/** Great-circle distance in meters (mean Earth radius), computed apart from the SQL. */
function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

/** Each crime of the file with a place: its ID and its distance from the Loop. The last two fields are the unquoted Latitude and Longitude. */
function crimesFromFile(): { id: number; meters: number }[] {
  const lines = readFileSync(fixture('tabular/chicago_crimes_2014-09.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.flatMap((line) => {
    const fields = line.split(',');
    const lat = Number(fields.at(-2));
    const lon = Number(fields.at(-1));
    if (fields.at(-2) === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) return [];
    return [{ id: Number(fields[0]), meters: haversine(LOOP.lat, LOOP.lon, lat, lon) }];
  });
}

beforeAll(async () => {
  t = await startTestPlaza();
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('distance() on Chicago crimes', () => {
  it('orders the crimes nearest the Loop first, page after page, with their distance in meters', async () => {
    const expected = crimesFromFile().sort((a, b) => a.meters - b.meters).slice(0, 30);
    const req = { select: 'id, distance(location, 41.8781, -87.6298) AS meters', order_by: 'distance(location, 41.8781, -87.6298), id', limit: 10 };
    const got: { id: number; meters: number }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const res = await queryRecords(t.deps, t.admin, 'crimes', { ...req, ...(cursor ? { cursor } : {}) });
      got.push(...res.results.map((r) => ({ id: Number(r.id), meters: Number(r.meters) })));
      cursor = res.nextCursor ?? undefined;
    }
    expect(got).toHaveLength(30);
    // Ties (crimes on the same block) may come in either order in the file; the distances must match one by one.
    got.forEach((g, i) => expect(g.meters).toBeCloseTo(expected[i]!.meters, 3));
    expect(new Set(got.map((g) => g.id))).toEqual(new Set(expected.map((e) => e.id)));
    expect(got[0]!.meters).toBeLessThan(150);
  });

  it('filters by distance in where, as within_distance() does', async () => {
    const near = crimesFromFile().filter((c) => c.meters < 500);
    const res = await queryRecords(t.deps, t.admin, 'crimes', { select: 'id', where: 'distance(location, 41.8781, -87.6298) < 500', limit: 1000 });
    expect(res.total).toBe(near.length);
    expect(res.total).toBeGreaterThan(10);
    const within = await queryRecords(t.deps, t.admin, 'crimes', { select: 'id', where: 'within_distance(location, 41.8781, -87.6298, 500)', limit: 1000 });
    expect(within.total).toBe(res.total);
  });

  it('refuses a column that is not a point, with the columns that are', async () => {
    const e = await queryRecords(t.deps, t.admin, 'crimes', { order_by: 'distance(block, 41.8781, -87.6298)' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    expect((e as AppError).message).toMatch(/`block` is a text column/);
  });
});
