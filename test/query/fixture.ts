import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../../src/domain/table/types.ts';
import { compileRecordsQuery, nextCursor, presentRow, type CompiledQuery, type RecordsRequest } from '../../src/domain/query/index.ts';

/** Columns of the fixture: a slice of Chicago's "Crimes - 2001 to Present". */
export const COLUMNS: ColumnInfo[] = [
  { name: 'id', label: 'ID', type: 'integer', physical: 'BIGINT' },
  { name: 'case_number', label: 'Case Number', type: 'text', physical: 'VARCHAR' },
  { name: 'primary_type', label: 'Primary Type', type: 'text', physical: 'VARCHAR' },
  { name: 'description', label: 'Description', type: 'text', physical: 'VARCHAR' },
  { name: 'arrest', label: 'Arrest', type: 'boolean', physical: 'BOOLEAN' },
  { name: 'district', label: 'District', type: 'integer', physical: 'BIGINT' },
  { name: 'ward', label: 'Ward', type: 'text', physical: 'VARCHAR' },
  { name: 'date', label: 'Date', type: 'timestamp', physical: 'TIMESTAMP' },
  { name: 'occurred_on', label: 'Occurred On', type: 'date', physical: 'DATE' },
  { name: 'updated_on', label: 'Updated On', type: 'timestamp', physical: 'TIMESTAMPTZ' },
  { name: 'loss', label: 'Loss Amount', type: 'decimal', physical: 'DOUBLE' },
  { name: 'location', label: 'Location', type: 'geometry', physical: 'VARCHAR', point: { lat: '__location_lat', lon: '__location_lon' } },
  { name: 'beat_area', label: 'Beat Area', type: 'geometry', physical: 'VARCHAR' },
];

type Row = [number, string, string, string, boolean | null, number | null, string | null, string | null, number | null, [number, number] | null];
// id, case, type, description, arrest, district, ward, date, loss, [lat, lon]
export const ROWS: Row[] = [
  [11001, 'JA100001', 'THEFT', 'OVER $500', false, 1, '42', '2024-01-05 08:30:00', 650, [41.8789, -87.6359]], // Willis Tower
  [11002, 'JA100002', 'BATTERY', 'SIMPLE', true, 1, '42', '2024-01-05 22:15:00', null, [41.8826, -87.6226]], // Millennium Park
  [11003, 'JA100003', 'THEFT', 'RETAIL THEFT', true, 18, '02', '2024-01-12 14:00:00', 120.5, [41.8917, -87.6086]], // Navy Pier
  [11004, 'JA100004', 'CRIMINAL DAMAGE', 'TO VEHICLE', false, 19, '44', '2024-02-03 01:45:00', 900, [41.9484, -87.6553]], // Wrigley Field
  [11005, 'JA100005', 'NARCOTICS', 'POSS: CANNABIS 30GMS OR LESS', true, 11, '27', '2024-02-14 17:20:00', null, [41.8863, -87.7173]], // Garfield Park
  [11006, 'JA100006', 'THEFT', 'FROM BUILDING', false, 2, '05', '2024-03-01 09:00:00', 75.25, [41.7886, -87.5987]], // Hyde Park
  [11007, 'JA100007', 'BURGLARY', 'FORCIBLE ENTRY', false, 16, '41', '2024-03-09 03:10:00', 2300, [41.9742, -87.9073]], // O'Hare
  [11008, 'JA100008', 'BATTERY', 'AGG: HANDS/FIST/FEET', true, 8, '23', '2024-03-09 23:59:00', null, [41.7868, -87.7522]], // Midway
  [11009, 'JA100009', 'DECEPTIVE PRACTICE', 'FINANCIAL IDENTITY THEFT $300 AND UNDER', false, null, null, '2024-04-20 12:00:00', 300, null],
  [11010, 'JA100010', 'THEFT', 'POCKET-PICKING', false, 1, '42', '2024-04-20 12:00:00', 40, [41.8787, -87.6403]], // Union Station
  [11011, 'JA100011', 'ASSAULT', 'SIMPLE', false, 18, '43', '2024-05-02 19:30:00', null, [41.9217, -87.6336]], // Lincoln Park Zoo
  [11012, 'JA100012', 'CRIMINAL DAMAGE', 'TO PROPERTY', true, 1, '04', '2024-05-30 16:45:00', 1500, [41.8623, -87.6167]], // Soldier Field
  [11013, 'JA100013', 'THEFT', "O'HARE LOST & FOUND; -- /* */", false, 16, '41', null, 999.99, [41.9742, -87.9073]], // O'Hare
  [11014, 'JA100014', 'OTHER OFFENSE', 'TELEPHONE THREAT', null, 1, '42', '2024-01-05 08:30:00', null, [41.8837, -87.632]], // City Hall
];

function lit(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return String(v);
}

/** VALUES rows for the fixture (test code, values are constants above). */
function valuesSql(): string {
  return ROWS.map((r, i) => {
    const [id, cn, pt, desc, arrest, district, ward, date, loss, pt_] = r;
    const geo = pt_ === null ? null : `{"type":"Point","coordinates":[${pt_[1]},${pt_[0]}]}`;
    const beat = `{"type":"Polygon","coordinates":[[[-87.64,41.87],[-87.62,41.87],[-87.62,41.89],[-87.64,41.87]]]}`;
    return `(${[i + 1, id, lit(cn), lit(pt), lit(desc), lit(arrest), lit(district), lit(ward),
      date === null ? 'NULL' : `TIMESTAMP '${date}'`, date === null ? 'NULL' : `DATE '${date.slice(0, 10)}'`,
      date === null ? 'NULL' : `TIMESTAMPTZ '${date}+00' + INTERVAL 1 DAY`, lit(loss), lit(geo), lit(i % 2 === 0 ? beat : null),
      pt_ === null ? 'NULL' : String(pt_[0]), pt_ === null ? 'NULL' : String(pt_[1])].join(', ')})`;
  }).join(',\n');
}

export interface Fixture {
  conn: DuckDBConnection;
  /** Trusted source relations: the table `crimes`, and the Parquet file. */
  table: string;
  parquet: string;
  close(): void;
}

export async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-query-'));
  const file = join(dir, 'crimes.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run("SET TimeZone = 'UTC'");
  await conn.run(`CREATE TABLE crimes AS SELECT
      CAST(c0 AS BIGINT) AS __rowid, CAST(c1 AS BIGINT) AS id, c2 AS case_number, c3 AS primary_type, c4 AS description,
      CAST(c5 AS BOOLEAN) AS arrest, CAST(c6 AS BIGINT) AS district, CAST(c7 AS VARCHAR) AS ward, CAST(c8 AS TIMESTAMP) AS date,
      CAST(c9 AS DATE) AS occurred_on, CAST(c10 AS TIMESTAMPTZ) AS updated_on, CAST(c11 AS DOUBLE) AS loss,
      CAST(c12 AS VARCHAR) AS location, CAST(c13 AS VARCHAR) AS beat_area,
      CAST(c14 AS DOUBLE) AS __location_lat, CAST(c15 AS DOUBLE) AS __location_lon
    FROM (VALUES ${valuesSql()}) AS v(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15)`);
  await conn.run(`COPY crimes TO '${file}' (FORMAT parquet)`);
  return {
    conn,
    table: 'crimes',
    parquet: `read_parquet('${file}')`,
    close() {
      conn.closeSync();
      inst.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DUCK_TYPES: Record<string, RegExp> = {
  integer: /^(BIGINT|INTEGER|HUGEINT)$/,
  decimal: /^DOUBLE$/,
  text: /^VARCHAR$/,
  geometry: /^VARCHAR$/,
  boolean: /^BOOLEAN$/,
  date: /^DATE$/,
  timestamp: /^TIMESTAMP( WITH TIME ZONE)?$/,
  time: /^TIME$/,
};

/** JSON-ish rows: integers as numbers, dates/timestamps as DuckDB text. */
export async function runPage(fx: Fixture, q: CompiledQuery): Promise<{ rows: Record<string, unknown>[]; raw: Record<string, unknown>[] }> {
  const r = await fx.conn.runAndReadAll(q.sql, q.params);
  const names = r.columnNames();
  const types = r.columnTypes().map(String);
  q.fields.forEach((f, i) => {
    if (names[i] !== f.name) throw new Error(`column ${i} is ${names[i]}, field says ${f.name}`);
    if (!(DUCK_TYPES[f.type] ?? /^$/).test(types[i] ?? '')) throw new Error(`field ${f.name} says ${f.type}, DuckDB says ${types[i]}`);
  });
  const raw = r.getRowObjectsJson() as Record<string, unknown>[];
  const rows = raw.map((row) => {
    const out = presentRow(q, row);
    for (const f of q.fields) if (f.type === 'integer' && typeof out[f.name] === 'string') out[f.name] = Number(out[f.name]);
    return out;
  });
  return { rows, raw };
}

export async function runCount(fx: Fixture, q: CompiledQuery): Promise<number> {
  const r = await fx.conn.runAndReadAll(q.countSql, q.countParams);
  return Number((r.getRowObjectsJson()[0] as Record<string, unknown>)['total_count']);
}

/** Runs a request over the given source. */
export async function query(fx: Fixture, req: RecordsRequest, source = fx.table): Promise<Record<string, unknown>[]> {
  return (await runPage(fx, compileRecordsQuery(req, COLUMNS, source))).rows;
}

/** Walks every page with cursors; returns all rows and the number of pages. */
export async function walk(fx: Fixture, req: RecordsRequest, source = fx.table): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 100; pages++) {
    const q = compileRecordsQuery({ ...req, cursor }, COLUMNS, source);
    const page = await runPage(fx, q);
    rows.push(...page.rows);
    const next = nextCursor(q, page.raw[page.raw.length - 1], page.raw.length);
    if (next === null) return { rows, pages };
    cursor = next;
  }
  throw new Error('too many pages');
}
