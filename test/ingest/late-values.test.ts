/**
 * Late values: a column's type is decided over every row, not only over the
 * rows the sample reads (the first 5,000 and a 5,000-row reservoir; on the
 * direct path for files of 16 MiB or more, the first 10,000 rows). Each file
 * is real air-quality readings (OpenAQ, Toronto; test/fixtures/SOURCES.md)
 * twice over, 106,826 rows, with values placed after row 20,000 that change
 * what a column can be: in the last rows, or spread out. There are few of
 * them on purpose: a 5,000-row reservoir out of 106,826 rows meets each with
 * odds of about 1 in 20, so of the 107 it sees about 5, within the sample's
 * own tolerance of 10, and only the check of the whole column can tell.
 *
 * Every file is loaded through the real ingest, staged whole and through the
 * direct path, and read back through the HTTP API: the dataset's columns,
 * the CSV of rejected rows, and an NDJSON export of every row, compared with
 * values computed here from the file written.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { parseCsv, readTable } from './support.ts';

/** Delimited files at least this large take the direct path by default (docs/ARCHITECTURE.md, "Ingest flow"). */
const DIRECT_BYTES = 16 * 1024 * 1024;
/** No late value comes before this row: past the first 10,000 rows any sample reads in order, with room to spare. */
const FIRST_LATE = 20_000;

const openaq = readTable('tabular/openaq_toronto_measurements_2025-09.csv');
/** The real readings twice over. */
const READINGS = [...openaq.rows, ...openaq.rows];
const N = READINGS.length;
/** One bad value in a thousand is tolerated and its row rejected (docs/ARCHITECTURE.md); one more changes the column's type. */
const TOLERATED = Math.floor(N / 1000);
const real = (name: string) => {
  const k = openaq.header.indexOf(name);
  return (i: number): string => READINGS[i]?.[k] ?? '';
};
const locationId = real('location_id');
const reading = real('value');

type Placement = 'in the last rows' | 'spread out';
/** Record indexes (0-based) for `count` late values: the last ones, or spread evenly from row 20,000 to the end. */
function latePositions(count: number, placement: Placement): number[] {
  if (placement === 'in the last rows') return Array.from({ length: count }, (_, k) => N - count + k);
  const step = (N - FIRST_LATE) / count;
  return Array.from({ length: count }, (_, k) => FIRST_LATE + Math.floor((k + 0.5) * step));
}

/** One column of a file to load: its value in record i, given whether i is one of its late records. */
interface Column {
  name: string;
  late: Set<number>;
  value(i: number, late: boolean): string;
}
const column = (name: string, late: number[], value: (i: number, late: boolean) => string): Column => ({ name, late: new Set(late), value });

const p2 = (n: number): string => String(n).padStart(2, '0');
/**
 * A made-up date for record i: early records get days 1 to 12, so that
 * 05/03/2017 reads either day first or month first; late ones get days 13 to
 * 28, which only a day-first reading allows.
 */
function dateOf(i: number, late: boolean): { y: number; m: number; d: number } {
  return { y: 2014 + (Math.floor(i / 144) % 12), m: 1 + (Math.floor(i / 12) % 12), d: late ? 13 + (i % 16) : 1 + (i % 12) };
}
const isoDate = (i: number, late: boolean): string => {
  const { y, m, d } = dateOf(i, late);
  return `${y}-${p2(m)}-${p2(d)}`;
};
const dayFirst = (i: number, late: boolean): string => {
  const { y, m, d } = dateOf(i, late);
  return `${p2(d)}/${p2(m)}/${y}`;
};
const clock = (i: number): string => `${p2(i % 24)}:${p2((i * 7) % 60)}`;

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A file as loaded and read back through the API. */
interface Loaded {
  columns: Column[];
  bytes: number;
  /** Each column's type as the dataset API gives it. */
  types: Record<string, string>;
  rows: number;
  rejected: number;
  /** Every exported value of each column, in file order. */
  values: Record<string, unknown[]>;
  /** The rejects file: data row number (1-based), first column at fault, message, and the record as read. */
  rejects: { row: number; column: string; problem: string; record: string[] }[];
}

let dir: string;
let files = 0;

async function get(app: FastifyInstance, url: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.body;
}

/** Writes the file, loads it through the real ingest, and reads its columns (or those named) back through the API. */
async function load(t: TestPlaza, app: FastifyInstance, columns: Column[], read: string[] = columns.map((c) => c.name)): Promise<Loaded> {
  const path = join(dir, `late-${++files}.csv`);
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < N; i++) lines.push(columns.map((c) => quote(c.value(i, c.late.has(i)))).join(','));
  await writeFile(path, `${lines.join('\n')}\n`);
  const { slug, job } = await t.load(path);
  expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
  const detail = JSON.parse(await get(app, `/api/v1/datasets/${slug}`)) as { columns: { name: string; type: string }[]; versions: { number: number; rows: number; rejected: number }[] };
  const version = detail.versions.find((v) => v.number === 1);
  const names = read.map((name) => name.toLowerCase());
  const exported = (await get(app, `/api/v1/datasets/${slug}/export/ndjson?select=${names.join(',')}`)).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  const rejects = version?.rejected
    ? parseCsv(await get(app, `/api/v1/datasets/${slug}/versions/1/rejects.csv`)).slice(1).map(([row, , c, problem, record]) => ({ row: Number(row), column: c ?? '', problem: problem ?? '', record: parseCsv(record ?? '')[0] ?? [] }))
    : [];
  return {
    columns,
    bytes: statSync(path).size,
    types: Object.fromEntries(detail.columns.map((c) => [c.name, c.type])),
    rows: version?.rows ?? 0,
    rejected: version?.rejected ?? 0,
    values: Object.fromEntries(names.map((name) => [name, exported.map((r) => r[name])])),
    rejects,
  };
}

const columnOf = (got: Loaded, name: string): Column => got.columns.find((c) => c.name.toLowerCase() === name)!;
const recordOf = (got: Loaded, i: number): string[] => got.columns.map((c) => c.value(i, c.late.has(i)));

/**
 * The rows rejected are exactly the late records of the given columns, each
 * under its data row number (its line in the file, less the header line),
 * with its record as written and each value at fault named.
 */
function expectRejected(got: Loaded, names: string[]): Set<number> {
  const late = [...new Set(names.flatMap((name) => [...columnOf(got, name).late]))].sort((a, b) => a - b);
  expect({ rows: got.rows, rejected: got.rejected }).toEqual({ rows: N - late.length, rejected: late.length });
  expect(got.rejects.map((r) => r.row)).toEqual(late.map((i) => i + 1));
  got.rejects.forEach((r, k) => {
    const i = late[k]!;
    const at = names.filter((name) => columnOf(got, name).late.has(i));
    expect(r.record).toEqual(recordOf(got, i));
    expect(r.column).toBe(at[0]);
    expect(r.problem.startsWith(`row ${(i + 1).toLocaleString('en-US')}, `)).toBe(true);
    for (const name of at) expect(r.problem).toContain(`column "${name}": "${columnOf(got, name).value(i, true)}" is not`);
  });
  return new Set(late);
}

/** Every kept record's exported value of a column, as `expected` reads the value written in the file. */
function expectValues(got: Loaded, name: string, expected: (written: string, i: number) => unknown, rejected: Set<number> = new Set()): void {
  const c = columnOf(got, name);
  const want: unknown[] = [];
  for (let i = 0; i < N; i++) if (!rejected.has(i)) want.push(expected(c.value(i, c.late.has(i)), i));
  const values = got.values[name] ?? [];
  expect(values.length).toBe(want.length);
  // The whole column in one comparison, naming the first difference.
  const first = want.findIndex((w, k) => w !== values[k]);
  expect(first === -1 ? 'every value as expected' : `value ${first + 1} of ${name}: got ${JSON.stringify(values[first])}, expected ${JSON.stringify(want[first])}`).toBe('every value as expected');
}

async function startOn(directWriteBytes?: number): Promise<{ t: TestPlaza; app: FastifyInstance }> {
  const t = await startTestPlaza(directWriteBytes === undefined ? {} : { engine: await DuckTableEngine.create({ threads: 2, directWriteBytes }) });
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local' }, { logLevel: 'silent' });
  return { t, app };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-late-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const PATHS = [
  { path: 'staged whole', directWriteBytes: Number.MAX_SAFE_INTEGER },
  // A small threshold sends these files down the direct path: its sample is the first 10,000 rows only.
  { path: 'on the direct path', directWriteBytes: 1024 * 1024 },
] as const;
const PLACEMENTS: Placement[] = ['in the last rows', 'spread out'];

describe.each(PATHS)('late values, $path', ({ directWriteBytes }) => {
  let t: TestPlaza;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ t, app } = await startOn(directWriteBytes));
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  describe.each(PLACEMENTS)('%s', (placement) => {
    // One file whose late values change types without rejecting a row, and
    // one whose late values are few enough to be rejected; each column has
    // its own late records.
    let changed: Loaded;
    let tolerated: Loaded;
    const few = placement === 'in the last rows' ? 1 : 3;
    beforeAll(async () => {
      changed = await load(t, app, [
        column('location_id', latePositions(few, placement), (i, late) => (late ? `00${locationId(i)}` : locationId(i))),
        column('value', latePositions(TOLERATED + 1, placement), (i, late) => (late ? 'not reported' : reading(i))),
        column('sampled_on', latePositions(few, placement), dayFirst),
        column('sampled_at', latePositions(few, placement), (i, late) => `${dayFirst(i, late)} ${clock(i)}`),
        column('noted_on', latePositions(TOLERATED + 1, placement), (i, late) => (late ? dayFirst(i, true) : isoDate(i, false))),
      ]);
      tolerated = await load(t, app, [
        column('location_id', latePositions(TOLERATED, placement), (i, late) => (late ? 'not reported' : locationId(i))),
        column('value', [], reading),
        column('noted_on', latePositions(TOLERATED, placement), (i, late) => (late ? dayFirst(i, true) : isoDate(i, false))),
      ]);
      if (directWriteBytes < DIRECT_BYTES) expect(Math.min(changed.bytes, tolerated.bytes)).toBeGreaterThanOrEqual(directWriteBytes);
    });

    it(`text in a number column, more than one value in a thousand (${TOLERATED + 1} of ${N}): the column is text, every value as written`, () => {
      expect(changed.types.value).toBe('text');
      expect({ rows: changed.rows, rejected: changed.rejected }).toEqual({ rows: N, rejected: 0 });
      expectValues(changed, 'value', (written) => written);
    });

    it(`text in a number column, one value in a thousand (${TOLERATED} of ${N}): the column stays an integer and exactly those rows are rejected`, () => {
      expect(tolerated.types.location_id).toBe('integer');
      const rejected = expectRejected(tolerated, ['location_id', 'noted_on']);
      expectValues(tolerated, 'location_id', (written) => Number(written), rejected);
      expectValues(tolerated, 'value', (written) => Number(written), rejected);
    });

    // Until the late rows every date reads either way, and month first is
    // the default for such a column: only a day above 12 decides otherwise.
    it(`a day above 12 in ${few === 1 ? 'the last row' : `${few} late rows`} makes the whole column day first, the early dates and times too`, () => {
      expect([changed.types.sampled_on, changed.types.sampled_at]).toEqual(['date', 'timestamp']);
      expectValues(changed, 'sampled_on', (_, i) => isoDate(i, columnOf(changed, 'sampled_on').late.has(i)));
      expectValues(changed, 'sampled_at', (_, i) => `${isoDate(i, columnOf(changed, 'sampled_at').late.has(i))}T${clock(i)}:00`);
    });

    it(`ISO dates, then day-first dates in more than one row in a thousand: no value is lost, the column is text`, () => {
      expect(changed.types.noted_on).toBe('text');
      expectValues(changed, 'noted_on', (written) => written);
    });

    it(`ISO dates, then day-first dates in one row in a thousand: the column stays a date and those rows are rejected`, () => {
      expect(tolerated.types.noted_on).toBe('date');
      expectValues(tolerated, 'noted_on', (written) => written, expectRejected(tolerated, ['location_id', 'noted_on']));
    });

    it(`a code with a leading zero in ${few === 1 ? 'the last row' : `${few} late rows`} makes the integer-looking column text, the zeros kept`, () => {
      expect(changed.types.location_id).toBe('text');
      expectValues(changed, 'location_id', (written) => written);
      expect(changed.values.location_id?.filter((v) => String(v).startsWith('0'))).toHaveLength(few);
    });
  });

  // A late value that a wider type would read must never be read as a
  // narrower one with part of it dropped: its row is rejected, or the column
  // takes the type that holds it. The whole-column check parses without the
  // sample's patterns, and DuckDB's casts alone round 7570.5 to a BIGINT, cut
  // "2021-03-05 10:35:00" to a DATE and drop "-04:00" from a TIMESTAMP; the
  // parsers refuse what their patterns would (candidates.ts).
  describe('late values a narrower type must not swallow', () => {
    let lenient: Loaded;
    const late = latePositions(3, 'in the last rows');
    const utc = real('datetimeUtc');
    const local = real('datetimeLocal');
    beforeAll(async () => {
      lenient = await load(t, app, [
        column('location_id', late, (i, isLate) => (isLate ? `${locationId(i)}.5` : locationId(i))),
        column('noted_on', late, (i, isLate) => (isLate ? `${isoDate(i, false)} ${clock(i)}:00` : isoDate(i, false))),
        // The reading's UTC time without its Z, then the same instant as local time with its offset.
        column('read_at', late, (i, isLate) => (isLate ? local(i) : utc(i).replace(/Z$/, ''))),
      ]);
    });
    /** Each late value of the column is in a rejected row, or read back as one of `right(i)`. */
    const keptOrRejected = (name: string, right: (i: number) => unknown[]) => {
      const rejected = new Set(lenient.rejects.map((r) => r.row - 1));
      const kept = Array.from({ length: N }, (_, i) => i).filter((i) => !rejected.has(i));
      const values = lenient.values[name] ?? [];
      const wrong = kept.flatMap((i, k) => (columnOf(lenient, name).late.has(i) && !right(i).includes(values[k]) ? [`record ${i + 1}: ${JSON.stringify(values[k])}`] : []));
      expect(wrong).toEqual([]);
    };

    it('a decimal in an integer column is not rounded', () => {
      keptOrRejected('location_id', (i) => [Number(`${locationId(i)}.5`)]);
    });
    it('a date and time in a date column keeps its time', () => {
      keptOrRejected('noted_on', (i) => [`${isoDate(i, false)}T${clock(i)}:00`]);
    });
    it('a time with an offset in a column of times without one keeps its instant', () => {
      const instant = (i: number) => utc(i).replace(/Z$/, '');
      keptOrRejected('read_at', (i) => [instant(i), `${instant(i)}Z`]);
    });
  });
});

describe('late values in a file of 16 MiB or more, on the default engine (the direct path)', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let got: Loaded;
  beforeAll(async () => {
    ({ t, app } = await startOn());
    // Every column of the readings, so that the file passes the direct path's size.
    const late = latePositions(TOLERATED + 1, 'in the last rows');
    got = await load(
      t,
      app,
      openaq.header.map((name) => {
        const value = real(name);
        if (name === 'location_id') return column(name, late, (i, isLate) => (isLate ? 'not reported' : value(i)));
        if (name === 'value') return column(name, late.slice(1), (i, isLate) => (isLate ? 'not reported' : value(i)));
        return column(name, [], value);
      }),
      ['location_id', 'value'],
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it(`text in the last ${TOLERATED + 1} rows of a number column makes it text; in the last ${TOLERATED}, those rows are rejected`, () => {
    expect(got.bytes).toBeGreaterThanOrEqual(DIRECT_BYTES);
    expect(got.types.location_id).toBe('text');
    expect(got.types.value).toBe('decimal');
    const rejected = expectRejected(got, ['value']);
    expectValues(got, 'location_id', (written) => written, rejected);
    expectValues(got, 'value', (written) => Number(written), rejected);
  });
});
