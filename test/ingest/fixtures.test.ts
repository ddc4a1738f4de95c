/**
 * Every real fixture file, ingested through a real Plaza: row counts from
 * SOURCES.md, column counts, the type decided for each tricky column, accents,
 * derived points, warnings and profiles. Expected numbers are taken from
 * SOURCES.md or recomputed here from the raw bytes with an independent CSV
 * reader (test/ingest/support.ts), never from the code under test.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import type { Version } from '../../src/domain/catalog/types.ts';
import type { ColumnType } from '../../src/domain/table/types.ts';
import { FIXTURES, fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { readTable, valueCounts } from './support.ts';

interface FileCase {
  file: string;
  /** Records (or features) per SOURCES.md. */
  rows: number;
  /** Columns of the source (header fields or GeoJSON properties + geometry [+ latitude, longitude]). */
  sourceColumns: number;
  /** Columns Plaza derives (point columns); their names. */
  derived: string[];
  /** Machine name -> expected logical type (and optionally the physical type). */
  types: Record<string, ColumnType | [ColumnType, string]>;
  source: { format: string; encoding: string; delimiter?: string };
  /** Labels that must be kept exactly (machine name -> label). */
  labels?: Record<string, string>;
  /** For the independent recount of CSV records. */
  read?: { encoding?: string; delimiter?: string };
}

const CASES: FileCase[] = [
  {
    file: 'tabular/stlouis_csb_service_requests_2012.csv',
    rows: 3915,
    sourceColumns: 22,
    derived: [],
    types: {
      ward: 'text', // leading zero "06"
      neighborhood: 'text', // "01".."88": leading zeros too
      datetimeinit: ['timestamp', 'TIMESTAMP'],
      datecancelled: 'timestamp',
      dateinvtdone: 'timestamp',
      prjcompletedate: 'timestamp',
      probzip: 'integer',
      requestid: 'integer',
      srx: 'decimal', // state-plane metres "894488.00000000"
      sry: 'decimal',
      submitto: 'text',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    labels: { datetimeinit: 'DATETIMEINIT', group: 'GROUP' },
  },
  {
    file: 'tabular/chicago_crimes_2014-09.csv',
    rows: 22334,
    sourceColumns: 11,
    derived: ['location'],
    types: {
      id: 'integer',
      date: ['timestamp', 'TIMESTAMP'],
      block: 'text',
      description: 'text',
      arrest: 'boolean',
      domestic: 'boolean',
      district: 'integer',
      latitude: 'decimal',
      longitude: 'decimal',
      location: 'geometry',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    labels: { primary_type: 'Primary Type', location_description: 'Location Description' },
  },
  {
    file: 'tabular/austin_food_establishment_inspection_scores.csv',
    rows: 25549,
    sourceColumns: 7,
    derived: ['address_location'],
    types: {
      restaurant_name: 'text',
      zip_code: 'integer',
      inspection_date: ['date', 'DATE'],
      score: 'integer',
      address: 'text',
      address_location: 'geometry',
      facility_id: 'integer',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    labels: { address_location: 'Address (location)' },
  },
  {
    file: 'tabular/burlington_on_building_permits.csv',
    rows: 5026,
    sourceColumns: 15,
    derived: [],
    types: {
      x: 'decimal',
      y: 'decimal',
      objectid: 'integer',
      address: 'text',
      fileno: 'text',
      indate: ['timestamp', 'TIMESTAMPTZ'],
      issuedate: ['timestamp', 'TIMESTAMPTZ'],
      resunits: 'integer',
      constructvalue: 'decimal',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    // The UTF-8 BOM must not end up in the first header.
    labels: { x: 'X', y: 'Y' },
  },
  {
    file: 'tabular/nyc_hra_efap_food_pantries_2024-11.csv',
    rows: 561,
    sourceColumns: 8,
    derived: [],
    types: { id: 'integer', type: 'text', program: 'text', phone: 'text', distboro: 'text', distzip: 'integer', days: 'text' },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
  },
  {
    file: 'tabular/nyc_dhs_daily_shelter_census.csv',
    rows: 1040,
    sourceColumns: 13,
    derived: [],
    types: {
      date_of_census: ['date', 'DATE'],
      total_adult_in_shelter: 'integer',
      total_individuals_in_families_with_children_in_shelter: 'integer',
      individuals_in_adult_families_in_shelter: 'integer',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    // The header's trailing space is not part of the machine name; the label is trimmed.
    labels: { total_individuals_in_families_with_children_in_shelter: 'Total Individuals in Families with Children in Shelter' },
  },
  {
    file: 'tabular/nyc_dohmh_covid_totals_by_modzcta.csv',
    rows: 177,
    sourceColumns: 14,
    derived: ['location'],
    types: {
      modified_zcta: 'integer',
      label: 'text', // "10001, 10118"
      lat: 'decimal',
      lon: 'decimal',
      covid_case_rate: 'decimal',
      covid_death_count: 'integer',
      location: 'geometry',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
  },
  {
    file: 'tabular/openaq_toronto_measurements_2025-09.csv',
    rows: 53413,
    sourceColumns: 15,
    derived: ['location'],
    types: {
      location_id: 'integer',
      value: 'decimal',
      unit: 'text',
      datetimeutc: ['timestamp', 'TIMESTAMPTZ'],
      datetimelocal: ['timestamp', 'TIMESTAMPTZ'],
      latitude: 'decimal',
      longitude: 'decimal',
      country_iso: 'text', // always empty
      ismobile: 'text',
      ismonitor: 'text',
      location: 'geometry',
    },
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    labels: { datetimeutc: 'datetimeUtc', ismobile: 'isMobile' },
  },
  {
    file: 'tabular/montreal_bike_counts_2012.csv',
    rows: 310,
    sourceColumns: 10,
    derived: [],
    types: {
      date: ['date', 'DATE'],
      berri_1: 'integer',
      brebeuf_donnees_non_disponibles: 'text', // whole column empty
      cote_sainte_catherine: 'integer',
      st_urbain_donnees_non_disponibles: 'text',
    },
    source: { format: 'csv', encoding: 'windows-1252', delimiter: ';' },
    labels: {
      brebeuf_donnees_non_disponibles: 'Brébeuf (données non disponibles)',
      cote_sainte_catherine: 'Côte-Sainte-Catherine',
      st_urbain_donnees_non_disponibles: 'St-Urbain (données non disponibles)',
    },
    read: { encoding: 'latin1', delimiter: ';' },
  },
  {
    file: 'tabular/boston_employee_earnings_2016.csv',
    rows: 22046,
    sourceColumns: 12,
    derived: [],
    types: {
      name: 'text',
      regular: ['decimal', 'DOUBLE'],
      retro: 'decimal',
      other: 'decimal',
      overtime: 'decimal',
      injured: 'decimal',
      detail: 'decimal',
      quinn_education_incentive: 'decimal',
      total_earnings: 'decimal',
      postal: 'text',
    },
    source: { format: 'csv', encoding: 'windows-1252', delimiter: ',' },
    labels: { quinn_education_incentive: 'QUINN/EDUCATION INCENTIVE', total_earnings: 'TOTAL EARNINGS' },
    read: { encoding: 'windows-1252' },
  },
  {
    file: 'geo/nyc_modzcta_2010.geojson',
    rows: 178,
    sourceColumns: 3,
    derived: [],
    types: { modzcta: 'integer', label: 'text', geometry: 'geometry' },
    source: { format: 'geojson', encoding: 'utf-8' },
  },
  {
    file: 'geo/nyc_uhf42.geojson',
    rows: 43,
    sourceColumns: 4,
    derived: [],
    types: { geocode: 'integer', geoname: 'text', borough: 'text', geometry: 'geometry' },
    source: { format: 'geojson', encoding: 'utf-8' },
  },
  {
    file: 'geo/nyc_efap_food_sites.geojson',
    rows: 489,
    sourceColumns: 24, // 23 properties + geometry
    derived: ['latitude', 'longitude'], // from the point geometries
    types: { zip_code: 'integer', program: 'text', mobile: 'boolean', bbl: 'integer', coords: 'text', geometry: 'geometry', latitude: 'decimal', longitude: 'decimal' },
    source: { format: 'geojson', encoding: 'utf-8' },
    labels: { zip_code: 'ZIP CODE', snap_activity: 'SNAP ACTIVITY' },
  },
];

let t: TestPlaza;
const loaded = new Map<string, { slug: string; live: Version }>();
const slugOf = (file: string): string => loaded.get(file)?.slug as string;
const liveOf = (file: string): Version => loaded.get(file)?.live as Version;
const q = (file: string, req: Parameters<typeof queryRecords>[3]) => queryRecords(t.deps, t.admin, slugOf(file), req);

beforeAll(async () => {
  t = await startTestPlaza();
  for (const c of CASES) {
    const { slug, job } = await t.load(fixture(c.file));
    if (job.status !== 'succeeded') throw new Error(`${c.file} did not load: ${JSON.stringify(job.errors)}`);
    const { live } = await getDataset(t.deps, t.admin, slug);
    if (!live) throw new Error(`${c.file} has no live version`);
    loaded.set(c.file, { slug, live });
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('every fixture file is covered', () => {
  it('the table lists every file in tabular/ and geo/', () => {
    const onDisk = ['tabular', 'geo'].flatMap((d) => readdirSync(`${FIXTURES}/${d}`).map((f) => `${d}/${f}`)).sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(onDisk);
  });
});

describe.each(CASES)('$file', (c) => {
  it('loads every row, with no rejects', () => {
    const live = liveOf(c.file);
    expect(live.status).toBe('ready');
    expect(live.rowCount).toBe(c.rows);
    expect(live.rejectedCount).toBe(0);
    expect(live.rejectsKey).toBeNull();
  });

  if (c.file.endsWith('.csv')) {
    it('agrees with an independent count of the CSV records and header', () => {
      const { header, rows } = readTable(c.file, c.read);
      expect(rows.length).toBe(c.rows);
      expect(header.length).toBe(c.sourceColumns);
      const labels = liveOf(c.file).columns.filter((col) => !col.derivedFrom).map((col) => col.label);
      expect(labels).toEqual(header.map((h) => h.replace(/\s+/g, ' ').trim()));
    });
  }

  it('has the expected columns', () => {
    const cols = liveOf(c.file).columns;
    expect(cols.filter((col) => !col.derivedFrom)).toHaveLength(c.sourceColumns);
    expect(cols.filter((col) => col.derivedFrom).map((col) => col.name)).toEqual(c.derived);
    expect(cols).toHaveLength(c.sourceColumns + c.derived.length);
    for (const col of cols) expect(col.name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(new Set(cols.map((col) => col.name)).size).toBe(cols.length);
  });

  it('types the tricky columns', () => {
    const byName = new Map(liveOf(c.file).columns.map((col) => [col.name, col]));
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [name, t_] of Object.entries(c.types)) {
      const [type, physical] = Array.isArray(t_) ? t_ : [t_, undefined];
      const col = byName.get(name);
      got[name] = physical ? [col?.type, col?.physical] : col?.type;
      want[name] = physical ? [type, physical] : type;
    }
    expect(got).toEqual(want);
  });

  it('keeps the labels and records the source', () => {
    const live = liveOf(c.file);
    const byName = new Map(live.columns.map((col) => [col.name, col.label]));
    for (const [name, label] of Object.entries(c.labels ?? {})) expect(byName.get(name)).toBe(label);
    for (const label of byName.values()) expect(label).not.toMatch(/^\uFEFF|\uFFFD/);
    expect(live.source).toMatchObject(c.source);
  });

  it('profiles every column over all rows', () => {
    const live = liveOf(c.file);
    for (const col of live.columns) {
      const p = live.profile[col.name];
      expect(p, col.name).toBeDefined();
      if (!p) continue;
      expect(p.count).toBe(c.rows);
      expect(p.nulls).toBeGreaterThanOrEqual(0);
      expect(p.distinct).toBeLessThanOrEqual(c.rows - p.nulls);
      if (p.histogram) expect(p.histogram.reduce((s, b) => s + b.count, 0), `${col.name} histogram`).toBe(c.rows - p.nulls);
      if (['integer', 'decimal', 'date', 'timestamp'].includes(col.type) && p.nulls < c.rows) expect(p.histogram, `${col.name} histogram`).toBeDefined();
      if (col.type !== 'geometry' && p.nulls < c.rows) expect(p.top.length).toBeGreaterThan(0);
    }
  });
});

describe('St. Louis CSB', () => {
  const F = 'tabular/stlouis_csb_service_requests_2012.csv';
  it('keeps the leading zero of ward and reads the .0 timestamps', async () => {
    const r = await q(F, { where: 'requestid = 344709', limit: 1 });
    expect(r.results[0]).toMatchObject({ ward: '06', datetimeinit: '2012-01-01T15:41:22', dateinvtdone: '2012-01-11T10:04:24', submitto: 'OP BRIGHTSIDE,', probzip: 63104 });
  });
  it('counts the empty PROBZIP cells as nulls (3,049)', () => {
    expect(liveOf(F).profile.probzip?.nulls).toBe(3049);
  });
  it('profiles ward as text of length 2', () => {
    const p = liveOf(F).profile.ward;
    expect(p).toMatchObject({ min: '01', max: '28', minLength: 2, maxLength: 2 });
  });
});

describe('Chicago crimes', () => {
  const F = 'tabular/chicago_crimes_2014-09.csv';
  it('reads 12-hour timestamps beside year/day/month timestamps and dates in one column, as the file means them', async () => {
    const r = await q(F, { select: 'id, date', where: 'id in (9800785, 9799720, 9776450, 9765495)', order_by: 'id' });
    expect(r.results).toEqual([
      { id: 9765495, date: '2014-09-01T00:00:00' }, // "2014/01/09" (date only: midnight), year/day/month
      { id: 9776450, date: '2014-09-12T23:56:00' }, // "2014/12/09 23:56:00": 12 September, like every other row
      { id: 9799720, date: '2014-09-29T23:55:00' }, // "09/29/2014 11:55:00 PM"
      { id: 9800785, date: '2014-09-30T00:00:00' }, // "09/30/2014 12:00:00 AM"
    ]);
    expect(liveOf(F).profile.date?.nulls).toBe(0);
    const col = liveOf(F).columns.find((c) => c.name === 'date');
    expect(col?.format?.id).toContain('timestamp-ydm-slash');
    // The whole column decided it: the other reading is offered, not ambiguous.
    expect(col?.ambiguous).toBeUndefined();
    expect(col?.readings?.map((x) => x.id)).toEqual([col?.format?.id, expect.stringContaining('timestamp-ymd-slash')]);
  });
  it('puts every crime in September 2014, day by day as an independent reading of the file does', async () => {
    const { header, rows } = readTable(F);
    const at = header.indexOf('Date');
    const expected = new Map<string, number>();
    for (const row of rows) {
      const v = row[at] as string;
      // MM/DD/YYYY hh:mm:ss AM, or YYYY/DD/MM with or without a time.
      const m = /^(\d{2})\/(\d{2})\/(\d{4}) /.exec(v) ?? /^(\d{4})\/(\d{2})\/(\d{2})/.exec(v);
      if (!m) throw new Error(`unexpected date ${v}`);
      const day = v.startsWith('2014/') ? `${m[1]}-${m[3]}-${m[2]}` : `${m[3]}-${m[1]}-${m[2]}`;
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    const months = await q(F, { select: 'month(date) AS m, count(*) AS n', group_by: 'm' });
    expect(months.results).toEqual([{ m: 9, n: 22334 }]);
    const days = await q(F, { select: 'day(date) AS d, count(*) AS n', group_by: 'd', order_by: 'd', limit: 100 });
    expect(days.results).toEqual([...expected.entries()].sort().map(([day, n]) => ({ d: Number(day.slice(8)), n })));
  });
  it('profiles arrest with the counts of TRUE and FALSE in the file', () => {
    const { header, rows } = readTable(F);
    const counts = valueCounts(rows, header.indexOf('Arrest'));
    expect([...counts.keys()].sort()).toEqual(['FALSE', 'TRUE']);
    expect(liveOf(F).profile.arrest).toMatchObject({
      nulls: 0,
      distinct: 2,
      min: false,
      max: true,
      top: [
        { value: false, count: counts.get('FALSE') },
        { value: true, count: counts.get('TRUE') },
      ],
    });
  });
  it('profiles district: 775 nulls, min, max, top and a 20-bucket histogram', () => {
    const { header, rows } = readTable(F);
    const values = rows.map((r) => r[header.indexOf('District')] ?? '').filter((v) => v !== '').map(Number);
    expect(rows.length - values.length).toBe(775);
    const p = liveOf(F).profile.district;
    expect(p?.nulls).toBe(775);
    expect(p?.distinct).toBe(new Set(values).size);
    expect(p?.min).toBe(Math.min(...values));
    expect(p?.max).toBe(Math.max(...values));
    const counts = valueCounts(rows.filter((r) => r[header.indexOf('District')] !== ''), header.indexOf('District'));
    const top = [...counts.entries()].map(([v, n]) => ({ value: Number(v), count: n })).sort((a, b) => b.count - a.count || a.value - b.value).slice(0, 10);
    expect(p?.top).toEqual(top);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const width = (hi - lo) / 20;
    const bins = new Array<number>(20).fill(0);
    for (const v of values) bins[Math.min(Math.floor((v - lo) / width), 19)]! += 1;
    expect(p?.histogram?.map((b) => b.count)).toEqual(bins);
    expect(p?.histogram?.[0]?.from).toBe(lo);
    expect(p?.histogram?.[19]?.to).toBe(hi);
  });
  it('derives a point from latitude/longitude, null where they are empty', async () => {
    const col = liveOf(F).columns.find((c) => c.name === 'location');
    expect(col).toMatchObject({ type: 'geometry', derivedFrom: 'latitude,longitude', point: { lat: expect.any(String), lon: expect.any(String) } });
    expect(liveOf(F).profile.location?.nulls).toBe(775);
    const r = await q(F, { select: 'location', where: 'id = 9800785' });
    expect(JSON.parse(String(r.results[0]?.location))).toEqual({ type: 'Point', coordinates: [-87.817730228, 42.01398734] });
  });
  it('keeps "$" in text', async () => {
    const r = await q(F, { select: 'count(*) as n', where: "description = 'OVER $500'" });
    const { header, rows } = readTable(F);
    expect(r.results[0]?.n).toBe(rows.filter((x) => x[header.indexOf('Description')] === 'OVER $500').length);
  });
});

describe('Austin food inspections', () => {
  const F = 'tabular/austin_food_establishment_inspection_scores.csv';
  it('keeps the newlines of the address and derives the point of its last line', async () => {
    const r = await q(F, { where: "restaurant_name = 'Barley Swine' and inspection_date = '2021-10-20'" });
    expect(r.total).toBe(1);
    const row = r.results[0] as Record<string, unknown>;
    expect(row.address).toBe('6555 BURNET RD\nAUSTIN, TX 78757\n(30.34132, -97.73801)');
    expect(JSON.parse(String(row.address_location))).toEqual({ type: 'Point', coordinates: [-97.73801, 30.34132] });
    const col = liveOf(F).columns.find((c) => c.name === 'address_location');
    expect(col).toMatchObject({ type: 'geometry', derivedFrom: 'address', point: { lat: 'address_location__lat', lon: 'address_location__lon' } });
  });
  it('has a null point for the 2,075 addresses without coordinates', () => {
    const { header, rows } = readTable(F);
    const withPoint = rows.filter((r) => /\(\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*\)\s*$/.test(r[header.indexOf('Address')] ?? '')).length;
    expect(withPoint).toBe(23474);
    expect(liveOf(F).profile.address_location?.nulls).toBe(25549 - 23474);
  });
  it('keeps UTF-8 accents (Cafe Nenaí) and names with quotes and commas', async () => {
    const r = await q(F, { select: 'restaurant_name', where: "restaurant_name = 'Cafe Nenaí'" });
    expect(r.total).toBe(3);
    const donut = await q(F, { select: 'count(*) as n', where: "restaurant_name = 'Donut Hole, The'" });
    expect(Number(donut.results[0]?.n)).toBeGreaterThan(0);
  });
  it('reads MM/DD/YYYY dates and counts 6 empty ZIPs', async () => {
    expect(liveOf(F).profile.zip_code?.nulls).toBe(6);
    expect(liveOf(F).profile.inspection_date).toMatchObject({ nulls: 0, min: '2020-03-16', max: '2023-02-17' });
  });
});

describe('Burlington building permits', () => {
  const F = 'tabular/burlington_on_building_permits.csv';
  it('reads "2024/10/03 00:00:00+00" as an instant and keeps trailing spaces of text', async () => {
    const r = await q(F, { where: 'objectid = 1' });
    expect(r.results[0]).toMatchObject({ x: 593253.687520002, indate: '2024-10-03T00:00:00Z', issuedate: '2024-11-04T00:00:00Z', address: '1268 ABBEY CRT.   ', fileno: '24-019651' });
  });
  it('names the first column "x", without the BOM', () => {
    expect(liveOf(F).columns[0]).toMatchObject({ name: 'x', label: 'X' });
  });
});

describe('NYC EFAP pantries', () => {
  const F = 'tabular/nyc_hra_efap_food_pantries_2024-11.csv';
  it('keeps commas inside quoted opening hours and phone formats as text', async () => {
    const r = await q(F, { select: 'phone, days', where: 'id = 85670' });
    expect(r.results[0]).toEqual({ phone: '212-256-903', days: 'SAT(1,3) 2-4PM' });
  });
});

describe('NYC DHS shelter census', () => {
  const F = 'tabular/nyc_dhs_daily_shelter_census.csv';
  it('reads M/D/YYYY dates; duplicates count once in distinct', async () => {
    const { rows } = readTable(F);
    const distinct = new Set(rows.map((r) => r[0])).size;
    expect(rows.length - distinct).toBe(15);
    expect(liveOf(F).profile.date_of_census).toMatchObject({ nulls: 0, distinct, min: '2015-01-01', max: '2017-11-27' });
    const r = await q(F, { select: 'date_of_census, total_adult_in_shelter', where: "date_of_census = '2015-01-02'" });
    expect(r.results).toContainEqual({ date_of_census: '2015-01-02', total_adult_in_shelter: 33162 });
  });
});

describe('NYC COVID by MODZCTA', () => {
  const F = 'tabular/nyc_dohmh_covid_totals_by_modzcta.csv';
  it('derives the point "location" from lat/lon', async () => {
    const col = liveOf(F).columns.find((c) => c.name === 'location');
    expect(col).toMatchObject({ type: 'geometry', derivedFrom: 'lat,lon', point: { lat: expect.any(String), lon: expect.any(String) } });
    const r = await q(F, { where: 'modified_zcta = 10001' });
    expect(r.results[0]).toMatchObject({ label: '10001, 10118', lat: 40.750693, lon: -73.997137, covid_case_rate: 44873.65 });
    expect(JSON.parse(String(r.results[0]?.location))).toEqual({ type: 'Point', coordinates: [-73.997137, 40.750693] });
  });
});

describe('OpenAQ Toronto', () => {
  const F = 'tabular/openaq_toronto_measurements_2025-09.csv';
  it('reads timestamps with offsets as instants', async () => {
    const r = await q(F, { select: 'datetimeutc, datetimelocal', where: "location_id = 7570 and parameter = 'no'", order_by: 'datetimeutc', limit: 1 });
    expect(r.results[0]).toEqual({ datetimeutc: '2025-09-01T01:00:00Z', datetimelocal: '2025-09-01T01:00:00Z' }); // "2025-08-31T21:00:00-04:00"
  });
  it('keeps the UTF-8 units (µg/m³)', async () => {
    const { header, rows } = readTable(F);
    const want = rows.filter((r) => r[header.indexOf('unit')] === 'µg/m³').length;
    expect(want).toBeGreaterThan(0);
    const r = await q(F, { select: 'count(*) as n', where: "unit = 'µg/m³'" });
    expect(Number(r.results[0]?.n)).toBe(want);
    expect(liveOf(F).profile.unit?.top.map((x) => x.value)).toContain('µg/m³');
  });
  it('profiles the always-empty columns as all nulls', () => {
    for (const c of ['country_iso', 'ismobile', 'ismonitor']) expect(liveOf(F).profile[c]).toMatchObject({ nulls: 53413, distinct: 0, top: [] });
  });
});

describe('Montréal bike counts (Latin-1, ";", ragged)', () => {
  const F = 'tabular/montreal_bike_counts_2012.csv';
  it('reports the 295 short rows in a warning and still loads 310 rows', () => {
    const live = liveOf(F);
    expect(live.rowCount).toBe(310);
    expect(live.warnings).toHaveLength(1);
    expect(live.warnings[0]?.message).toMatch(/^295 rows have fewer fields than the header's 10/);
    expect(live.warnings[0]?.line).toBe(17);
  });
  it('decides DD/MM/YYYY: 16/01/2012 is 2012-01-16', async () => {
    const r = await q(F, { where: "date = '2012-01-16'" });
    expect(r.results).toEqual([
      { date: '2012-01-16', berri_1: 168, brebeuf_donnees_non_disponibles: null, cote_sainte_catherine: 2, maisonneuve_1: 136, maisonneuve_2: 312, du_parc: 137, pierre_dupuy: 1, rachel1: 0, st_urbain_donnees_non_disponibles: null },
    ]);
    expect(liveOf(F).profile.date).toMatchObject({ min: '2012-01-01', max: '2012-11-05', distinct: 310, nulls: 0 });
  });
  it('profiles the empty counters as all nulls', () => {
    expect(liveOf(F).profile.brebeuf_donnees_non_disponibles).toMatchObject({ nulls: 310, distinct: 0 });
  });
});

describe('Boston earnings (Windows-1252)', () => {
  const F = 'tabular/boston_employee_earnings_2016.csv';
  it('reads "$46,291.98" as 46291.98 and keeps the ZIP "02118"', async () => {
    const r = await q(F, { where: "name = 'Abadi,Kidani A'" });
    expect(r.results).toEqual([
      { name: 'Abadi,Kidani A', department_name: 'Assessing Department', title: 'Property Officer', regular: 46291.98, retro: null, other: 300, overtime: null, injured: null, detail: null, quinn_education_incentive: null, total_earnings: 46591.98, postal: '02118' },
    ]);
  });
  it('finds Andrés and León with a where query', async () => {
    const a = await q(F, { select: 'name, postal', where: "contains(name, 'Andrés')" });
    expect(a.results).toEqual([{ name: 'Ballesteros,Jorge Andrés', postal: '02138' }]);
    const l = await q(F, { select: 'name, regular', where: "name = 'León,Carol Q.'" });
    expect(l.results).toEqual([{ name: 'León,Carol Q.', regular: 28280 }]);
  });
  it('keeps every leading zero of POSTAL (21,913 rows)', async () => {
    const { header, rows } = readTable(F, { encoding: 'windows-1252' });
    const zeros = rows.filter((r) => (r[header.indexOf('POSTAL')] ?? '').startsWith('0')).length;
    expect(zeros).toBe(21913);
    const r = await q(F, { select: 'count(*) as n', where: "postal like '0%'" });
    expect(Number(r.results[0]?.n)).toBe(zeros);
  });
  it('profiles money: negatives, nulls for empty cells', () => {
    const { header, rows } = readTable(F, { encoding: 'windows-1252' });
    const i = header.indexOf('RETRO');
    expect(liveOf(F).profile.retro?.nulls).toBe(rows.filter((r) => r[i] === '').length);
    expect(liveOf(F).profile.regular?.min).toBe(-7702.22);
  });
});

describe('GeoJSON', () => {
  it('MODZCTA: polygons and multipolygons as geometry, with the 99999 placeholder', async () => {
    const F = 'geo/nyc_modzcta_2010.geojson';
    const col = liveOf(F).columns.find((c) => c.name === 'geometry');
    expect(col?.point).toBeUndefined();
    const r = await q(F, { select: 'modzcta, geometry', limit: 200 });
    expect(r.results).toHaveLength(178);
    const kinds = new Set(r.results.map((x) => (JSON.parse(String(x.geometry)) as { type: string }).type));
    expect([...kinds].sort()).toEqual(['MultiPolygon', 'Polygon']);
    expect(r.results.map((x) => x.modzcta)).toContain(99999);
  });
  it('UHF42: 43 features including GEOCODE 0 with an empty name', async () => {
    const F = 'geo/nyc_uhf42.geojson';
    const r = await q(F, { select: 'geocode, geoname', where: 'geocode = 0' });
    expect(r.results).toEqual([{ geocode: 0, geoname: null }]);
  });
  it('EFAP sites: points get latitude/longitude; "ZIP CODE" becomes zip_code', async () => {
    const F = 'geo/nyc_efap_food_sites.geojson';
    const col = liveOf(F).columns.find((c) => c.name === 'geometry');
    expect(col).toMatchObject({ type: 'geometry', point: { lat: expect.any(String), lon: expect.any(String) } });
    const derived = liveOf(F).columns.filter((c) => c.derivedFrom).map((c) => [c.name, c.type, c.derivedFrom]);
    expect(derived).toEqual([['latitude', 'decimal', 'geometry'], ['longitude', 'decimal', 'geometry']]);
    const r = await q(F, { select: 'program, zip_code, latitude, longitude, geometry', where: "program = 'ABRAHAM HOUSE, INC'" });
    expect(r.results[0]).toMatchObject({ program: 'ABRAHAM HOUSE, INC', zip_code: 10454, latitude: 40.811169, longitude: -73.920989 });
    expect(JSON.parse(String(r.results[0]?.geometry))).toEqual({ type: 'Point', coordinates: [-73.920989, 40.811169] });
  });
});
