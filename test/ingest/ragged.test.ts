/**
 * The rejects report of a ragged CSV: one entry per rejected row, with all
 * its problems, named by the file's own column names and the lines a text
 * editor shows; the same report whether the file is staged or written
 * straight from the file (large files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { rejectsFile } from '../../src/actions/records/rejects-file.ts';
import type { TestPlaza } from '../support/plaza.ts';
import { loadText, PATHS, startBothPaths, type BothPaths, type IngestPath } from './both-paths.ts';
import { parseCsv, streamText } from './support.ts';

const RAGGED = ['a,b,c', '1,2,3', '4,5', '6,7,8,9,10', '"unclosed,1,2', '11,12,13'];
const text = (lines: string[], eol = '\n') => lines.join(eol) + eol;

// What the file holds, read from it: the header's names, each line's fields, the last line.
const header = (RAGGED[0] as string).split(',');
const valuesOn = (line: number) => (RAGGED[line - 1] as string).split(',');
const fieldsOn = (line: number) => valuesOn(line).length;
const lastLine = RAGGED.length;
const quoteLine = RAGGED.findIndex((l) => l.startsWith('"')) + 1;
const shortLine = RAGGED.findIndex((l, i) => i > 0 && l.split(',').length < header.length) + 1;
const longLine = RAGGED.findIndex((l) => l.split(',').length > header.length) + 1;

/** The report a publisher should read for RAGGED. */
const EXPECTED = {
  // The good line and the short one, padded; every value is a whole number, so the columns are integers.
  rows: [2, shortLine].map((line) => Object.fromEntries(header.map((h, i) => [h, valuesOn(line)[i] === undefined ? null : Number(valuesOn(line)[i])]))),
  shortWarning: `1 row has fewer fields than the header's ${header.length}; its missing fields were left empty (line ${shortLine}).`,
  rejects: [
    {
      line: longLine,
      column: null,
      message: `line ${longLine} has more fields than the header (${fieldsOn(longLine)} where the header has ${header.length})`,
      record: RAGGED[longLine - 1],
    },
    {
      line: quoteLine,
      column: header[0],
      message: `line ${quoteLine} opens a quote in column "${header[0]}" that is never closed: the rest of the file, lines ${quoteLine} to ${lastLine}, could not be read`,
      record: RAGGED.slice(quoteLine - 1).join('\n'),
    },
  ],
};

let paths: BothPaths;

beforeAll(async () => {
  paths = await startBothPaths();
}, 60_000);
afterAll(async () => {
  await paths?.close();
});

const plaza = (path: IngestPath): TestPlaza => paths.plaza(path);
const load = loadText;

async function rejectsCsv(t: TestPlaza, slug: string): Promise<string[][]> {
  const { stream } = await rejectsFile(t.deps, t.admin, slug, 1);
  return parseCsv(await streamText(stream));
}

describe.each([
  ['\\n', '\n'],
  ['\\r\\n', '\r\n'],
])('a ragged CSV with %s line ends', (_, eol) => {
  describe.each(PATHS)('%s', (path) => {
    it('loads the good and the short rows, and rejects each bad row once, with all it has to say', async () => {
      const t = plaza(path);
      const { slug, job, detail } = await load(t, `ragged-${eol.length}.csv`, text(RAGGED, eol));
      expect(job.status).toBe('succeeded');
      expect(job.rowsRejected).toBe(EXPECTED.rejects.length);
      expect(job.rowsRead).toBe(EXPECTED.rows.length + EXPECTED.rejects.length);
      const live = detail.live;
      expect(live?.rowCount).toBe(EXPECTED.rows.length);
      expect(live?.rejectedCount).toBe(EXPECTED.rejects.length);
      const records = EXPECTED.rejects.map((r) => ({ ...r, record: r.record?.replaceAll('\n', eol) }));
      expect(live?.warnings).toEqual([
        { row: null, line: shortLine, column: null, message: EXPECTED.shortWarning },
        ...records.map(({ record: _record, ...issue }) => ({ row: null, ...issue })),
      ]);
      expect((await queryRecords(t.deps, t.admin, slug, {})).results).toEqual(EXPECTED.rows);
      const [head, ...rows] = await rejectsCsv(t, slug);
      expect(head).toEqual(['row', 'line', 'column', 'problem', 'record']);
      expect(rows).toEqual(records.map((r) => ['', String(r.line), r.column ?? '', r.message, r.record]));
    });

    it('under the strict policy, fails and counts each problem row once', async () => {
      const { job } = await load(plaza(path), `ragged-strict-${eol.length}.csv`, text(RAGGED, eol), { policy: 'strict' });
      expect(job.status).toBe('failed');
      const problemRows = 1 + EXPECTED.rejects.length;
      expect(job.errors[0]?.message).toBe(`${problemRows} rows have problems, and the strict policy allows none. First: ${EXPECTED.shortWarning}`);
      expect(job.errors.slice(1).map((e) => e.message)).toEqual([EXPECTED.shortWarning, ...EXPECTED.rejects.map((r) => r.message)]);
    });
  });
});

describe.each(PATHS)('rows without short ones (%s)', (path) => {
  // A value spanning two lines comes first: DuckDB numbers records, a text editor numbers lines.
  const LINES = ['a,b,c', '"two', 'lines",2,3', '4,5,6,7', '8,"x"y,9', '10,11,12', '13,14,15,16,17,18', '19,20,21'];

  it('names each rejected row by its line in the file', async () => {
    const t = plaza(path);
    const { slug, job, detail } = await load(t, 'no-short.csv', text(LINES));
    expect(job.status).toBe('succeeded');
    const lineOf = (start: string) => LINES.findIndex((l) => l.startsWith(start)) + 1;
    const expected = [
      { line: lineOf('4,'), column: null, message: `line ${lineOf('4,')} has more fields than the header (4 where the header has 3)`, record: '4,5,6,7' },
      { line: lineOf('8,'), column: 'b', message: `line ${lineOf('8,')} has a quote inside an unquoted value in column "b"`, record: '8,"x"y,9' },
      { line: lineOf('13,'), column: null, message: `line ${lineOf('13,')} has more fields than the header (6 where the header has 3)`, record: '13,14,15,16,17,18' },
    ];
    expect(detail.live?.rowCount).toBe(3);
    expect(detail.live?.rejectedCount).toBe(expected.length);
    expect(job.rowsRejected).toBe(expected.length);
    expect(detail.live?.warnings).toEqual(expected.map(({ record: _record, ...issue }) => ({ row: null, ...issue })));
    const [, ...rows] = await rejectsCsv(t, slug);
    expect(rows).toEqual(expected.map((r) => ['', String(r.line), r.column ?? '', r.message, r.record]));
  });
});
