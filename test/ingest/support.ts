/**
 * Helpers for the ingest tests: an independent RFC 4180 reader (so expected
 * counts do not come from the code under test), and small file builders.
 */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { fixture } from '../support/plaza.ts';

/** Parses delimited text into records (quotes, doubled quotes, CRLF and newlines inside quotes). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const tables = new Map<string, { header: string[]; rows: string[][] }>();

/** A fixture CSV as header + records, decoded with the given encoding (parsed once per file and options). */
export function readTable(rel: string, opts: { encoding?: string; delimiter?: string } = {}): { header: string[]; rows: string[][] } {
  const key = `${rel}|${opts.encoding ?? ''}|${opts.delimiter ?? ''}`;
  const hit = tables.get(key);
  if (hit) return hit;
  const bytes = readFileSync(fixture(rel));
  const text = opts.encoding ? iconv.decode(bytes, opts.encoding) : bytes.toString('utf8');
  const [header, ...rows] = parseCsv(text, opts.delimiter ?? ',');
  const table = { header: header ?? [], rows };
  tables.set(key, table);
  return table;
}

/** Counts of each value of one column, the way a profile's `top` lists them. */
export function valueCounts(rows: string[][], index: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const v = (r[index] ?? '').trim();
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

/** Reads a whole stream as UTF-8 text. */
export async function streamText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks).toString('utf8');
}
