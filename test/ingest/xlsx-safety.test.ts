/**
 * Workbooks made to exhaust the server: zip bombs (a sheet declaring or
 * inflating to gigabytes), a giant cell, too many rows, a damaged zip. Each is
 * refused fast with a clear message, leaves no scratch file, keeps the
 * previous version live, and leaves no memory behind.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { xlsxToCsv } from '../../src/adapters/files/xlsx.ts';
import { MAX_SHARED_TEXT, readSharedStrings } from '../../src/adapters/files/xlsx/shared-strings.ts';
import { Expansion, ZipParts } from '../../src/adapters/files/xlsx/zip.ts';
import { expandsPastLimit, tooManyRows } from '../../src/domain/ingest/limits.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { deflated, inlineRow, repeated, SHEET_HEAD, SHEET_TAIL, workbookParts, zipFile, type ZipPart } from './xlsx-zip.ts';

/**
 * A full garbage collection, so that what the process keeps is measured,
 * not what the collector has not reached yet (tests run without --expose-gc).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const LIMIT = 64 * MiB;
const MAX_ROWS = 1000;

let t: TestPlaza;
let dir: string;
let keeper: string;

const damaged = (what: string): string =>
  `The Excel workbook could not be read: it is damaged (${what}). Open it in Excel or another spreadsheet program, save it again as .xlsx, and upload the new file.`;
const cellTooLong = (cell: string, sheet: string): string =>
  `Cell ${cell} of sheet “${sheet}” holds more than 32,767 characters, more than Excel allows. Shorten the text in that cell and upload the file again.`;

beforeAll(async () => {
  t = await startTestPlaza();
  // Lower bounds than a real server's, so the bombs are quick to make and refuse.
  Object.assign(t.deps.limits, { maxExpandedBytes: LIMIT, maxRows: MAX_ROWS });
  dir = await mkdtemp(join(tmpdir(), 'plaza-xlsx-safety-'));
  const p = join(dir, 'keeper.csv');
  await writeFile(p, 'id,name\n1,Montréal\n2,Québec\n');
  keeper = (await t.load(p, { slug: 'keeper' })).slug;
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A workbook of one sheet named "Data" with this worksheet part, written to disk. */
async function book(name: string, sheet: ZipPart): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, zipFile(workbookParts(sheet)));
  return path;
}

/** Files left in the data folder's scratch space, besides each process's owner file and the engine's spill folder. */
async function scratchLeft(): Promise<string[]> {
  const root = join(t.dir, 'tmp');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name !== 'owner.json')
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((p) => !p.split('/').some((seg) => seg === 'engine' || seg === 'duckdb'));
}

/** Adds the workbook as a new version of the keeper; asserts it failed with this message, fast, leaving v1 live and no scratch file. */
async function expectRefused(path: string, message: string, withinMs = 5000) {
  const started = performance.now();
  const job = await t.addVersion(keeper, path, {}, 'book.xlsx');
  const ms = performance.now() - started;
  expect(job.status).toBe('failed');
  expect(job.errors[0]?.message).toBe(message);
  expect(ms).toBeLessThan(withinMs);
  const d = await getDataset(t.deps, t.admin, keeper);
  expect(d.live?.number).toBe(1);
  expect((await queryRecords(t.deps, t.admin, keeper, {})).results).toEqual([
    { id: 1, name: 'Montréal' },
    { id: 2, name: 'Québec' },
  ]);
  expect(await scratchLeft()).toEqual([]);
}

const ROW = '<row><c t="inlineStr"><is><t>bomb</t></is></c></row>';
/** A sheet of 2 GiB of XML (a header, then the same row over and over), deflated to a few megabytes. */
const bombSheet = (): ZipPart => repeated('s', SHEET_HEAD + inlineRow(1, ['name']), ROW, Math.ceil((2 * GiB) / ROW.length), SHEET_TAIL);

describe('zip bombs', () => {
  let before: NodeJS.MemoryUsage;
  beforeAll(() => {
    collectGarbage();
    before = process.memoryUsage();
  });

  it('a sheet declaring 2 GiB is refused from the zip index, before anything is inflated', async () => {
    const sheet = bombSheet();
    expect(sheet.size).toBeGreaterThan(2 * GiB);
    const path = await book('bomb.xlsx', sheet);
    expect((await stat(path)).size).toBeLessThan(16 * MiB);
    const parts = workbookParts(sheet).filter((p) => p.name.startsWith('xl/'));
    const declared = parts.reduce((a, p) => a + p.size, 0);
    await expectRefused(path, expandsPastLimit(LIMIT, 'when unzipped', declared).message);
  });

  it('a sheet declaring 1 KiB that inflates to 2 GiB is stopped past its declared size', async () => {
    const path = await book('liar.xlsx', { ...bombSheet(), size: 1024 });
    await expectRefused(path, damaged('the sheet “Data” holds more than the size its zip index declares'));
  });

  it('a sheet under the limit whose one cell is 48 MiB of text is stopped at that cell', async () => {
    const sheet = repeated('s', SHEET_HEAD + inlineRow(1, ['a', 'b']) + '<row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="B7" t="inlineStr"><is><t>', 'y', 48 * MiB, '</t></is></c></row>' + SHEET_TAIL);
    expect(sheet.size).toBeLessThan(LIMIT);
    await expectRefused(await book('giant-cell.xlsx', sheet), cellTooLong('B7', 'Data'));
  });

  it('the process keeps none of it', () => {
    collectGarbage();
    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(150 * MiB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * MiB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * MiB);
  });
});

describe('cells, rows and damage', () => {
  it('a cell of 40,000 characters is refused, naming the cell', async () => {
    const sheet = deflated('s', SHEET_HEAD + inlineRow(1, ['a', 'b']) + inlineRow(7, ['short', 'z'.repeat(40_000)]) + SHEET_TAIL);
    await expectRefused(await book('long-cell.xlsx', sheet), cellTooLong('B7', 'Data'));
  });

  it('a shared text of 40,000 characters is refused at the cell that uses it', async () => {
    const strings = deflated('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>head</t></si><si><t>${'w'.repeat(40_000)}</t></si></sst>`);
    const sheet = deflated('s', `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="C2" t="s"><v>1</v></c></row>${SHEET_TAIL}`);
    const parts = workbookParts(sheet).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels'
        ? deflated(
            p.name,
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          )
        : p,
    );
    const path = join(dir, 'long-shared.xlsx');
    await writeFile(path, zipFile([...parts, strings]));
    await expectRefused(path, cellTooLong('C2', 'Data'));
  });

  it('a sheet with more rows than the limit is refused', async () => {
    const rows = Array.from({ length: MAX_ROWS * 5 }, (_, i) => inlineRow(i + 2, [String(i)])).join('');
    await expectRefused(await book('rows.xlsx', deflated('s', SHEET_HEAD + inlineRow(1, ['n']) + rows + SHEET_TAIL)), tooManyRows(MAX_ROWS).message);
  });

  it('a workbook cut in half says it is damaged', async () => {
    const whole = zipFile(workbookParts(deflated('s', SHEET_HEAD + inlineRow(1, ['a']) + inlineRow(2, ['1']) + SHEET_TAIL)));
    const path = join(dir, 'cut.xlsx');
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    await expectRefused(path, damaged('its zip index is missing or broken'));
  });

  it('a sheet whose compressed bytes are garbage says it is damaged', async () => {
    const garbage: ZipPart = { name: 's', data: Buffer.alloc(4096, 0xff), method: 8, size: 100_000, crc: 0 };
    await expectRefused(await book('garbage.xlsx', garbage), damaged('the sheet “Data” could not be unpacked'));
  });

  it('a sheet that is not XML says it is damaged', async () => {
    await expectRefused(await book('not-xml.xlsx', deflated('s', SHEET_HEAD + '<row><c><v>1</v></row>' + SHEET_TAIL)), damaged('the sheet “Data” is not well-formed'));
  });
});

describe('the reader alone', () => {
  const limits = { maxExpandedBytes: LIMIT, maxRows: MAX_ROWS };

  it('stops at the first row past the limit and leaves no CSV behind', async () => {
    // Rows past the limit, then 40 MiB more of them: the reader must not read on.
    const sheet = repeated('s', SHEET_HEAD + inlineRow(1, ['n']), '<row><c><v>1</v></c></row>', Math.floor((40 * MiB) / 26), SHEET_TAIL);
    const path = await book('many-rows.xlsx', sheet);
    const out = join(dir, 'many-rows.csv');
    const started = performance.now();
    await expect(xlsxToCsv(path, out, { limits })).rejects.toThrow(tooManyRows(MAX_ROWS).message);
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  /** A workbook whose only shared text is `text`, and whose sheet has `rows` rows of `cells` cells that all use it. */
  async function repeating(name: string, text: string, rows: number, cells: number): Promise<string> {
    const strings = deflated('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${text}</t></si></sst>`);
    const row = (r: number) => `<row r="${r}">${Array.from({ length: cells }, () => '<c t="s"><v>0</v></c>').join('')}</row>`;
    const sheet = deflated('s', SHEET_HEAD + Array.from({ length: rows }, (_, i) => row(i + 1)).join('') + SHEET_TAIL);
    const parts = workbookParts(sheet).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels'
        ? deflated(
            p.name,
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          )
        : p,
    );
    const path = join(dir, name);
    await writeFile(path, zipFile([...parts, strings]));
    return path;
  }

  it('refuses a sheet whose small XML repeats one long shared text past the limit as text', async () => {
    // 300 rows of 10 cells of 30,000 characters: 90 million characters from a sheet of a few kilobytes.
    const path = await repeating('amplified.xlsx', 'a'.repeat(30_000), 300, 10);
    const out = join(dir, 'amplified.csv');
    await expect(xlsxToCsv(path, out, { limits })).rejects.toThrow(expandsPastLimit(LIMIT, 'when its sheet is read as text').message);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a row holding more than 16 million characters', async () => {
    // One row of 600 cells of 30,000 characters: 18 million.
    const path = await repeating('wide-text.xlsx', 'b'.repeat(30_000), 1, 600);
    await expect(xlsxToCsv(path, join(dir, 'wide-text.csv'), { limits })).rejects.toThrow(
      'Row 1 of sheet “Data” holds more than 16,777,216 characters of text, more than Plaza reads in one row. Shorten the text in that row and upload the file again.',
    );
  });

  it('refuses a cell past column XFD rather than build a row that wide', async () => {
    const path = await book('wide.xlsx', deflated('s', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFE1"><v>1</v></c></row>${SHEET_TAIL}`));
    await expect(xlsxToCsv(path, join(dir, 'wide.csv'), { limits })).rejects.toThrow(damaged('cell XFE1 of sheet “Data” lies past column XFD, the last one Excel has'));
  });

  it('stops when its signal aborts, with the abort reason', async () => {
    const sheet = repeated('s', SHEET_HEAD + inlineRow(1, ['n']), '<row><c><v>1</v></c></row>', Math.floor((60 * MiB) / 26), SHEET_TAIL);
    const path = await book('aborted.xlsx', sheet);
    const out = join(dir, 'aborted.csv');
    const controller = new AbortController();
    const reason = new Error('The disk is nearly full.');
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();
    await expect(xlsxToCsv(path, out, { limits: { ...limits, maxRows: 1e9 }, signal: controller.signal })).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('holds at most 256 MiB of shared text, and refuses a workbook with more', async () => {
    expect(MAX_SHARED_TEXT).toBe(256 * MiB);
    // 3 MiB of distinct text against a bound of 2 MiB.
    const items = Array.from({ length: 3 * 1024 }, (_, i) => `<si><t>${String(i).padStart(1024, '.')}</t></si>`).join('');
    const path = join(dir, 'much-text.xlsx');
    await writeFile(path, zipFile([deflated('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items}</sst>`)]));
    const zip = await ZipParts.open(path);
    try {
      await expect(readSharedStrings(zip, 'xl/sharedStrings.xml', new Expansion(LIMIT), { maxBytes: 2 * MiB })).rejects.toThrow(
        /^The workbook holds more than 2 MiB of distinct text, more than Plaza reads from one workbook\. Split the workbook into smaller ones, or save the sheet as CSV and upload that\.$/,
      );
      const strings = await readSharedStrings(zip, 'xl/sharedStrings.xml', new Expansion(LIMIT), { maxBytes: 4 * MiB });
      expect(strings.count).toBe(3 * 1024);
      expect(strings.get(2047)).toEqual({ text: '2047'.padStart(1024, '.'), bytes: 1024 });
    } finally {
      zip.close();
    }
  });

  it('says nothing of its libraries or paths in any refusal', async () => {
    const messages: string[] = [];
    for (const f of ['liar.xlsx', 'cut.xlsx', 'garbage.xlsx', 'not-xml.xlsx']) {
      await xlsxToCsv(join(dir, f), join(dir, 'x.csv'), { limits }).catch((e: Error) => messages.push(e.message));
    }
    expect(messages).toHaveLength(4);
    for (const m of messages) expect(m).not.toMatch(/yauzl|saxes|zlib|Invalid|Error|\/tmp|plaza-|at .*\(/);
    expect(await readFile(join(dir, 'keeper.csv'), 'utf8')).toContain('Montréal');
  });
});
