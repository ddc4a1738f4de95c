import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, csvEncoder } from '../../src/adapters/export/csv.ts';
import { geojsonEncoder } from '../../src/adapters/export/geojson.ts';
import { DestinationClosed, TextOutput } from '../../src/adapters/export/output.ts';
import { XLSX_MAX_CELL_CHARS, xlsxEncoder } from '../../src/adapters/export/xlsx.ts';
import type { QueryField } from '../../src/domain/query/index.ts';

const fields: QueryField[] = [
  { name: 'name', type: 'text', label: 'Name' },
  { name: 'open', type: 'boolean', label: 'Open' },
  { name: 'site', type: 'geometry', label: 'Site' },
];

async function encode(make: typeof csvEncoder, rows: Record<string, unknown>[]): Promise<string> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const enc = make({ out, signal: new AbortController().signal, fields, title: 't' });
  await enc.begin();
  await enc.rows(rows);
  await enc.end();
  return Buffer.concat(parts).toString('utf8');
}

describe('export encoders', () => {
  it('quotes CSV fields as RFC 4180 says, keeping empty text apart from null', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('""');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('writes only the fields, in order, leaving reserved columns out', async () => {
    const text = await encode(csvEncoder, [{ __rowid: 7, site: null, open: false, name: 'Ann, Bo' }]);
    expect(text).toBe('name,open,site\r\n"Ann, Bo",false,\r\n');
  });

  it('writes GeoJSON features with parsed geometry, null geometry kept null', async () => {
    const doc = JSON.parse(
      await encode(geojsonEncoder, [
        { name: 'a', open: true, site: '{"type":"Point","coordinates":[-73.9,40.7]}' },
        { name: 'b', open: null, site: null },
      ]),
    ) as unknown;
    expect(doc).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-73.9, 40.7] }, properties: { name: 'a', open: true } },
        { type: 'Feature', geometry: null, properties: { name: 'b', open: null } },
      ],
    });
  });

  it('cuts XLSX text at the 32,767 characters Excel holds in a cell', async () => {
    const long = '{"type":"Polygon","coordinates":[[' + '[-73.9,40.7],'.repeat(3000) + '[-73.9,40.7]]]}';
    expect(long.length).toBeGreaterThan(XLSX_MAX_CELL_CHARS);
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((r) => out.on('end', r));
    const enc = xlsxEncoder({ out, signal: new AbortController().signal, fields, title: 'sites' });
    await enc.begin();
    await enc.rows([{ name: 'big', open: true, site: long }]);
    await enc.end();
    await done;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const row = book.worksheets[0]?.getRow(2);
    expect(row?.getCell(1).value).toBe('big');
    expect(row?.getCell(3).value).toBe(long.slice(0, XLSX_MAX_CELL_CHARS));
  });

  it('waits for a full destination, and gives up when it closes', async () => {
    const taken: number[] = [];
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 2,
      write(chunk: Buffer, _enc, done) {
        taken.push(chunk.length);
        release = done;
      },
    });
    const text = new TextOutput(slow, new AbortController().signal, 4);
    const first = text.write('hello');
    await new Promise((r) => setTimeout(r, 20));
    let settled = false;
    void first.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(taken).toEqual([5]);
    expect(settled).toBe(false); // held by back-pressure
    release?.();
    await first;
    const second = text.write('again');
    slow.destroy();
    await expect(second).rejects.toBeInstanceOf(DestinationClosed);
  });
});
