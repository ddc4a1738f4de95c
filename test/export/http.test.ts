import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecords } from '../../src/actions/records/export-records.ts';
import { XLSX_MAX_DATA_ROWS } from '../../src/adapters/export/xlsx.ts';
import { AppError } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import type { TableEngine } from '../../src/ports/table-engine.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { CHICAGO, exportFile, FOOD_SITES, ingest, readTable, SHELTER, startPlaza, type Harness } from './support.ts';

let h: Harness;
let chicago: Dataset;
let shelter: Dataset;
let foodSites: Dataset;

beforeAll(async () => {
  h = await startPlaza();
  chicago = await ingest(h, 'Chicago crimes', CHICAGO, 'chicago_crimes_2014-09.csv');
  shelter = await ingest(h, 'Shelter census', SHELTER, 'nyc_dhs_daily_shelter_census.csv');
  foodSites = await ingest(h, 'Food sites', FOOD_SITES, 'nyc_efap_food_sites.geojson');
});

afterAll(async () => {
  await h?.close();
});

const get = (url: string) => h.app.inject({ method: 'GET', url });
const csvLines = (body: Buffer): string[] => body.toString('utf8').split('\r\n').slice(0, -1);

describe('GET /api/v1/datasets/:id/export/:format', () => {
  it.each([
    ['csv', 'text/csv; charset=utf-8'],
    ['json', 'application/json'],
    ['ndjson', 'application/x-ndjson'],
    ['geojson', 'application/geo+json'],
    ['parquet', 'application/vnd.apache.parquet'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('%s: Content-Type %s and an attachment named after the slug and the version asked for', async (format, type) => {
    const live = await exportFile(h, chicago.slug, format, { limit: '10' });
    expect(live.headers['content-type']).toBe(type);
    expect(live.headers['content-disposition']).toBe(`attachment; filename="chicago-crimes.${format}"`);
    const numbered = await exportFile(h, chicago.id, format, { limit: '10', version: '1' });
    expect(numbered.headers['content-disposition']).toBe(`attachment; filename="chicago-crimes-v1.${format}"`);
  });

  it('exports every matching row without limit, past the records API cap of 10,000', async () => {
    const { body } = await exportFile(h, chicago.slug, 'csv');
    const lines = csvLines(body);
    // The point Plaza derived from latitude and longitude is left out unless asked for (derived.test.ts).
    expect(lines[0]).toBe('id,date,block,primary_type,description,location_description,arrest,domestic,district,latitude,longitude');
    expect(lines.length - 1).toBe(22_334);
    const ndjson = (await exportFile(h, chicago.slug, 'ndjson')).body.toString('utf8').trimEnd().split('\n');
    expect(ndjson.length).toBe(22_334);
  });

  it('takes the records parameters: select, where, order_by, limit and offset give the same rows as the records API', async () => {
    const query = { select: 'id, primary_type, arrest, date', where: "district = 9 AND primary_type IN ('THEFT', 'BATTERY')", order_by: 'date desc, id', limit: '25', offset: '5' };
    const json = JSON.parse((await exportFile(h, chicago.slug, 'json', query)).body.toString('utf8')) as unknown[];
    const records = (await get(`/api/v1/datasets/${chicago.slug}/records?${new URLSearchParams(query).toString()}`)).json() as { results: unknown[] };
    expect(json).toHaveLength(25);
    expect(json).toEqual(records.results);
  });

  it('exports grouped queries', async () => {
    const query = { group_by: 'primary_type', order_by: 'count desc, primary_type' };
    const lines = csvLines((await exportFile(h, chicago.slug, 'csv', query)).body);
    const records = (await get(`/api/v1/datasets/${chicago.slug}/records?${new URLSearchParams({ ...query, limit: '1000' }).toString()}`)).json() as {
      results: { primary_type: string; count: number }[];
    };
    expect(lines[0]).toBe('primary_type,count');
    expect(lines.slice(1)).toEqual(records.results.map((r) => `${r.primary_type},${r.count}`));
  });

  it('writes RFC 4180 CSV: quoted GeoJSON text, true/false, empty nulls', async () => {
    const lines = csvLines((await exportFile(h, chicago.slug, 'csv', { where: 'id = 9800785', derived: 'true' })).body);
    expect(lines[1]).toBe(
      '9800785,2014-09-30T00:00:00,073XX N OTTAWA AVE,THEFT,OVER $500,STREET,false,false,16,42.01398734,-87.817730228,"{""type"":""Point"",""coordinates"":[-87.817730228,42.01398734]}"',
    );
    const nulls = csvLines((await exportFile(h, chicago.slug, 'csv', { select: 'id, latitude, location', where: 'latitude IS NULL', limit: '1' })).body);
    expect(nulls[1]).toMatch(/^\d+,,$/);
  });

  it('writes JSON as an array of the records API objects, and an empty array for no rows', async () => {
    const rows = JSON.parse((await exportFile(h, chicago.slug, 'json', { where: 'id = 9800785', derived: 'true' })).body.toString('utf8')) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        id: 9800785,
        date: '2014-09-30T00:00:00',
        block: '073XX N OTTAWA AVE',
        primary_type: 'THEFT',
        description: 'OVER $500',
        location_description: 'STREET',
        arrest: false,
        domestic: false,
        district: 16,
        latitude: 42.01398734,
        longitude: -87.817730228,
        location: '{"type":"Point","coordinates":[-87.817730228,42.01398734]}',
      },
    ]);
    expect(JSON.parse((await exportFile(h, chicago.slug, 'json', { where: 'id = 0' })).body.toString('utf8'))).toEqual([]);
    expect((await exportFile(h, chicago.slug, 'ndjson', { where: 'id = 0' })).body.length).toBe(0);
    expect(csvLines((await exportFile(h, chicago.slug, 'csv', { where: 'id = 0' })).body)).toHaveLength(1);
  });

  it('writes a point dataset as a valid GeoJSON FeatureCollection with one feature per row', async () => {
    const { body } = await exportFile(h, foodSites.slug, 'geojson');
    const doc = JSON.parse(body.toString('utf8')) as { type: string; features: { type: string; geometry: { type: string; coordinates: number[] } | null; properties: Record<string, unknown> }[] };
    const table = await readTable(h, foodSites.slug);
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features).toHaveLength(489);
    expect(doc.features).toHaveLength(table.rows.length);
    // Properties are the published ones: not the latitude and longitude Plaza derived from the points.
    const propertyNames = table.columns.filter((c) => c.name !== 'geometry' && !c.derivedFrom).map((c) => c.name);
    expect(propertyNames).not.toContain('latitude');
    doc.features.forEach((f, i) => {
      expect(f.type).toBe('Feature');
      expect(Object.keys(f.properties)).toEqual(propertyNames);
      const stored = table.rows[i]?.geometry;
      expect(f.geometry).toEqual(stored === null ? null : JSON.parse(String(stored)));
      if (f.geometry) {
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toHaveLength(2);
      }
    });
    expect(doc.features.filter((f) => f.geometry !== null).length).toBeGreaterThan(480);
  });

  it('uses the first selected geometry column for GeoJSON, and refuses an export without one', async () => {
    const chosen = JSON.parse((await exportFile(h, chicago.slug, 'geojson', { select: 'id, location', limit: '3' })).body.toString('utf8')) as {
      features: { geometry: { type: string }; properties: Record<string, unknown> }[];
    };
    expect(chosen.features).toHaveLength(3);
    expect(chosen.features[0]?.geometry.type).toBe('Point');
    expect(Object.keys(chosen.features[0]?.properties ?? {})).toEqual(['id']);

    const chosenNone = await get(`/api/v1/datasets/${chicago.slug}/export/geojson?select=id,primary_type`);
    expect(chosenNone.statusCode).toBe(400);
    expect(chosenNone.headers['content-type']).toMatch(/^application\/json/);
    expect((chosenNone.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/GeoJSON needs a geometry column/) as unknown });
    // A dataset without any column of places has no GeoJSON at all.
    const none = await get(`/api/v1/datasets/${shelter.slug}/export/geojson`);
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toMatch(/^application\/json/);
    expect((none.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/has no column of places \(points or areas\), so it has no GeoJSON download/) as unknown });
  });

  it('refuses an unknown format with the error shape, naming the supported formats', async () => {
    const res = await get(`/api/v1/datasets/${chicago.slug}/export/shp`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json()).toEqual({
      error: {
        code: 'bad_request',
        message: '"shp" is not an export format. Use one of: csv, json, ndjson, geojson, parquet, xlsx.',
        details: { format: 'shp', formats: ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] },
      },
    });
  });

  it('answers a bad query with a 400 query error before sending anything', async () => {
    for (const format of ['csv', 'parquet', 'xlsx']) {
      const unknown = await get(`/api/v1/datasets/${chicago.slug}/export/${format}?where=${encodeURIComponent('wardd = 3')}`);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.headers['content-disposition']).toBeUndefined();
      const body = unknown.json() as { error: { code: string; details: { param: string } } };
      expect(body.error.code).toBe('unknown_column');
      expect(body.error.details.param).toBe('where');
    }
    const syntax = await get(`/api/v1/datasets/${chicago.slug}/export/csv?where=${encodeURIComponent('id = = 3')}`);
    expect(syntax.statusCode).toBe(400);
    expect((syntax.json() as { error: { code: string } }).error.code).toBe('query_syntax');
    const limit = await get(`/api/v1/datasets/${chicago.slug}/export/csv?limit=-1`);
    expect(limit.statusCode).toBe(400);
  });

  it('answers 404 for an unknown dataset or version', async () => {
    expect((await get('/api/v1/datasets/no-such-dataset/export/csv')).statusCode).toBe(404);
    expect((await get(`/api/v1/datasets/${chicago.slug}/export/csv?version=9`)).statusCode).toBe(404);
  });
});

describe('XLSX', () => {
  it('writes one sheet with a bold header, numbers as numbers, dates and timestamps as dates, geometry as text', async () => {
    const { body } = await exportFile(h, chicago.slug, 'xlsx', { where: 'id = 9800785 OR id = 9807619', order_by: 'id', derived: 'true' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(1);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('chicago-crimes');
    expect(sheet.rowCount).toBe(3);
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe('id');
    expect(header.getCell(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(9800785);
    expect(row.getCell(2).value).toEqual(new Date('2014-09-30T00:00:00Z'));
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(7).value).toBe(false);
    expect(row.getCell(10).value).toBe(42.01398734);
    expect(row.getCell(12).value).toBe('{"type":"Point","coordinates":[-87.817730228,42.01398734]}');

    const census = new ExcelJS.Workbook();
    await census.xlsx.load((await exportFile(h, shelter.slug, 'xlsx', { limit: '1' })).body as unknown as ArrayBuffer);
    const cell = census.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.value).toEqual(new Date('2015-01-01T00:00:00Z'));
    expect(cell?.numFmt).toBe('yyyy-mm-dd');
  });

  it("refuses, before starting, an export with more rows than a sheet holds; limit or where bring it under", async () => {
    expect(XLSX_MAX_DATA_ROWS).toBe(1_048_576 - 1);
    const small = { maxSpreadsheetRows: 10_000 };
    const refused = exportRecords(h.plaza.deps, h.actor, chicago.slug, 'xlsx', {}, undefined, small);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'bad_request', details: { rows: 22_334, max_rows: 10_000 } });
    await expect(exportRecords(h.plaza.deps, h.actor, chicago.slug, 'xlsx', { limit: '10000' }, undefined, small)).resolves.toMatchObject({ filename: 'chicago-crimes.xlsx' });
    await expect(exportRecords(h.plaza.deps, h.actor, chicago.slug, 'xlsx', { offset: '12334' }, undefined, small)).resolves.toMatchObject({ format: 'xlsx' });
    await expect(exportRecords(h.plaza.deps, h.actor, chicago.slug, 'xlsx', { where: "primary_type = 'THEFT'" }, undefined, small)).resolves.toMatchObject({ format: 'xlsx' });
    // Other formats have no such limit.
    await expect(exportRecords(h.plaza.deps, h.actor, chicago.slug, 'csv', {}, undefined, small)).resolves.toMatchObject({ format: 'csv' });
  });
});

describe('HEAD', () => {
  it('answers the headers of an export without running it, and its errors like GET', async () => {
    const ok = await h.app.inject({ method: 'HEAD', url: `/api/v1/datasets/${chicago.slug}/export/parquet?version=1` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toBe('attachment; filename="chicago-crimes-v1.parquet"');
    expect(ok.rawPayload.length).toBe(0);
    const bad = await h.app.inject({ method: 'HEAD', url: `/api/v1/datasets/${shelter.slug}/export/geojson` });
    expect(bad.statusCode).toBe(404);
  });
});

describe('failures while exporting', () => {
  /** The app over an engine whose streamed queries fail after `chunks` chunks. */
  async function appFailingAfter(chunks: number) {
    const real = h.plaza.deps.engine;
    const engine: TableEngine = {
      openIngest: (b) => real.openIngest(b),
      relation: (p) => real.relation(p),
      query: (sql, params, opts) => real.query(sql, params, opts),
      copyToParquet: () => Promise.reject(new AppError('query_timeout', 'The query took too long.')),
      memory: () => real.memory(),
      close: () => real.close(),
      stream: async (sql, params, sink, opts) => {
        let n = 0;
        return real.stream(sql, params, async (rows) => {
          if (n++ >= chunks) throw new AppError('query_timeout', 'The query took too long.');
          await sink(rows);
        }, opts);
      },
    };
    return buildApp({ deps: { ...h.plaza.deps, engine }, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
  }

  it('answers a failure before the first byte with the error shape, not a file', async () => {
    const app = await appFailingAfter(0);
    for (const format of ['csv', 'xlsx', 'parquet']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/datasets/${chicago.slug}/export/${format}` });
      expect(res.statusCode).toBe(504);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.json()).toEqual({ error: { code: 'query_timeout', message: 'The query took too long.', details: {} } });
    }
    await app.close();
  });

  it('cuts the transfer short on a failure after the first byte', async () => {
    const app = await appFailingAfter(2);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/datasets/${chicago.slug}/export/csv`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    await app.close();
  });
});
