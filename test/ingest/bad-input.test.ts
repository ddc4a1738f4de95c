/**
 * Inputs that must fail with a clear message and leave no live version (or the
 * previous one), inputs that must load with some rows rejected, and the other
 * accepted formats and encodings: UTF-16/UTF-8 BOM, JSON, NDJSON, XLSX, and
 * per-column type overrides.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { addResource, retypeColumns } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { rejectsFile } from '../../src/actions/records/rejects-file.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { parseCsv, readTable, streamText } from './support.ts';

let t: TestPlaza;
let dir: string;
/** A dataset with a good v1: every failing file is also added to it as a new version. */
let keeper: string;
const KEEPER_CSV = 'id,name\n1,Montréal\n2,Québec\n';

beforeAll(async () => {
  t = await startTestPlaza();
  dir = await mkdtemp(join(tmpdir(), 'plaza-bad-input-'));
  const p = await file('keeper.csv', KEEPER_CSV);
  keeper = (await t.load(p, { slug: 'keeper' })).slug;
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(name: string, data: string | Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
}

/** Loads bytes as a new dataset; returns its slug, the finished job and the dataset detail. */
async function attempt(name: string, data: string | Buffer, options: Record<string, unknown> = {}) {
  const { slug, job } = await t.load(await file(name, data), { options });
  return { slug, job, detail: await getDataset(t.deps, t.admin, slug) };
}

/** Asserts a finished job failed with this message, its version is failed and nothing is left behind. */
async function expectFailed(slug: string, job: Job, message: RegExp) {
  expect(job.status).toBe('failed');
  expect(job.phase).toBe('failed');
  const first = job.errors[0];
  expect(first?.message).toMatch(message);
  expect(job.result).toMatchObject({ error: first?.message });
  const d = await getDataset(t.deps, t.admin, slug);
  const versionId = (job.payload as { versionId: string }).versionId;
  const v = d.versions.find((x) => x.id === versionId);
  expect(v?.status).toBe('failed');
  expect(v?.error).toBe(first?.message);
  expect(v?.dataKey).toBeNull();
  expect(await t.deps.blobs.has(`versions/${d.dataset.id}/${versionId}/data.parquet`)).toBe(false);
  expect(await t.deps.blobs.has(`versions/${d.dataset.id}/${versionId}/rejects.csv`)).toBe(false);
  return d;
}

const DHS_GZ = gzipSync(await readFile(fixture('tabular/nyc_dhs_daily_shelter_census.csv')));

interface Failing {
  name: string;
  filename: string;
  data: () => string | Buffer;
  options?: Record<string, unknown>;
  message: RegExp;
}

const FAILING: Failing[] = [
  { name: 'an empty file', filename: 'empty.csv', data: () => '', message: /^The file is empty: it has no bytes at all\.$/ },
  { name: 'only whitespace', filename: 'blank.csv', data: () => '   \n\n \t \r\n  ', message: /^The file is empty: it holds only blank space\.$/ },
  {
    name: 'a PNG image',
    filename: 'photo.csv',
    data: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0x41)]),
    message: /^This is a PNG image, not a data file Plaza can load\. Upload CSV, TSV, JSON, NDJSON, GeoJSON or XLSX\.$/,
  },
  {
    name: 'text with NUL bytes',
    filename: 'nul.csv',
    data: () => Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.alloc(64, 0), Buffer.from('3,4\n')]),
    message: /^This is a binary file, not text, not a data file Plaza can load\./,
  },
  { name: 'a PDF named .pdf', filename: 'report.pdf', data: () => '%PDF-1.4\n%âãÏÓ\n1 0 obj\n', message: /^This is a PDF document, not a data file Plaza can load\./ },
  {
    name: 'CSV content named .xlsx',
    filename: 'budget.xlsx',
    data: () => 'a,b\n1,2\n',
    message: /^The file is named "budget\.xlsx" but its content is delimited text \(CSV\), not an Excel workbook\. Check that you picked the right file, or rename it with the right extension\.$/,
  },
  {
    name: 'JSON content named .csv',
    filename: 'records.csv',
    data: () => '[{"a":1},{"a":2}]',
    message: /^The file is named "records\.csv" but its content is JSON, not delimited text \(CSV\)\./,
  },
  {
    name: 'a truncated gzip',
    filename: 'shelter.csv.gz',
    data: () => DHS_GZ.subarray(0, Math.floor(DHS_GZ.length / 2)),
    message: /^The gzip file could not be decompressed: it ends too early \(truncated\)\. Upload the complete file again\.$/,
  },
  { name: 'a file gzipped twice', filename: 'twice.csv.gz', data: () => gzipSync(DHS_GZ), message: /^The file is compressed twice with gzip; decompress it once and upload again\.$/ },
  { name: 'a gzip of nothing', filename: 'nothing.csv.gz', data: () => gzipSync(Buffer.alloc(0)), message: /^The file is empty: it has no bytes at all\.$/ },
  { name: 'a broken zip named .xlsx', filename: 'book.xlsx', data: () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), message: /^The Excel workbook could not be read: / },
  { name: 'JSON of scalars', filename: 'numbers.json', data: () => '[1, 2, 3]', message: /Plaza loads an array of objects or one object per line\.$/ },
  { name: 'malformed JSON', filename: 'broken.json', data: () => '[{"a":1},{"a":2', message: /^The JSON array is not closed/ },
  { name: 'malformed JSON inside a closed array', filename: 'broken2.json', data: () => '[{"a":1},{"a":]', message: /^The JSON could not be read: / },
  { name: 'a GeoJSON without features', filename: 'nothing.geojson', data: () => '{"type":"FeatureCollection","feature":[]}', message: /^The GeoJSON file has no "features" array; Plaza loads a FeatureCollection\.$/ },
  {
    name: 'an override naming no column',
    filename: 'override.csv',
    data: () => 'code,name\n1,a\n',
    options: { types: { nope: 'integer' } },
    message: /^There is no column "nope" to change the type of\.$/,
  },
];

describe.each(FAILING)('$name', (c) => {
  it('fails with a clear message and creates no live version', async () => {
    const { slug, job } = await attempt(c.filename, c.data(), c.options);
    const d = await expectFailed(slug, job, c.message);
    expect(d.live).toBeUndefined();
    expect(d.dataset.liveVersionId).toBeNull();
    await expect(queryRecords(t.deps, t.admin, slug, {})).rejects.toThrow(/has no data yet/);
  });

  it('as a new version, leaves the previous version live', async () => {
    const job = await t.addVersion(keeper, await file(`v-${c.filename}`, c.data()), c.options ?? {}, c.filename);
    const d = await expectFailed(keeper, job, c.message);
    expect(d.live?.number).toBe(1);
    const r = await queryRecords(t.deps, t.admin, keeper, {});
    expect(r.results).toEqual([
      { id: 1, name: 'Montréal' },
      { id: 2, name: 'Québec' },
    ]);
  });
});

describe('option validation', () => {
  it('rejects an unknown column type before queueing anything', async () => {
    const before = (await getDataset(t.deps, t.admin, keeper)).versions.length;
    const err = await addResource(t.deps, t.admin, keeper, { file: Readable.from([Buffer.from('a\n1\n')]), filename: 'a.csv' }, { types: { a: 'currency' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('validation_failed');
    expect((err as AppError).message).toBe(
      'The ingest options are not valid: types.a: is not a column type or format; use a type (integer, decimal, boolean, date, timestamp, time, text, geometry) or a format id such as date-dmy or timestamp-mdy-12h+timestamp-ydm-slash (see docs/ingest.md).',
    );
    expect((err as AppError).details?.fields).toEqual([expect.objectContaining({ field: 'types.a' })]);
    expect((await getDataset(t.deps, t.admin, keeper)).versions.length).toBe(before);
  });
  it('rejects an unknown policy', async () => {
    const err = await addResource(t.deps, t.admin, keeper, { file: Readable.from([Buffer.from('a\n1\n')]), filename: 'a.csv' }, { policy: 'lax' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('validation_failed');
    expect((err as AppError).details?.fields).toEqual([expect.objectContaining({ field: 'policy' })]);
  });
});

describe('other delimited shapes', () => {
  it('a complete gzip loads and records the compression', async () => {
    const { slug, detail } = await attempt('shelter.csv.gz', DHS_GZ);
    expect(detail.live?.source).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', compression: 'gzip' });
    expect(detail.live?.rowCount).toBe(1040);
    expect((await queryRecords(t.deps, t.admin, slug, { select: 'date_of_census', where: 'total_adult_in_shelter = 33162' })).results).toEqual([{ date_of_census: '2015-01-02' }]);
  });
  it.each([
    ['tab', 'pantries.tsv', '\t', 'tsv'],
    ['pipe', 'pantries.txt', '|', 'csv'],
    ['semicolon', 'pantries-semi.csv', ';', 'csv'],
  ])('the EFAP pantries with %s delimiters load like the CSV', async (_n, filename, delimiter, format) => {
    const { header, rows } = readTable('tabular/nyc_hra_efap_food_pantries_2024-11.csv');
    const cell = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
    const text = [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
    const { slug, detail } = await attempt(filename, text);
    expect(detail.live?.source).toEqual({ format, encoding: 'utf-8', delimiter });
    expect(detail.live?.rowCount).toBe(561);
    expect(detail.live?.columns.map((c) => c.type)).toEqual(['integer', 'text', 'text', 'text', 'text', 'text', 'integer', 'text']);
    expect((await queryRecords(t.deps, t.admin, slug, { select: 'phone, days', where: 'id = 85670' })).results).toEqual([{ phone: '212-256-903', days: 'SAT(1,3) 2-4PM' }]);
  });
  it('duplicate, empty and numeric headers get unique machine names; labels keep the header', async () => {
    const { detail } = await attempt('headers.csv', 'Name,name,,Name,2020 Total,__secret\na,b,c,d,1,2\n');
    expect(detail.live?.columns.map((c) => [c.name, c.label])).toEqual([
      ['name', 'Name'],
      ['name_2', 'name'],
      ['column_3', 'Column 3'],
      ['name_3', 'Name'],
      ['c_2020_total', '2020 Total'],
      ['secret', '__secret'],
    ]);
  });
  it('quoted fields keep their CRLF; blank lines and a missing final newline are fine', async () => {
    const a = await attempt('crlf.csv', 'a,b\r\n1,"x\r\ny"\r\n\r\n2,z');
    expect((await queryRecords(t.deps, t.admin, a.slug, {})).results).toEqual([
      { a: 1, b: 'x\r\ny' },
      { a: 2, b: 'z' },
    ]);
  });
});

describe('a single-column CSV', () => {
  it('loads as a table of one column, leading zeros kept', async () => {
    const { job, detail } = await attempt('zips.csv', 'zip\n02118\n10001\n');
    expect(job.status).toBe('succeeded');
    expect(detail.live?.columns.map((c) => [c.name, c.type])).toEqual([['zip', 'text']]);
    expect((await queryRecords(t.deps, t.admin, detail.dataset.slug, {})).results).toEqual([{ zip: '02118' }, { zip: '10001' }]);
  });
});

describe('a header-only CSV', () => {
  it('loads as an empty table whose columns are text', async () => {
    const { job, detail } = await attempt('header-only.csv', 'zip,amount,opened\n');
    expect(job.status).toBe('succeeded');
    expect(detail.live?.rowCount).toBe(0);
    expect(detail.live?.columns.map((c) => [c.name, c.type])).toEqual([
      ['zip', 'text'],
      ['amount', 'text'],
      ['opened', 'text'],
    ]);
    expect(detail.live?.profile.zip).toMatchObject({ count: 0, nulls: 0, distinct: 0, top: [] });
    expect((await queryRecords(t.deps, t.admin, detail.dataset.slug, {})).total).toBe(0);
  });
});

describe('a row with too many fields', () => {
  const CSV = 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n';

  it('lenient: the row is rejected and its raw line is in the rejects file', async () => {
    const { slug, job, detail } = await attempt('too-many.csv', CSV);
    expect(job.status).toBe('succeeded');
    expect(detail.live?.rowCount).toBe(2);
    expect(detail.live?.rejectedCount).toBe(1);
    expect(detail.live?.warnings[0]?.message).toMatch(/^line 3 has more fields than the header/);
    const { filename, stream } = await rejectsFile(t.deps, t.admin, slug, 1);
    expect(filename).toBe(`${slug}-v1-rejects.csv`);
    const [header, ...rows] = parseCsv(await streamText(stream));
    expect(header).toEqual(['row', 'line', 'column', 'problem', 'record']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[1]).toBe('3');
    expect(rows[0]?.[4]).toBe('4,5,6,7');
  });

  it('strict: the job fails and lists the problem with its line number', async () => {
    const { slug, job } = await attempt('too-many-strict.csv', CSV, { policy: 'strict' });
    await expectFailed(slug, job, /^1 row has a problem, and the strict policy allows none\. First: line 3 has more fields than the header/);
    expect(job.errors[1]).toMatchObject({ line: 3 });
  });

  it('a quote inside an unquoted value is rejected, not silently cut', async () => {
    const { slug, detail } = await attempt('stray-quote.csv', 'a,b,c\n1,p,3\n4,"x"y,6\n8,q,10\n');
    const values = (await queryRecords(t.deps, t.admin, slug, { select: 'b' })).results.map((r) => r.b);
    expect(values).toEqual(['p', 'q']);
    expect(detail.live?.rejectedCount).toBe(1);
    expect(detail.live?.warnings[0]?.message).toMatch(/^line 3 has a quote inside an unquoted value/);
  });
});

describe('an impossible date among good ones', () => {
  // 1,300 DD/MM/YYYY dates from 2020-01-01; record 1,204 is replaced with 31/02/2020.
  const lines = ['date,value'];
  for (let i = 0; i < 1300; i++) {
    const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000);
    lines.push(`${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()},${i + 1}`);
  }
  lines[1204] = '31/02/2020,1204';
  const CSV = lines.join('\n') + '\n';
  const MESSAGE = 'row 1,204, column "date": "31/02/2020" is not a date (expected DD/MM/YYYY)';

  it('lenient: loads, keeps the column a date, rejects that row and names row and column', async () => {
    const { slug, job, detail } = await attempt('dates.csv', CSV);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(1);
    expect(job.errors).toEqual([expect.objectContaining({ row: 1204, column: 'date', message: MESSAGE })]);
    const live = detail.live;
    expect(live?.columns.find((c) => c.name === 'date')?.type).toBe('date');
    expect(live?.rowCount).toBe(1299);
    expect(live?.rejectedCount).toBe(1);
    expect(live?.warnings).toEqual([{ row: 1204, line: null, column: 'date', message: MESSAGE }]);
    // The day before and after are there, parsed as day/month.
    const r = await queryRecords(t.deps, t.admin, slug, { where: 'value in (1203, 1204, 1205)', order_by: 'value' });
    expect(r.results).toEqual([
      { date: '2023-04-17', value: 1203 },
      { date: '2023-04-19', value: 1205 },
    ]);
    const { stream } = await rejectsFile(t.deps, t.admin, slug, 1);
    const [header, ...rows] = parseCsv(await streamText(stream));
    expect(header).toEqual(['row', 'line', 'column', 'problem', 'record']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 4)).toEqual(['1204', '', 'date', MESSAGE]);
    // The record holds the source values (each field re-quoted).
    expect(parseCsv(rows[0]?.[4] ?? '')[0]).toEqual(['31/02/2020', '1204']);
  });

  it('strict: fails, naming the row and the column', async () => {
    const { slug, job } = await attempt('dates-strict.csv', CSV, { policy: 'strict' });
    const d = await expectFailed(slug, job, /^1 row has a problem, and the strict policy allows none\. First: row 1,204, column "date": "31\/02\/2020" is not a date \(expected DD\/MM\/YYYY\)$/);
    expect(d.live).toBeUndefined();
    expect(job.errors.slice(1)).toEqual([expect.objectContaining({ row: 1204, column: 'date', message: MESSAGE })]);
  });

  it('strict with more than 100 problems reports the first 100, in row order', async () => {
    // A forced integer type on a text column: every value fails.
    const rows = ['code,name', ...Array.from({ length: 150 }, (_, i) => `X${i + 1},n${i + 1}`)];
    const { slug, job } = await attempt('many-problems.csv', rows.join('\n') + '\n', { policy: 'strict', types: { code: 'integer' } });
    await expectFailed(slug, job, /^150 rows have problems, and the strict policy allows none\. First: row 1, column "code": "X1" is not a whole number$/);
    const problems = job.errors.slice(1);
    expect(problems).toHaveLength(100);
    expect(problems.map((p) => p.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(problems[99]?.message).toBe('row 100, column "code": "X100" is not a whole number');
  });
});

describe('encodings', () => {
  const montreal = async () => iconv.decode(await readFile(fixture('tabular/montreal_bike_counts_2012.csv')), 'latin1');

  it.each([
    ['UTF-16 LE with BOM', 'utf-16le', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')])],
    ['UTF-16 BE with BOM', 'utf-16be', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')])],
    ['UTF-16 LE without BOM', 'utf-16le', (s: string) => iconv.encode(s, 'utf-16le')],
    ['UTF-8 with BOM', 'utf-8', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
  ])('Montréal as %s loads with its accents', async (_name, encoding, encode) => {
    const { slug, job, detail } = await attempt(`montreal-${encoding}-${_name.length}.csv`, encode(await montreal()));
    expect(job.status).toBe('succeeded');
    const live = detail.live;
    expect(live?.source).toEqual({ format: 'csv', encoding, delimiter: ';' });
    expect(live?.rowCount).toBe(310);
    expect(live?.columns.map((c) => c.label)).toEqual([
      'Date',
      'Berri 1',
      'Brébeuf (données non disponibles)',
      'Côte-Sainte-Catherine',
      'Maisonneuve 1',
      'Maisonneuve 2',
      'du Parc',
      'Pierre-Dupuy',
      'Rachel1',
      'St-Urbain (données non disponibles)',
    ]);
    expect(live?.columns[0]).toMatchObject({ name: 'date', type: 'date' });
    const r = await queryRecords(t.deps, t.admin, slug, { select: 'date, berri_1', where: "date = '2012-01-16'" });
    expect(r.results).toEqual([{ date: '2012-01-16', berri_1: 168 }]);
  });

  it('Boston (Windows-1252) re-encoded as UTF-8 with BOM keeps Andrés', async () => {
    const text = iconv.decode(await readFile(fixture('tabular/boston_employee_earnings_2016.csv')), 'windows-1252').split('\r\n').slice(0, 1000).join('\r\n') + '\r\n';
    const { slug, detail } = await attempt('boston-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(detail.live?.source?.encoding).toBe('utf-8');
    expect(detail.live?.rowCount).toBe(999);
    expect(detail.live?.columns[0]).toMatchObject({ name: 'name', label: 'NAME' });
    const r = await queryRecords(t.deps, t.admin, slug, { select: 'name', where: "contains(name, 'Andrés')" });
    expect(r.results).toEqual([{ name: 'Ballesteros,Jorge Andrés' }]);
  });
});

describe('JSON inputs', () => {
  const ROWS = [
    { id: 1, name: 'Andrés', amount: 12.5, opened: '2024-01-16', open: true, tags: ['a', 'b'], address: { city: 'Montréal' } },
    { id: 2, name: 'León', amount: 7, opened: '2024-02-29', open: false, tags: [], address: { city: 'Québec' } },
    { id: 3, name: 'Zoë', amount: null, opened: null, open: null, tags: null, address: null },
  ];
  const expectLoaded = async (slug: string, format: string) => {
    const { live } = await getDataset(t.deps, t.admin, slug);
    expect(live?.source).toEqual({ format, encoding: 'utf-8' });
    expect(live?.rowCount).toBe(3);
    expect(live?.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['name', 'text'],
      ['amount', 'decimal'],
      ['opened', 'date'],
      ['open', 'boolean'],
      ['tags', 'text'],
      ['address', 'text'],
    ]);
    const r = await queryRecords(t.deps, t.admin, slug, { order_by: 'id' });
    expect(r.results[0]).toEqual({ id: 1, name: 'Andrés', amount: 12.5, opened: '2024-01-16', open: true, tags: '["a","b"]', address: '{"city":"Montréal"}' });
    expect(r.results[2]).toEqual({ id: 3, name: 'Zoë', amount: null, opened: null, open: null, tags: null, address: null });
  };

  it('loads a JSON array of objects; nested values stay JSON text', async () => {
    const { slug, job } = await attempt('rows.json', JSON.stringify(ROWS, null, 2));
    expect(job.status).toBe('succeeded');
    await expectLoaded(slug, 'json');
  });
  it('loads NDJSON', async () => {
    const { slug, job } = await attempt('rows.ndjson', ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(job.status).toBe('succeeded');
    await expectLoaded(slug, 'ndjson');
  });
  it('loads NDJSON named .json', async () => {
    const { slug } = await attempt('rows-nd.json', ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await expectLoaded(slug, 'ndjson');
  });

  it('a JSON array cut short after an object is refused', async () => {
    const { slug, job } = await attempt('cut.json', '[{"a":1},');
    await expectFailed(slug, job, /^The JSON array is not closed/);
  });

  it('a malformed JSON message does not leak the server path or engine jargon', async () => {
    const { job } = await attempt('leak.json', '[{"a":1},{"a":}]');
    const msg = job.errors[0]?.message ?? '';
    expect(msg).toMatch(/^The JSON could not be read/);
    expect(msg).not.toMatch(/blobs|\/tmp\/|Error:|\. \./);
  });
});

describe('XLSX', () => {
  let book: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('Permits');
    first.addRow(['Permit', 'Issued', 'Value', 'Ward', 'Note']);
    first.addRow(['P-1', new Date(Date.UTC(2024, 0, 16)), 12500.5, '06', 'Côte-des-Neiges']);
    first.addRow(['P-2', new Date(Date.UTC(2024, 1, 29)), 7, '12', null]);
    first.addRow(['P-3', new Date(Date.UTC(2023, 11, 31)), 0.25, '01', 'a, "quoted" note']);
    const second = wb.addWorksheet('Wards');
    second.addRow(['Ward', 'Name']);
    second.addRow([1, 'Ville-Marie']);
    second.addRow([2, 'Rosemont']);
    book = join(dir, 'permits.xlsx');
    await wb.xlsx.writeFile(book);
  });

  it('loads the first sheet with a date cell and a number cell', async () => {
    const { slug, job } = await t.load(book);
    expect(job.status).toBe('succeeded');
    const { live } = await getDataset(t.deps, t.admin, slug);
    expect(live?.source).toEqual({ format: 'xlsx', encoding: 'utf-8', delimiter: ',', sheet: 'Permits' });
    expect(live?.columns.map((c) => [c.name, c.type])).toEqual([
      ['permit', 'text'],
      ['issued', 'date'],
      ['value', 'decimal'],
      ['ward', 'text'],
      ['note', 'text'],
    ]);
    const r = await queryRecords(t.deps, t.admin, slug, { order_by: 'permit' });
    expect(r.results).toEqual([
      { permit: 'P-1', issued: '2024-01-16', value: 12500.5, ward: '06', note: 'Côte-des-Neiges' },
      { permit: 'P-2', issued: '2024-02-29', value: 7, ward: '12', note: null },
      { permit: 'P-3', issued: '2023-12-31', value: 0.25, ward: '01', note: 'a, "quoted" note' },
    ]);
  });
  it('loads the sheet named in the options', async () => {
    const { slug, job } = await t.load(book, { options: { sheet: 'Wards' } });
    expect(job.status).toBe('succeeded');
    const { live } = await getDataset(t.deps, t.admin, slug);
    expect(live?.source?.sheet).toBe('Wards');
    expect((await queryRecords(t.deps, t.admin, slug, { order_by: 'ward' })).results).toEqual([
      { ward: 1, name: 'Ville-Marie' },
      { ward: 2, name: 'Rosemont' },
    ]);
  });
  it('fails clearly when the named sheet does not exist', async () => {
    const { slug, job } = await t.load(book, { options: { sheet: 'Nope' } });
    const d = await expectFailed(slug, job, /^The workbook has no sheet named "Nope" \(sheets: Permits, Wards\)\.$/);
    expect(d.live).toBeUndefined();
  });
});

describe('column type overrides', () => {
  it('re-running Austin with zip_code as text makes it text (a new version)', async () => {
    const { slug } = await t.load(fixture('tabular/austin_food_establishment_inspection_scores.csv'));
    const v1 = await getDataset(t.deps, t.admin, slug);
    expect(v1.live?.columns.find((c) => c.name === 'zip_code')?.type).toBe('integer');
    const { job } = await retypeColumns(t.deps, t.admin, slug, { types: { zip_code: 'text' } });
    expect((await waitForJob(t.deps, job.id)).status).toBe('succeeded');
    const v2 = await getDataset(t.deps, t.admin, slug);
    expect(v2.live?.number).toBe(2);
    expect(v2.live?.typeOverrides).toEqual({ zip_code: 'text' });
    expect(v2.live?.columns.find((c) => c.name === 'zip_code')).toMatchObject({ type: 'text', physical: 'VARCHAR' });
    expect(v2.live?.rowCount).toBe(25549);
    expect(v2.live?.profile.zip_code).toMatchObject({ nulls: 6, minLength: 5, maxLength: 5 });
    const r = await queryRecords(t.deps, t.admin, slug, { select: 'zip_code', where: "restaurant_name = 'Barley Swine'", limit: 1 });
    expect(r.results).toEqual([{ zip_code: '78757' }]);
    // Other columns keep their inferred types.
    expect(v2.live?.columns.find((c) => c.name === 'inspection_date')?.type).toBe('date');
  });

  it('a format override reads ambiguous dates the publisher\'s way, and a later change of another column keeps it', async () => {
    const { slug } = await attempt('dmy.csv', 'Day,n\n01/02/2020,1\n03/04/2020,2\n', { types: { Day: 'date-dmy' } });
    const v1 = await getDataset(t.deps, t.admin, slug);
    expect(v1.live?.columns[0]).toMatchObject({ name: 'day', type: 'date', format: { id: 'date-dmy', label: 'DD/MM/YYYY' } });
    expect(v1.live?.columns[0]?.ambiguous).toBeUndefined();
    expect((await queryRecords(t.deps, t.admin, slug, { select: 'day', order_by: 'n' })).results).toEqual([{ day: '2020-02-01' }, { day: '2020-04-03' }]);
    const { job } = await retypeColumns(t.deps, t.admin, slug, { types: { n: 'text' } });
    expect((await waitForJob(t.deps, job.id)).status).toBe('succeeded');
    const v2 = await getDataset(t.deps, t.admin, slug);
    expect(v2.live?.typeOverrides).toEqual({ Day: 'date-dmy', n: 'text' });
    expect((await queryRecords(t.deps, t.admin, slug, { select: 'day', order_by: 'n' })).results).toEqual([{ day: '2020-02-01' }, { day: '2020-04-03' }]);
  });

  it('a format override for a mixed column names its formats joined by +', async () => {
    const csv = 'd\n2021/01/03 10:00:00\n03/13/2021 10:00:00 AM\n';
    const { slug } = await attempt('mixed-override.csv', csv, { types: { d: 'timestamp-mdy-12h+timestamp-ymd-slash' } });
    const { live } = await getDataset(t.deps, t.admin, slug);
    expect(live?.columns[0]?.format?.id).toBe('timestamp-mdy-12h+timestamp-ymd-slash');
    expect((await queryRecords(t.deps, t.admin, slug, {})).results).toEqual([{ d: '2021-01-03T10:00:00' }, { d: '2021-03-13T10:00:00' }]);
  });

  it('an override given at upload, by label, also applies', async () => {
    const { slug } = await attempt('by-label.csv', 'Zip Code,n\n02118,1\n78701,2\n', { types: { 'Zip Code': 'integer' } });
    const { live } = await getDataset(t.deps, t.admin, slug);
    expect(live?.columns[0]).toMatchObject({ name: 'zip_code', type: 'integer' });
    expect((await queryRecords(t.deps, t.admin, slug, { select: 'zip_code', order_by: 'n' })).results).toEqual([{ zip_code: 2118 }, { zip_code: 78701 }]);
  });

  it('forcing integer on a text column rejects the rows that do not fit (lenient)', async () => {
    const { slug, job, detail } = await attempt('force-int.csv', 'code,name\n1,a\nx2,b\n3,c\n', { types: { code: 'integer' } });
    expect(job.status).toBe('succeeded');
    expect(detail.live?.rowCount).toBe(2);
    expect(detail.live?.rejectedCount).toBe(1);
    expect(detail.live?.warnings).toEqual([{ row: 2, line: null, column: 'code', message: 'row 2, column "code": "x2" is not a whole number' }]);
    expect((await queryRecords(t.deps, t.admin, slug, {})).results).toEqual([
      { code: 1, name: 'a' },
      { code: 3, name: 'c' },
    ]);
    const { stream } = await rejectsFile(t.deps, t.admin, slug, 1);
    const rows = parseCsv(await streamText(stream));
    expect(rows[1]?.slice(0, 4)).toEqual(['2', '', 'code', 'row 2, column "code": "x2" is not a whole number']);
  });

  it('rejectsFile says so when a version rejected nothing', async () => {
    await expect(rejectsFile(t.deps, t.admin, keeper, 1)).rejects.toThrow(/^Version 1 of "keeper" rejected no rows\.$/);
  });
});
