import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { expectSameTable, sample } from './compare.ts';
import { CHICAGO, exportFile, FOOD_SITES, ingest, readTable, SHELTER, startPlaza, UHF42, type Harness } from './support.ts';

/**
 * Every format, both ways: export a dataset (whole, and filtered with
 * `where`), load the exported file into a new dataset through the real
 * ingest, and compare row counts, column names and types, and values on a
 * sample of rows ordered by a key. Parquet cannot be loaded by Plaza, so it
 * is read back with DuckDB.
 */
let h: Harness;
let chicago: Dataset;
let shelter: Dataset;
let foodSites: Dataset;
let uhf42: Dataset;

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  geojson: 'application/geo+json',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

beforeAll(async () => {
  h = await startPlaza();
  chicago = await ingest(h, 'Chicago crimes, September 2014', CHICAGO, 'chicago_crimes_2014-09.csv');
  shelter = await ingest(h, 'DHS daily shelter census', SHELTER, 'nyc_dhs_daily_shelter_census.csv');
  foodSites = await ingest(h, 'EFAP food sites', FOOD_SITES, 'nyc_efap_food_sites.geojson');
  uhf42 = await ingest(h, 'UHF 42 neighborhoods', UHF42, 'nyc_uhf42.geojson');
});

afterAll(async () => {
  await h?.close();
});

/** Exports, checks the headers, loads the file again, and returns the new dataset. */
async function roundTrip(source: Dataset, format: string, query: Record<string, string> = {}): Promise<Dataset> {
  const { body, headers } = await exportFile(h, source.slug, format, query);
  expect(headers['content-type']).toBe(CONTENT_TYPES[format]);
  expect(headers['content-disposition']).toBe(`attachment; filename="${source.slug}.${format}"`);
  return ingest(h, `${source.title} (${format} export)`, body, `${source.slug}.${format}`);
}

describe.each(['csv', 'json', 'ndjson', 'xlsx'])('%s round trip', (format) => {
  const rules = { geometry: false };

  it('keeps every row, column and value of a whole dataset (Chicago crimes: integers, timestamps, booleans, decimals, points)', async () => {
    const again = await roundTrip(chicago, format);
    const original = await readTable(h, chicago.slug, { order_by: 'id' });
    expect(original.rows.length).toBe(22_334);
    expectSameTable(original, await readTable(h, again.slug, { order_by: 'id' }), rules);
  });

  it('keeps the rows a where filter selects', async () => {
    const where = "primary_type = 'THEFT' AND arrest = false";
    const again = await roundTrip(chicago, format, { where });
    const original = await readTable(h, chicago.slug, { where, order_by: 'id' });
    expect(original.rows.length).toBeGreaterThan(1000);
    expect(original.rows.length).toBeLessThan(22_334);
    expectSameTable(original, await readTable(h, again.slug, { order_by: 'id' }), rules);
  });

  it('keeps dates and column names (DHS shelter census)', async () => {
    const again = await roundTrip(shelter, format);
    const original = await readTable(h, shelter.slug, { order_by: 'date_of_census' });
    expect(original.columns.some((c) => c.type === 'date')).toBe(true);
    expectSameTable(original, await readTable(h, again.slug, { order_by: 'date_of_census' }), rules);
  });
});

describe('geojson round trip', () => {
  it('keeps polygons, properties and their types (UHF 42)', async () => {
    const again = await roundTrip(uhf42, 'geojson');
    const original = await readTable(h, uhf42.slug, { order_by: 'geocode' });
    expect(original.columns.map((c) => c.type)).toContain('geometry');
    const reloaded = await readTable(h, again.slug, { order_by: 'geocode' });
    expect(reloaded.columns.map((c) => [c.name, c.type])).toEqual(original.columns.map((c) => [c.name, c.type]));
    expectSameTable(original, reloaded, { geometry: true });
  });

  // The GeoJSON ingest derives latitude/longitude from point geometries; the export leaves them
  // out of the properties, so the reload derives them again under the same names: same columns.
  const pointRules = { geometry: true };
  const columnsOf = (t: Awaited<ReturnType<typeof readTable>>) => t.columns.map((c) => [c.name, c.type, c.derivedFrom ?? null]);

  it('keeps points, every property, and the same columns (EFAP food sites)', async () => {
    const again = await roundTrip(foodSites, 'geojson');
    const original = await readTable(h, foodSites.slug, { order_by: 'program, address' });
    const reloaded = await readTable(h, again.slug, { order_by: 'program, address' });
    expect(original.rows.length).toBe(489);
    expect(columnsOf(reloaded)).toEqual(columnsOf(original));
    expectSameTable(original, reloaded, pointRules);
    // And once more: the export of the reload loads as the same table again.
    const third = await roundTrip(again, 'geojson');
    expect(columnsOf(await readTable(h, third.slug))).toEqual(columnsOf(original));
  });

  it('keeps the features a where filter selects', async () => {
    // Queens and the Bronx: a subset whose text columns still hold text (Bronx house numbers alone look like integers).
    const where = "boro = 'QUEENS' OR boro = 'BRONX'";
    const again = await roundTrip(foodSites, 'geojson', { where });
    const original = await readTable(h, foodSites.slug, { where, order_by: 'program, address' });
    expect(original.rows.length).toBeGreaterThan(50);
    expect(original.rows.length).toBeLessThan(489);
    const reloaded = await readTable(h, again.slug, { order_by: 'program, address' });
    expect(columnsOf(reloaded)).toEqual(columnsOf(original));
    expectSameTable(original, reloaded, pointRules);
  });
});

/** The exported file itself, as DuckDB reads any Parquet file (no version wrapper). */
const parquetFile = (path: string): string => `read_parquet('${path.replace(/'/g, "''")}')`;

describe('parquet round trip (read back with DuckDB)', () => {
  async function readBack(body: Buffer, name: string) {
    const path = join(h.dir, name);
    await writeFile(path, body);
    const engine = h.plaza.deps.engine;
    const described = await engine.query(`DESCRIBE SELECT * FROM ${parquetFile(path)}`, [], { timeoutMs: 30_000 });
    // DuckDB reads GeoParquet geometry as its GEOMETRY type; as text it is WKT.
    const rows = await engine.query(`SELECT * REPLACE (location::VARCHAR AS location) FROM ${parquetFile(path)} ORDER BY id`, [], { timeoutMs: 30_000 });
    return { types: described.rows.map((r) => [r.column_name, r.column_type]), rows: rows.rows };
  }

  it.each([
    ['whole', {}],
    ['filtered', { where: "primary_type = 'BATTERY' AND domestic = true" }],
  ] as const)('keeps typed columns and values (%s)', async (name, query) => {
    const { body, headers } = await exportFile(h, chicago.slug, 'parquet', query);
    expect(headers['content-type']).toBe(CONTENT_TYPES.parquet);
    expect(headers['content-disposition']).toBe(`attachment; filename="${chicago.slug}.parquet"`);
    expect(body.subarray(0, 4).toString('latin1')).toBe('PAR1');
    const back = await readBack(body, `${name}.parquet`);
    const original = await readTable(h, chicago.slug, { ...query, order_by: 'id' });
    // Same columns, same physical types as the version, geometry as GeoParquet; no reserved `__` columns.
    expect(back.types).toEqual(original.columns.map((c) => [c.name, c.type === 'geometry' ? "GEOMETRY('OGC:CRS84')" : c.physical]));
    expect(back.rows.length).toBe(original.rows.length);
    const wkt = (geojson: unknown): string | null => {
      if (typeof geojson !== 'string') return null;
      const [lon, lat] = (JSON.parse(geojson) as { coordinates: [number, number] }).coordinates;
      return `POINT (${lon} ${lat})`;
    };
    for (const i of sample(original.rows.length, 200)) {
      const row = original.rows[i] as Record<string, unknown>;
      expect(back.rows[i], `row ${i + 1}`).toEqual({ ...row, location: wkt(row.location) });
    }
  });

  it('keeps the order, selection and limit of the query', async () => {
    const query = { select: 'id, date AS occurred, arrest', where: 'district = 11', order_by: 'occurred desc, id', limit: '300', offset: '20' };
    const { body } = await exportFile(h, chicago.slug, 'parquet', query);
    const path = join(h.dir, 'ordered.parquet');
    await writeFile(path, body);
    const engine = h.plaza.deps.engine;
    const back = await engine.query(`SELECT * FROM ${parquetFile(path)}`, [], { timeoutMs: 30_000 });
    const records = (await h.app.inject({ method: 'GET', url: `/api/v1/datasets/${chicago.slug}/records?${new URLSearchParams(query).toString()}` })).json() as { results: unknown[] };
    expect(back.columns).toEqual(['id', 'occurred', 'arrest']);
    expect(back.rows).toHaveLength(300);
    expect(back.rows).toEqual(records.results);
  });
});
