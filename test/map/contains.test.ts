import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { areaAt, withinAreas } from '../../src/domain/map/contains.ts';
import type { ContextArea } from '../../src/domain/map/context.ts';
import { parseGeometry } from '../../src/domain/map/geometry.ts';
import { fixture } from '../support/plaza.ts';

/** Which ZIP code area of New York City (the real MODZCTA boundaries) holds a place. */

const geojson = JSON.parse(await readFile(fixture('geo/nyc_modzcta_2010.geojson'), 'utf8')) as { features: Array<{ properties: Record<string, unknown>; geometry: unknown }> };
const areas: ContextArea[] = geojson.features.map((f) => ({ title: String(f.properties.modzcta ?? f.properties.MODZCTA ?? ''), shape: parseGeometry(f.geometry)! }));

describe('the area that holds a place', () => {
  it('finds the ZIP code of places in the city', () => {
    expect(areaAt(areas, [-73.9452, 40.8076])?.title).toBe('10027'); // Lenox Avenue at 125th Street
    expect(areaAt(areas, [-73.9903, 40.6940])?.title).toBe('11201'); // Brooklyn Heights
    expect(areaAt(areas, [-74.0445, 40.6892])).toBeUndefined(); // the Statue of Liberty, in the harbour
  });

  it('knows a place far from the city is outside its bounds', () => {
    expect(withinAreas(areas, [-73.95, 40.75])).toBe(true);
    expect(withinAreas(areas, [2.3522, 48.8566])).toBe(false); // Paris
    expect(withinAreas(areas, [-73.95, 41.5])).toBe(false); // the Hudson Valley
  });
});
