import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { geojsonEncoder } from '../../src/adapters/export/geojson.ts';
import type { QueryField } from '../../src/domain/query/index.ts';

/**
 * A version may hold a geometry that is not valid GeoJSON (loaded before
 * geometries were checked, or text in a geometry column): the GeoJSON export
 * writes such a row with a null geometry, never the geometry itself.
 */

const fields: QueryField[] = [
  { name: 'name', type: 'text', label: 'Name' },
  { name: 'site', type: 'geometry', label: 'Site' },
];

async function features(rows: Record<string, unknown>[]): Promise<{ geometry: unknown; properties: Record<string, unknown> }[]> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const enc = geojsonEncoder({ out, signal: new AbortController().signal, fields, title: 't' });
  await enc.begin();
  await enc.rows(rows);
  await enc.end();
  return (JSON.parse(Buffer.concat(parts).toString('utf8')) as { features: { geometry: unknown; properties: Record<string, unknown> }[] }).features;
}

const VALID = [
  { type: 'Point', coordinates: [-73.9, 40.7] },
  { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
];
const INVALID: [string, unknown][] = [
  ['a two-point ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }],
  ['text coordinates', { type: 'Point', coordinates: ['x', 999] }],
  ['an unknown type', { type: 'Bogus' }],
  ['a huge longitude', { type: 'Point', coordinates: [1e308, 0] }],
  ['a latitude of 999', { type: 'Point', coordinates: [-73.9, 999] }],
  ['an open ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }],
];

describe('the GeoJSON export of invalid geometry', () => {
  it.each(INVALID)('writes %s as null, keeping the row and its properties', async (name, g) => {
    const rows = [...VALID, g].map((geometry, i) => ({ name: `${name} ${i}`, site: JSON.stringify(geometry) }));
    const out = await features(rows);
    expect(out.map((f) => f.properties.name)).toEqual(rows.map((r) => r.name));
    expect(out.map((f) => f.geometry)).toEqual([...VALID, null]);
  });

  it('writes text that is not JSON as null, rather than failing the export', async () => {
    const out = await features([{ name: 'wkt', site: 'POINT (-73.9 40.7)' }, { name: 'cut', site: '{"type":"Point","coordinates":[1,' }]);
    expect(out.map((f) => f.geometry)).toEqual([null, null]);
  });
});
