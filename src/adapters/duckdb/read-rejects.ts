import type { DuckDBConnection } from '@duckdb/node-api';
import { createReadStream } from 'node:fs';
import type { IngestIssue, RejectedRecord } from '../../domain/catalog/types.ts';

/**
 * What DuckDB's `stage_rejects` says about the records a `read_csv` could not
 * read, turned into one entry per record for the publisher: DuckDB writes a
 * row per problem (a line with two extra fields gets two), counts lines as
 * records (a value spanning lines shifts every later number), and names
 * columns by the staging table's internal names.
 */
export interface RejectRow {
  line_byte_position: number | string;
  byte_position: number | string;
  column_idx: number | string | null;
  error_type: string;
  error_message: string;
  csv_line: string | null;
}

/** Every row of the last read's `stage_rejects`, in file order. */
export async function rejectRows(c: DuckDBConnection): Promise<RejectRow[]> {
  const sql = 'SELECT line_byte_position, byte_position, column_idx, error_type, error_message, csv_line FROM stage_rejects ORDER BY line_byte_position, byte_position';
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as unknown as RejectRow[];
}

/** One record DuckDB could not read, with all its problems. */
export interface BadRecord {
  /** Byte offset in the file where the record's text starts. */
  start: number;
  /** The record as it stands in the file, without line breaks around it (DuckDB keeps at most 10,000 characters). */
  text: string;
  problems: RejectRow[];
}

const LEADING_BREAKS = /^[\r\n]*/;

/** Groups DuckDB's rows by record: its line position, moved past the line breaks DuckDB includes before some records. */
export function badRecords(rows: RejectRow[]): BadRecord[] {
  const byStart = new Map<number, BadRecord>();
  for (const r of rows) {
    const raw = r.csv_line ?? '';
    const breaks = (LEADING_BREAKS.exec(raw)?.[0] ?? '').length;
    // line_byte_position counts from 1; the record starts after any line breaks DuckDB kept in front of it.
    const start = Math.max(0, Number(r.line_byte_position) - 1) + breaks;
    const record = byStart.get(start) ?? { start, text: raw.slice(breaks).replace(/\r?\n$/, ''), problems: [] };
    record.problems.push(r);
    byStart.set(start, record);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** The line break a file uses: `\n` (also for `\r\n`), or `\r` for a file without any `\n`. */
async function lineBreak(path: string): Promise<number> {
  for await (const chunk of createReadStream(path, { end: 65535 }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0x0a)) return 0x0a;
    if (chunk.includes(0x0d)) return 0x0d;
  }
  return 0x0a;
}

/**
 * The line of the file each byte offset is on, counting from 1, read in one
 * pass that stops after the last offset; with `toEnd`, also the file's last line.
 */
export async function linesAt(path: string, offsets: number[], toEnd: boolean): Promise<{ line: (offset: number) => number; lastLine: number }> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map<number, number>();
  const brk = await lineBreak(path);
  let breaks = 0;
  let base = 0;
  let next = 0;
  let lastByte = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(brk, from);
      const pos = at < 0 ? Infinity : base + at;
      // Offsets before this break are on the current line.
      while (next < wanted.length && (wanted[next] as number) <= pos && (wanted[next] as number) < base + chunk.length) {
        found.set(wanted[next] as number, breaks + 1);
        next++;
      }
      if (at < 0) break;
      breaks++;
      from = at + 1;
    }
    base += chunk.length;
    lastByte = chunk[chunk.length - 1] ?? lastByte;
    if (!toEnd && next >= wanted.length) break;
  }
  for (; next < wanted.length; next++) found.set(wanted[next] as number, breaks + 1);
  const lastLine = lastByte === brk || lastByte === -1 ? breaks : breaks + 1;
  return { line: (offset) => found.get(offset) ?? 1, lastLine };
}

/** Whether the quoted value in field `index` (1-based) of a record's text is never closed. */
export function quoteNeverCloses(text: string, index: number, delimiter: string): boolean {
  let field = 1;
  let i = 0;
  while (field < index && i < text.length) {
    if (text[i] === '"') {
      // A quoted field: skip to its closing quote.
      for (i++; i < text.length; i++) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') i++;
          else break;
        }
      }
    }
    const d = text.indexOf(delimiter, i);
    if (d < 0) return false;
    i = d + delimiter.length;
    field++;
  }
  if (text[i] !== '"') return false;
  for (i++; i < text.length; i++) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') i++;
      else return false;
    }
  }
  return true;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** What the reader of the rejects is told about one record, named by the file's own headers and lines. */
export function rejectedRecord(r: BadRecord, ctx: { headers: string[]; delimiter: string; line: number; lastLine: number }): RejectedRecord {
  const columnAt = (idx: number | string | null): string | null => {
    if (idx === null) return null;
    const i = Number(idx) - 1;
    return ctx.headers[i] ?? null;
  };
  const named = (idx: number | string | null): string => {
    const name = columnAt(idx);
    return name !== null ? `column "${name}"` : `field ${count(Number(idx))} (past the header's last column)`;
  };
  const parts: string[] = [];
  let column: string | null = null;
  const tooMany = r.problems.filter((p) => p.error_type === 'TOO MANY COLUMNS');
  for (const p of r.problems) {
    if (p.error_type === 'TOO MANY COLUMNS') {
      if (p !== tooMany[0]) continue;
      const found = Math.max(...tooMany.map((t) => Number(/Found: (\d+)/.exec(t.error_message)?.[1] ?? 0)), ctx.headers.length + 1);
      parts.push(`has more fields than the header (${count(found)} where the header has ${count(ctx.headers.length)})`);
    } else if (p.error_type === 'UNQUOTED VALUE') {
      column ??= columnAt(p.column_idx);
      if (quoteNeverCloses(r.text, Number(p.column_idx), ctx.delimiter)) {
        const rest = ctx.lastLine > ctx.line ? `: the rest of the file, lines ${count(ctx.line)} to ${count(ctx.lastLine)}, could not be read` : '';
        parts.push(`opens a quote in ${named(p.column_idx)} that is never closed${rest}`);
      } else {
        parts.push(`has a quote inside an unquoted value in ${named(p.column_idx)}`);
      }
    } else if (p.error_type === 'MISSING COLUMNS') {
      // Reported as a warning when rows are padded; here only beside another problem of the same record.
      if (!parts.includes('has fewer fields than the header')) parts.push('has fewer fields than the header');
    } else {
      column ??= columnAt(p.column_idx);
      const msg = (p.error_message.split('\n')[0] ?? p.error_type).replace(/[.\s]+$/, '');
      parts.push(`could not be read (${msg})`);
    }
  }
  return { row: null, line: ctx.line, column, message: `line ${count(ctx.line)} ${parts.join('; it ')}`, record: r.text };
}

/**
 * The records DuckDB could not read, one entry each, and the short records
 * it padded (from a first read without padding), as a warning. `short` rows
 * that were rejected anyway are not counted as padded.
 */
export async function readProblems(
  rows: RejectRow[],
  opts: { path: string; headers: string[]; delimiter: string; short?: RejectRow[] },
): Promise<{ rejected: RejectedRecord[]; warnings: IngestIssue[]; warnedRows: number }> {
  const bad = badRecords(rows);
  const rejectedStarts = new Set(bad.map((b) => b.start));
  const short = badRecords(opts.short ?? []).filter((s) => !rejectedStarts.has(s.start));
  if (bad.length === 0 && short.length === 0) return { rejected: [], warnings: [], warnedRows: 0 };
  const toEnd = bad.some((b) => b.problems.some((p) => p.error_type === 'UNQUOTED VALUE'));
  const lines = await linesAt(opts.path, [...bad, ...short].map((b) => b.start), toEnd);
  const rejected = bad.map((b) => rejectedRecord(b, { headers: opts.headers, delimiter: opts.delimiter, line: lines.line(b.start), lastLine: lines.lastLine }));
  const warnings: IngestIssue[] = [];
  if (short.length > 0) {
    const shortLines = short.map((s) => lines.line(s.start));
    const shown = shortLines.slice(0, 10).map(count).join(', ');
    const n = short.length;
    warnings.push({
      row: null,
      line: shortLines[0] ?? null,
      column: null,
      message:
        `${count(n)} ${n === 1 ? 'row has' : 'rows have'} fewer fields than the header's ${count(opts.headers.length)}; ` +
        `${n === 1 ? 'its' : 'their'} missing fields were left empty (${n === 1 ? 'line' : 'lines'} ${shown}${n > 10 ? ', …' : ''}).`,
    });
  }
  return { rejected, warnings, warnedRows: short.length };
}
