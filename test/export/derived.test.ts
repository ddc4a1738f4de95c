import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { CHICAGO, exportFile, FIXTURES, FOOD_SITES, ingest, readTable, startPlaza, type Harness } from './support.ts';

/**
 * Columns Plaza derives on ingest (a point from latitude and longitude or
 * from a `(lat, lon)` address line; latitude and longitude from GeoJSON
 * points) are marked as derived, shown as such, and left out of downloads
 * unless asked for.
 */
const AUSTIN = join(FIXTURES, 'tabular', 'austin_food_establishment_inspection_scores.csv');

let h: Harness;
let chicago: Dataset;
let austin: Dataset;
let foodSites: Dataset;

beforeAll(async () => {
  h = await startPlaza();
  chicago = await ingest(h, 'Chicago crimes', CHICAGO, 'chicago_crimes_2014-09.csv');
  austin = await ingest(h, 'Austin food inspections', AUSTIN, 'austin_food_establishment_inspection_scores.csv');
  foodSites = await ingest(h, 'Food sites', FOOD_SITES, 'nyc_efap_food_sites.geojson');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const csvHeader = (body: Buffer): string[] => (body.toString('utf8').split('\r\n')[0] as string).split(',');
const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

async function xlsxHeader(body: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1).map(String);
}

describe('derived columns', () => {
  it('are marked in the version and in the API: where each came from', async () => {
    const derivedOf = async (slug: string) => {
      const body = (await get(`/api/v1/datasets/${slug}`)).json() as { columns: { name: string; derived_from?: string }[] };
      return body.columns.filter((c) => c.derived_from).map((c) => [c.name, c.derived_from]);
    };
    expect(await derivedOf(chicago.slug)).toEqual([['location', 'latitude,longitude']]);
    expect(await derivedOf(austin.slug)).toEqual([['address_location', 'address']]);
    // A GeoJSON point layer gains latitude and longitude, taken from its geometry.
    expect(await derivedOf(foodSites.slug)).toEqual([
      ['latitude', 'geometry'],
      ['longitude', 'geometry'],
    ]);
  });

  it('are left out of CSV, XLSX, JSON and NDJSON downloads; derived=true adds them', async () => {
    const austinCsv = csvHeader((await exportFile(h, austin.slug, 'csv')).body);
    expect(austinCsv).toEqual(['restaurant_name', 'zip_code', 'inspection_date', 'score', 'address', 'facility_id', 'process_description']);
    const withDerived = ['restaurant_name', 'zip_code', 'inspection_date', 'score', 'address', 'address_location', 'facility_id', 'process_description'];
    expect(csvHeader((await exportFile(h, austin.slug, 'csv', { derived: 'true' })).body)).toEqual(withDerived);
    expect(csvHeader((await exportFile(h, chicago.slug, 'csv')).body)).not.toContain('location');
    expect(csvHeader((await exportFile(h, foodSites.slug, 'csv')).body)).not.toContain('latitude');

    expect(await xlsxHeader((await exportFile(h, austin.slug, 'xlsx', { where: 'zip_code = 78757' })).body)).toEqual(austinCsv);
    expect(await xlsxHeader((await exportFile(h, austin.slug, 'xlsx', { where: 'zip_code = 78757', derived: 'true' })).body)).toEqual(withDerived);

    const json = JSON.parse((await exportFile(h, chicago.slug, 'json', { limit: '3' })).body.toString('utf8')) as Record<string, unknown>[];
    expect(Object.keys(json[0] ?? {})).not.toContain('location');
    expect(Object.keys(json[0] ?? {})).toContain('latitude');
    const ndjson = (await exportFile(h, chicago.slug, 'ndjson', { limit: '3', derived: 'true' })).body.toString('utf8').trimEnd().split('\n');
    expect(Object.keys(JSON.parse(ndjson[0] as string) as object)).toContain('location');
    // The download holds every row all the same.
    const { rows } = await readTable(h, austin.slug);
    const lines = (await exportFile(h, austin.slug, 'csv')).body.toString('utf8');
    expect(rows.length).toBe(25_549);
    expect(lines.match(/\r\n/g)?.length).toBe(25_549 + 1);
  });

  it('are kept when the query names them (select)', async () => {
    const lines = (await exportFile(h, chicago.slug, 'csv', { select: 'id, location', where: 'id = 9800785' })).body.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('id,location');
    expect(lines[1]).toBe('9800785,"{""type"":""Point"",""coordinates"":[-87.817730228,42.01398734]}"');
  });

  it('GeoJSON makes a derived point the geometry and leaves derived properties out', async () => {
    const chicagoFc = JSON.parse((await exportFile(h, chicago.slug, 'geojson', { where: 'id = 9800785' })).body.toString('utf8')) as {
      features: { geometry: unknown; properties: Record<string, unknown> }[];
    };
    expect(chicagoFc.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [-87.817730228, 42.01398734] });
    expect(Object.keys(chicagoFc.features[0]?.properties ?? {})).toEqual(['id', 'date', 'block', 'primary_type', 'description', 'location_description', 'arrest', 'domestic', 'district', 'latitude', 'longitude']);

    const food = JSON.parse((await exportFile(h, foodSites.slug, 'geojson', { limit: '1' })).body.toString('utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(Object.keys(food.features[0]?.properties ?? {})).not.toContain('latitude');
    const withDerived = JSON.parse((await exportFile(h, foodSites.slug, 'geojson', { limit: '1', derived: 'true' })).body.toString('utf8')) as typeof food;
    expect(Object.keys(withDerived.features[0]?.properties ?? {})).toEqual(expect.arrayContaining(['latitude', 'longitude']));
  });

  it('refuses a derived value other than true or false, before any byte', async () => {
    const res = await get(`/api/v1/datasets/${chicago.slug}/export/csv?derived=yes`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'validation_failed' });
    expect(res.body).toContain('true or false');
  });

  it('are shown as derived on the dataset page, which links the download with them (English and Spanish)', async () => {
    const en = await get(`/datasets/${austin.slug}`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('derived from address');
    expect(en.body).toContain('Columns Plaza derived from others (address_location) are left out');
    expect(en.body).toContain(`href="/api/v1/datasets/${austin.slug}/export/csv"`);
    expect(en.body).toContain(`href="/api/v1/datasets/${austin.slug}/export/csv?derived=true"`);
    const es = await get(`/datasets/${chicago.slug}`, { 'accept-language': 'es-ES,es;q=0.9' });
    expect(es.body).toContain('derivada de latitude, longitude');
    expect(es.body).toContain('Las columnas que Plaza derivó de otras (location) no se incluyen');
    const shelter = await ingest(h, 'Shelter census', join(FIXTURES, 'tabular', 'nyc_dhs_daily_shelter_census.csv'), 'nyc_dhs_daily_shelter_census.csv');
    const none = await get(`/datasets/${shelter.slug}`);
    expect(none.body).not.toContain('derived from');
    expect(none.body).not.toContain('derived=true');
  });
});

