import { TextOutput } from './output.ts';
import type { EncoderInput, RowEncoder } from './types.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field of RFC 4180 CSV: nulls are empty, an empty string is `""`. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180): UTF-8, CRLF line ends, a header row of field names.
 * Booleans are `true`/`false`, dates and timestamps ISO 8601, geometry GeoJSON text.
 */
export function csvEncoder({ out, signal, fields }: EncoderInput): RowEncoder {
  const text = new TextOutput(out, signal);
  const names = fields.map((f) => f.name);
  return {
    begin: () => text.write(names.map(csvCell).join(',') + '\r\n'),
    async rows(rows) {
      for (const row of rows) await text.write(names.map((n) => csvCell(row[n])).join(',') + '\r\n');
    },
    end: () => text.end(),
  };
}
