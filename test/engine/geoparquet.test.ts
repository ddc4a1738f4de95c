import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';

/**
 * Every kind of GeoJSON geometry Plaza stores, written by the engine as
 * GeoParquet and read back by a DuckDB of its own, which decodes the WKB
 * (as WKT) and reads the `geo` metadata. Geometries that are not valid
 * GeoJSON are written as nulls, as the GeoJSON export writes them.
 */
let engine: DuckTableEngine;
let reader: DuckDBInstance;
let dir: string;

beforeAll(async () => {
  engine = await DuckTableEngine.create({ threads: 2 });
  reader = await DuckDBInstance.create(':memory:');
  dir = await mkdtemp(join(tmpdir(), 'plaza-geoparquet-'));
});
afterAll(async () => {
  await engine.close();
  reader.closeSync();
  await rm(dir, { recursive: true, force: true });
});

const CASES: [unknown, string | null][] = [
  [{ type: 'Point', coordinates: [-73.92, 40.81] }, 'POINT (-73.92 40.81)'],
  [{ type: 'Point', coordinates: [-73.92, 40.81, 12.5] }, 'POINT Z (-73.92 40.81 12.5)'],
  [{ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }, 'MULTIPOINT (1 2, 3 4)'],
  [{ type: 'LineString', coordinates: [[1, 2], [3, 4], [5, 6]] }, 'LINESTRING (1 2, 3 4, 5 6)'],
  [{ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }, 'MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))'],
  [{ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] }, 'POLYGON ((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1))'],
  [{ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] }, 'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))'],
  [{ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }] }, 'GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))'],
  // Not valid GeoJSON: written as null, the row kept.
  [{ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, null],
  [{ type: 'Point', coordinates: [-73.9, 999] }, null],
  ['POINT (1 2)', null],
  [null, null],
];

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const c = await reader.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}

describe('GeoParquet written by the engine', () => {
  it('encodes every GeoJSON geometry type as WKB, in order, with nulls for invalid ones, and describes them in the geo metadata', async () => {
    const path = join(dir, 'all.parquet');
    const values = CASES.map(([g], i) => `(${i}, ${g === null ? 'NULL' : `'${(typeof g === 'string' ? g : JSON.stringify(g)).replace(/'/g, "''")}'`})`).join(', ');
    await engine.copyToParquet(`SELECT * FROM (VALUES ${values}) AS t(n, shape) ORDER BY n`, [], path, { geometry: { columns: ['shape'], primary: 'shape' } });
    const back = await rows(`SELECT n, shape::VARCHAR AS wkt FROM read_parquet('${path}')`);
    expect(back).toEqual(CASES.map(([, wkt], i) => ({ n: i, wkt })));

    const [kv] = await rows(`SELECT decode(value) AS geo FROM parquet_kv_metadata('${path}') WHERE decode(key) = 'geo'`);
    expect(JSON.parse(String(kv?.geo))).toEqual({
      version: '1.0.0',
      primary_column: 'shape',
      columns: {
        shape: {
          encoding: 'WKB',
          geometry_types: ['GeometryCollection', 'LineString', 'MultiLineString', 'MultiPoint', 'MultiPolygon', 'Point', 'Point Z', 'Polygon'],
          bbox: [-73.92, 0, 7, 40.81],
        },
      },
    });
  });

  it('keeps two geometry columns apart, and a column of nulls has no types and no bounding box', async () => {
    const path = join(dir, 'two.parquet');
    const sql = `SELECT '{"type":"Point","coordinates":[' || i || ',1]}' AS a, CAST(NULL AS VARCHAR) AS b, i FROM range(3) t(i)`;
    await engine.copyToParquet(sql, [], path, { geometry: { columns: ['a', 'b'], primary: 'a' } });
    const [kv] = await rows(`SELECT decode(value) AS geo FROM parquet_kv_metadata('${path}') WHERE decode(key) = 'geo'`);
    expect(JSON.parse(String(kv?.geo))).toEqual({
      version: '1.0.0',
      primary_column: 'a',
      columns: { a: { encoding: 'WKB', geometry_types: ['Point'], bbox: [0, 1, 2, 1] }, b: { encoding: 'WKB', geometry_types: [] } },
    });
    expect(await rows(`SELECT a::VARCHAR AS a, i FROM read_parquet('${path}')`)).toEqual([{ a: 'POINT (0 1)', i: '0' }, { a: 'POINT (1 1)', i: '1' }, { a: 'POINT (2 1)', i: '2' }]);
  });
});
