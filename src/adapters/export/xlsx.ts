import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { QueryField } from '../../domain/query/index.ts';
import { DestinationClosed, drained, whenFinished } from './output.ts';
import type { EncoderInput, RowEncoder } from './types.ts';

/** Excel's sheet size: 1,048,576 rows, the first of which is the header. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;
/** Excel holds at most 32,767 characters in a cell; longer text is cut there. */
export const XLSX_MAX_CELL_CHARS = 32_767;

const DATE_FORMAT = 'yyyy-mm-dd';
const TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const sheetName = (title: string): string => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Data';

const text = (value: unknown): string => {
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s.length > XLSX_MAX_CELL_CHARS ? s.slice(0, XLSX_MAX_CELL_CHARS) : s;
};

/** An ISO date or timestamp as a Date (UTC wall time, as Excel has no time zones); undefined when it is not one. */
function dateOf(value: unknown, type: 'date' | 'timestamp'): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = type === 'date' ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}(:?\d{2})?)$/.test(value) ? value : `${value}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The cell value for a field: numbers as numbers, dates and timestamps as dates, everything else as text. */
function cellValue(field: QueryField, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : text(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : text(value);
    case 'date':
    case 'timestamp':
      return dateOf(value, field.type) ?? text(value);
    default:
      return text(value);
  }
}

/** A stream the zip reads from: Node's or the `readable-stream` package's (ExcelJS's archiver uses the latter). */
interface ZipInput extends Pick<Writable, 'once' | 'off'> {
  writableLength?: number;
  writableNeedDrain?: boolean;
  _writableState?: { length?: number; needDrain?: boolean };
}

/**
 * The streams the sheet's XML is handed to on its way into the zip. ExcelJS's
 * worksheet stream writes into them without waiting for them to drain, so
 * without pacing a slow download would pile the whole sheet up in memory.
 * This reaches into ExcelJS 4 (`worksheet.stream.pipes`, archiver's
 * PassThrough); if that changes, nothing is found and only `out` paces the
 * rows (the XLSX memory test then fails).
 */
function sheetInputs(sheet: ExcelJS.Worksheet): ZipInput[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return [];
  return pipes.filter((p): p is ZipInput => typeof p === 'object' && p !== null && typeof (p as ZipInput).once === 'function');
}

/** Sheet XML may wait this much for the zip before rows wait too: enough to keep the compressor busy. */
const MAX_PENDING_XML = 4 * 1024 * 1024;
const tooFull = (s: ZipInput): boolean =>
  (s.writableNeedDrain ?? s._writableState?.needDrain ?? false) && (s.writableLength ?? s._writableState?.length ?? 0) > MAX_PENDING_XML;

/**
 * XLSX through ExcelJS's streaming writer: one sheet, a bold header row of
 * field names, rows written and flushed as they come. The caller checks the
 * row count against `XLSX_MAX_DATA_ROWS` first.
 */
export function xlsxEncoder({ out, signal, fields, title }: EncoderInput): RowEncoder {
  const formats = fields.map((f) => (f.type === 'date' ? DATE_FORMAT : f.type === 'timestamp' ? TIMESTAMP_FORMAT : undefined));
  // Rejects when the reader goes away before the workbook is complete.
  const cutOff = new Promise<never>((_, reject) => {
    out.once('close', () => {
      if (!out.writableFinished) reject(new DestinationClosed());
    });
    signal.addEventListener('abort', () => reject(new DestinationClosed()), { once: true });
  });
  cutOff.catch(() => undefined);
  // Created in `begin`: the writer starts sending the zip as soon as it exists.
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  let sheet: ExcelJS.Worksheet | undefined;
  return {
    async begin() {
      // Loaded on the first XLSX export: ExcelJS takes longer to load than a small ingest takes to run.
      const { default: excel } = await import('exceljs');
      workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      workbook.creator = 'Plaza';
      sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = fields.map((f) => ({ key: f.name, width: f.type === 'timestamp' ? 20 : f.type === 'date' ? 12 : Math.min(40, Math.max(10, f.name.length + 2)) }));
      const header = sheet.addRow(fields.map((f) => f.name));
      header.font = { bold: true };
      header.commit();
    },
    async rows(rows) {
      if (!sheet) throw new Error('xlsxEncoder: rows before begin');
      if (signal.aborted || out.destroyed) throw new DestinationClosed();
      for (const r of rows) {
        const row = sheet.addRow(fields.map((f) => cellValue(f, r[f.name])));
        formats.forEach((fmt, i) => {
          if (fmt) row.getCell(i + 1).numFmt = fmt;
        });
        row.commit();
      }
      // Wait for the zip to take the sheet's XML and for `out` to take the zip, so rows do not pile up in memory.
      for (const input of sheetInputs(sheet)) if (tooFull(input)) await drained(input, signal);
      if (out.writableNeedDrain) await drained(out, signal);
    },
    async end() {
      if (!workbook) throw new Error('xlsxEncoder: end before begin');
      // Commits the sheet and the workbook's other parts; the zip ends `out` when complete.
      await Promise.race([workbook.commit(), cutOff]);
      await whenFinished(out, signal);
    },
  };
}
