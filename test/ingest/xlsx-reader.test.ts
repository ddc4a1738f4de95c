/**
 * The workbook reader on real workbooks written by ExcelJS: what each kind of
 * cell becomes in the CSV text, computed here from the values written.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxToCsv } from '../../src/adapters/files/xlsx.ts';
import { parseCsv } from './support.ts';
import { deflated, inlineRow, SHEET_HEAD, SHEET_TAIL, workbookParts, zipFile } from './xlsx-zip.ts';
import { writeFile } from 'node:fs/promises';

const limits = { maxExpandedBytes: 64 * 1024 * 1024, maxRows: 100_000 };
let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-xlsx-reader-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function save(wb: ExcelJS.Workbook, opts: { useSharedStrings?: boolean } = {}): Promise<string> {
  const path = join(dir, `book-${++n}.xlsx`);
  await wb.xlsx.writeFile(path, opts);
  return path;
}

/** Reads a workbook's sheet; returns the sheet's name, its data row count and its CSV rows. */
async function read(path: string, sheet?: string) {
  const out = join(dir, `out-${++n}.csv`);
  const r = await xlsxToCsv(path, out, { limits, ...(sheet !== undefined ? { sheet } : {}) });
  return { ...r, csv: parseCsv(await readFile(out, 'utf8')) };
}

const DAY = 86_400_000;
/** ISO text of an instant, as the reader writes dates: the day alone at midnight. */
const iso = (ms: number): string => {
  const s = new Date(ms).toISOString();
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : s.replace(/\.000Z$/, 'Z');
};
/** Excel's 1900 system: day 1 is 1900-01-01 and it counts a 29 February 1900, so serials from 61 count from 1899-12-30. */
const excel1900 = (serial: number): number => (serial >= 1 && serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + Math.round(serial * DAY);

describe.each([true, false])('a workbook written with useSharedStrings: %s', (useSharedStrings) => {
  it('writes every kind of cell as text', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Cells');
    const header = ['text', 'number', 'date', 'rich', 'formula', 'bool', 'error', 'blank', 'last'];
    const rows: ExcelJS.CellValue[][] = [
      ['Côte-des-Neiges', 12500.5, new Date(Date.UTC(2024, 0, 16)), { richText: [{ text: 'bo' }, { text: 'ld', font: { bold: true } }] }, { formula: 'B2*2', result: 25001 }, true, { error: '#N/A' }, null, 'end'],
      ['a, "quoted"\nnote', -0.25, new Date(Date.UTC(2024, 1, 29, 10, 30, 15)), { richText: [{ text: 'é' }] }, { formula: 'A3&"!"', result: 'text!' }, false, { error: '#DIV/0!' }, null, ''],
      ['😀', 1e21, new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 500)), 'plain', { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, null, 'x'],
      ['', 0.1 + 0.2, null, null, { formula: 'NOW()' }, null, null, null, null],
    ];
    s.addRow(header);
    for (const r of rows) s.addRow(r);
    const got = await read(await save(wb, { useSharedStrings }));
    const text = (v: ExcelJS.CellValue): string => {
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return iso(v.getTime());
      if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
      if (typeof v === 'object' && 'formula' in v) return v.result === undefined || typeof v.result === 'object' ? '' : String(v.result);
      if (typeof v === 'object' && 'error' in v) return '';
      return String(v);
    };
    expect(got.sheet).toBe('Cells');
    expect(got.rows).toBe(rows.length);
    expect(got.csv).toEqual([header, ...rows.map((r) => r.map(text))]);
  });
});

describe('dates', () => {
  it('reads numbers whose format shows a date or time as ISO dates, and others as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Dates');
    // Serial numbers written as they are, each with a number format.
    const cases: [number, string, boolean][] = [
      [45_000, 'dd/mm/yyyy', true],
      [45_000.75, 'yyyy-mm-dd hh:mm:ss', true],
      [45_000.5, 'mmm d, yyyy', true],
      [0.5, 'h:mm', true],
      [1.25, '[h]:mm:ss', true],
      [36_526, '[$-409]d-mmm-yy;@', true],
      [1, 'yyyy-mm-dd', true],
      [59, 'yyyy-mm-dd', true],
      [61, 'yyyy-mm-dd', true],
      [45_000, '0.00', false],
      [45_000, '#,##0 "days"', false],
      [45_000, '[Red]0.0;[Blue]-0.0', false],
      [45_000, '0%', false],
      [45_000, '0.00E+00', false],
      [45_000, '\\d0', false],
      [3e7, 'yyyy-mm-dd', false],
    ];
    s.addRow(cases.map((_, i) => `c${i}`));
    const row = s.addRow(cases.map(([v]) => v));
    cases.forEach(([, fmt], i) => (row.getCell(i + 1).numFmt = fmt));
    const got = await read(await save(wb));
    // Past 9999-12-31 is no date Excel shows: the number stays a number.
    expect(got.csv[1]).toEqual(cases.map(([v, , date]) => (date ? iso(excel1900(v)) : String(v))));
    expect(got.csv[1]?.slice(6, 9)).toEqual(['1900-01-01', '1900-02-28', '1900-03-01']);
  });

  it('reads dates of the built-in formats ExcelJS writes, in the 1900 and 1904 systems', async () => {
    const dates = [new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(2024, 6, 4)), new Date(Date.UTC(2031, 2, 9, 6, 7, 8))];
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const s = wb.addWorksheet('When');
      s.addRow(['when']);
      for (const d of dates) s.addRow([d]);
      const got = await read(await save(wb));
      expect(got.csv.slice(1).map((r) => r[0])).toEqual(dates.map((d) => iso(d.getTime())));
    }
  });

  it('counts 1904 serials from 1904-01-01', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const s = wb.addWorksheet('When');
    s.addRow(['serial']);
    const serials = [0, 1, 366, 40_000.25];
    for (const v of serials) s.addRow([v]).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
    const got = await read(await save(wb));
    expect(got.csv.slice(1).map((r) => r[0])).toEqual(serials.map((v) => iso(Date.UTC(1904, 0, 1) + Math.round(v * DAY))));
  });
});

describe('rows, cells and sheets', () => {
  let book: string;
  const permits = [
    ['Permit', 'Ward', 'Note'],
    ['P-1', '06', 'first'],
    ['P-2'],
    ['P-3', '01', 'third', 'extra'],
  ];
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const chart = wb.addWorksheet('Blank');
    chart.getCell('A1').value = null;
    const s = wb.addWorksheet('Permits');
    // Two empty rows (an empty text, a styled empty cell) before the header, and one between the rows.
    s.getCell('A1').value = '';
    s.getCell('B2').numFmt = '0.00';
    s.getRow(3).values = permits[0]!;
    s.getRow(4).values = permits[1]!;
    s.getRow(6).values = permits[2]!;
    s.getRow(7).values = permits[3]!;
    const wards = wb.addWorksheet('Wards');
    wards.addRow(['Ward', 'Name']);
    wards.addRow([1, 'Ville-Marie']);
    book = await save(wb);
  });

  it('skips empty rows before the header, pads short rows, keeps long ones, and leaves out rows the sheet lacks', async () => {
    const got = await read(book, 'Permits');
    const width = permits[0]!.length;
    expect(got.csv).toEqual(permits.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]));
    expect(got.rows).toBe(permits.length - 1);
  });

  it('reads the first sheet unless one is named', async () => {
    await expect(read(book)).rejects.toThrow(/^The sheet "Blank" is empty\.$/);
    expect((await read(book, 'Wards')).csv).toEqual([
      ['Ward', 'Name'],
      ['1', 'Ville-Marie'],
    ]);
  });

  it('names the sheets when the one asked for is not there', async () => {
    await expect(read(book, 'Nope')).rejects.toThrow(/^The workbook has no sheet named "Nope" \(sheets: Blank, Permits, Wards\)\.$/);
  });

  it('refuses a workbook without sheets, and a zip that is no workbook', async () => {
    const none = join(dir, 'none.xlsx');
    const parts = workbookParts(deflated('s', SHEET_HEAD + inlineRow(1, ['a']) + SHEET_TAIL)).map((p) =>
      p.name === 'xl/workbook.xml' ? deflated(p.name, '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') : p,
    );
    await writeFile(none, zipFile(parts));
    await expect(read(none)).rejects.toThrow(/^The workbook has no sheets\.$/);
    const other = join(dir, 'other.zip');
    await writeFile(other, zipFile([deflated('readme.txt', 'hello'), deflated('data/points.csv', 'a,b\n1,2\n')]));
    await expect(read(other)).rejects.toThrow(/^The zip file is not an Excel workbook: it holds no list of sheets\./);
  });

  it('reads cells without references, phonetic guides left out, from a workbook another program wrote', async () => {
    const path = join(dir, 'hand.xlsx');
    const sheet =
      SHEET_HEAD +
      '<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>kana</t></is></c></row>' +
      '<row><c t="inlineStr"><is><r><t xml:space="preserve">東京 </t></r><r><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c><c><v>3</v></c></row>' +
      SHEET_TAIL;
    await writeFile(path, zipFile(workbookParts(deflated('s', sheet), 'Hand')));
    expect((await read(path)).csv).toEqual([
      ['name', 'kana'],
      ['東京 都', '3'],
    ]);
  });
});
