import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.ts';
import { CsvFileWriter } from './csv-writer.ts';
import type { IngestLimits } from '../../domain/ingest/limits.ts';

export interface XlsxOptions {
  sheet?: string;
  limits: IngestLimits;
  signal?: AbortSignal;
}

function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Streams one sheet of a workbook (the first, or the one named) into CSV
 * text. The first non-empty row is the header.
 */
export async function xlsxToCsv(path: string, outPath: string, opts: XlsxOptions): Promise<{ sheet: string; rows: number }> {
  const sheetName = opts.sheet;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const out = new CsvFileWriter(outPath);
  const names: string[] = [];
  let used: string | undefined;
  let rows = 0;
  let width = 0;
  try {
    for await (const sheet of reader) {
      // ExcelJS types the streamed worksheet loosely; its name is on the reader's model.
      const ws = sheet as unknown as { name?: string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
      const name = ws.name ?? `Sheet${names.length + 1}`;
      names.push(name);
      if (used !== undefined || (sheetName !== undefined && name !== sheetName)) continue;
      used = name;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (rows === 0) {
          if (values.every((v) => v === null || v === '')) continue;
          width = values.length;
        }
        while (values.length < width) values.push(null);
        await out.row(values.slice(0, Math.max(width, values.length)));
        rows++;
      }
    }
  } catch (e) {
    await out.close();
    throw new AppError('bad_file', `The Excel workbook could not be read: ${(e as Error).message}.`);
  }
  await out.close();
  if (used === undefined) {
    const which = sheetName ? `has no sheet named "${sheetName}" (sheets: ${names.join(', ') || 'none'})` : 'has no sheets';
    throw new AppError('bad_file', `The workbook ${which}.`);
  }
  if (rows === 0) throw new AppError('bad_file', `The sheet "${used}" is empty.`);
  return { sheet: used, rows: rows - 1 };
}
