import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { geopandas, GEO_PYTHON, itWith, ogrinfo, OGRINFO, run } from '../support/geo-tools.ts';
import { CHICAGO, exportFile, FOOD_SITES, ingest, readTable, startPlaza, UHF42, type Harness } from './support.ts';

/**
 * Parquet downloads carry geometry as GeoParquet: WKB columns and the
 * file's `geo` metadata. Checked with a DuckDB of its own (which reads
 * GeoParquet into its GEOMETRY type), with GeoPandas, and with GDAL's
 * ogrinfo where its build reads Parquet (Debian's does not; it reads the
 * GeoJSON download instead).
 */
let h: Harness;
let chicago: Dataset;
let foodSites: Dataset;
let uhf42: Dataset;
let duck: DuckDBInstance;

beforeAll(async () => {
  h = await startPlaza();
  chicago = await ingest(h, 'Chicago crimes', CHICAGO, 'chicago_crimes_2014-09.csv');
  foodSites = await ingest(h, 'Food sites', FOOD_SITES, 'nyc_efap_food_sites.geojson');
  uhf42 = await ingest(h, 'UHF 42', UHF42, 'nyc_uhf42.geojson');
  duck = await DuckDBInstance.create(':memory:');
}, 120_000);

afterAll(async () => {
  duck?.closeSync();
  await h?.close();
});

async function download(d: Dataset, format: string, query: Record<string, string> = {}): Promise<string> {
  const path = join(h.dir, `${d.slug}-${Object.values(query).join('-')}.${format}`);
  await writeFile(path, (await exportFile(h, d.slug, format, query)).body);
  return path;
}

async function rowsOf(sql: string, setup?: string): Promise<Record<string, unknown>[]> {
  const c = await duck.connect();
  try {
    if (setup) await c.run(setup);
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}

const lit = (path: string): string => `'${path.replace(/'/g, "''")}'`;

async function geoOf(path: string): Promise<{ version: string; primary_column: string; columns: Record<string, { encoding: string; geometry_types: string[]; bbox?: number[] }> }> {
  const kv = await rowsOf(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${lit(path)})`);
  const geo = kv.find((r) => r.key === 'geo');
  expect(geo, 'the file has a geo key').toBeDefined();
  return JSON.parse(String(geo?.value)) as never;
}

describe('Parquet downloads are GeoParquet', () => {
  it('carry the geo metadata: version, primary column, WKB, geometry types and the bounding box of the rows', async () => {
    const path = await download(chicago, 'parquet');
    const geo = await geoOf(path);
    const table = await readTable(h, chicago.slug, { where: 'latitude IS NOT NULL' });
    const lons = table.rows.map((r) => r.longitude as number);
    const lats = table.rows.map((r) => r.latitude as number);
    expect(geo).toEqual({
      version: '1.0.0',
      primary_column: 'location',
      columns: { location: { encoding: 'WKB', geometry_types: ['Point'], bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] } },
    });
    // The example in docs/exports.md is this file's.
    expect(geo.columns.location?.bbox).toEqual([-87.910327158, 41.645680971, -87.524687481, 42.022645019]);

    const polygons = await geoOf(await download(uhf42, 'parquet'));
    expect(polygons.primary_column).toBe('geometry');
    expect(polygons.columns.geometry?.geometry_types).toEqual(['MultiPolygon', 'Polygon']);
    const [west, south, east, north] = polygons.columns.geometry?.bbox ?? [];
    // New York City.
    expect(west).toBeGreaterThan(-74.3);
    expect(east).toBeLessThan(-73.6);
    expect(south).toBeGreaterThan(40.4);
    expect(north).toBeLessThan(41);
  });

  it('hold WKB that DuckDB reads as geometry: the same places, nulls where the row has none', async () => {
    const path = await download(chicago, 'parquet');
    const described = await rowsOf(`DESCRIBE SELECT * FROM read_parquet(${lit(path)})`);
    expect(described.map((r) => [r.column_name, r.column_type])).toEqual([
      ['id', 'BIGINT'], ['date', 'TIMESTAMP'], ['block', 'VARCHAR'], ['primary_type', 'VARCHAR'], ['description', 'VARCHAR'], ['location_description', 'VARCHAR'],
      ['arrest', 'BOOLEAN'], ['domestic', 'BOOLEAN'], ['district', 'BIGINT'], ['latitude', 'DOUBLE'], ['longitude', 'DOUBLE'], ['location', "GEOMETRY('OGC:CRS84')"],
    ]);
    const [one] = await rowsOf(`SELECT location::VARCHAR AS wkt FROM read_parquet(${lit(path)}) WHERE id = 9800785`);
    expect(one?.wkt).toBe('POINT (-87.817730228 42.01398734)');
    const [counts] = await rowsOf(`SELECT count(*)::INTEGER AS n, count(location)::INTEGER AS located FROM read_parquet(${lit(path)})`);
    expect(counts).toEqual({ n: 22_334, located: 22_334 - 775 });

    // The bytes themselves: ISO WKB, little-endian, a point (type 1), then longitude and latitude.
    const [raw] = await rowsOf(`SELECT hex(location) AS wkb FROM read_parquet(${lit(path)}) WHERE id = 9800785`, 'SET enable_geoparquet_conversion = false');
    const expected = Buffer.alloc(21);
    expected.writeUInt8(1, 0);
    expected.writeUInt32LE(1, 1);
    expected.writeDoubleLE(-87.817730228, 5);
    expected.writeDoubleLE(42.01398734, 13);
    expect(raw?.wkb).toBe(expected.toString('hex').toUpperCase());
  });

  it('keep polygons and multipolygons, ring by ring', async () => {
    const path = await download(uhf42, 'parquet');
    const back = await rowsOf(`SELECT geocode, geometry::VARCHAR AS wkt FROM read_parquet(${lit(path)}) ORDER BY geocode`);
    const original = await readTable(h, uhf42.slug, { order_by: 'geocode' });
    expect(back).toHaveLength(original.rows.length);
    const wkt = (g: { type: string; coordinates: number[][][] | number[][][][] }): string => {
      const ring = (r: number[][]) => `(${r.map((p) => p.join(' ')).join(', ')})`;
      const poly = (p: number[][][]) => `(${p.map(ring).join(', ')})`;
      return g.type === 'Polygon' ? `POLYGON ${poly(g.coordinates as number[][][])}` : `MULTIPOLYGON (${(g.coordinates as number[][][][]).map(poly).join(', ')})`;
    };
    original.rows.forEach((r, i) => expect(back[i]?.wkt, `geocode ${String(r.geocode)}`).toBe(wkt(JSON.parse(String(r.geometry)) as never)));
  });

  it('write a GeoJSON layer\'s own geometry, and leave out the latitude and longitude Plaza derived from it', async () => {
    const path = await download(foodSites, 'parquet');
    const geo = await geoOf(path);
    expect(geo.primary_column).toBe('geometry');
    expect(Object.keys(geo.columns)).toEqual(['geometry']);
    const names = (await rowsOf(`DESCRIBE SELECT * FROM read_parquet(${lit(path)})`)).map((r) => r.column_name);
    expect(names).not.toContain('latitude');
    const withDerived = await download(foodSites, 'parquet', { derived: 'true' });
    expect((await rowsOf(`DESCRIBE SELECT * FROM read_parquet(${lit(withDerived)})`)).map((r) => r.column_name)).toEqual(expect.arrayContaining(['latitude', 'longitude']));
  });

  it('without a geometry column, a plain Parquet file', async () => {
    const path = await download(chicago, 'parquet', { select: 'id, primary_type', limit: '5' });
    const kv = await rowsOf(`SELECT decode(key) AS key FROM parquet_kv_metadata(${lit(path)})`);
    expect(kv.map((r) => r.key)).not.toContain('geo');
  });
});

describe('outside readers', () => {
  const READ = [
    'import json, sys, geopandas',
    'df = geopandas.read_parquet(sys.argv[1])',
    'g = df.geometry',
    'print(json.dumps({"geometry": g.name, "crs": g.crs.to_string() if g.crs else None, "types": sorted(set(g.dropna().geom_type)),',
    '  "count": len(df), "located": int(g.notna().sum()), "columns": [str(c) for c in df.columns], "first": g.dropna().iloc[0].wkt}))',
  ].join('\n');

  itWith(geopandas(), 'GeoPandas reads the Parquet download: geometry column and type, CRS, feature count, the same attribute columns', async () => {
    const path = await download(chicago, 'parquet', { where: 'district = 16', order_by: 'id' });
    const out = JSON.parse(run(GEO_PYTHON, ['-c', READ, path])) as Record<string, unknown>;
    const original = await readTable(h, chicago.slug, { where: 'district = 16', order_by: 'id' });
    const located = original.rows.filter((r) => r.location !== null);
    const [lon, lat] = (JSON.parse(String(located[0]?.location)) as { coordinates: number[] }).coordinates;
    expect(out).toEqual({
      geometry: 'location',
      crs: 'OGC:CRS84',
      types: ['Point'],
      count: original.rows.length,
      located: located.length,
      columns: original.columns.map((c) => c.name),
      first: `POINT (${lon} ${lat})`,
    });

    const polygons = JSON.parse(run(GEO_PYTHON, ['-c', READ, await download(uhf42, 'parquet')])) as Record<string, unknown>;
    expect(polygons).toMatchObject({ geometry: 'geometry', crs: 'OGC:CRS84', types: ['MultiPolygon', 'Polygon'], count: 43, columns: ['geocode', 'geoname', 'borough', 'geometry'] });
  }, 120_000);

  /** ogrinfo's summary of a file's one layer: geometry type, feature count, fields. */
  function ogrSummary(path: string): { geometry: string; count: number; fields: string[] } {
    const out = run(OGRINFO, ['-ro', '-so', '-al', path]);
    const fields = [...out.matchAll(/^([^\s:][^:]*): (String|Integer|Integer64|Real|Date|DateTime|Time|Boolean|StringList|Integer64List|RealList)(\(\w+\))? \(/gm)].map((m) => m[1] as string);
    return { geometry: /^Geometry: (.+)$/m.exec(out)?.[1] ?? '', count: Number(/^Feature Count: (\d+)$/m.exec(out)?.[1]), fields };
  }

  itWith(ogrinfo(), 'ogrinfo reads the GeoJSON download: geometry type, feature count, the same attribute columns', async () => {
    const original = await readTable(h, foodSites.slug);
    const summary = ogrSummary(await download(foodSites, 'geojson'));
    const published = original.columns.filter((c) => !c.derivedFrom && c.type !== 'geometry').map((c) => c.name);
    expect(summary).toEqual({ geometry: 'Point', count: 489, fields: published });
    const polygons = ogrSummary(await download(uhf42, 'geojson'));
    expect(polygons).toEqual({ geometry: 'Unknown (any)', count: 43, fields: ['geocode', 'geoname', 'borough'] });
  });

  const parquetDriver = (): boolean => ogrinfo().problem === null && /parquet/i.test(run(OGRINFO, ['--formats']));
  if (ogrinfo().problem === null && !parquetDriver()) {
    console.warn(`Skipping "ogrinfo reads the Parquet download": this GDAL build (${run(OGRINFO, ['--version']).trim()}) has no Parquet driver (Debian builds GDAL without Arrow); GeoPandas and DuckDB read it instead.`);
  }
  it.skipIf(!parquetDriver())('ogrinfo reads the Parquet download where its GDAL has the Parquet driver', async () => {
    const summary = ogrSummary(await download(chicago, 'parquet'));
    expect(summary.geometry).toBe('Point');
    expect(summary.count).toBe(22_334);
    expect(summary.fields).toEqual(['id', 'date', 'block', 'primary_type', 'description', 'location_description', 'arrest', 'domestic', 'district', 'latitude', 'longitude']);
  });
});
