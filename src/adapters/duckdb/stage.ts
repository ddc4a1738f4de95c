import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../domain/errors.ts';
import type { IngestIssue, VersionSource } from '../../domain/catalog/types.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { RejectedRecord, StagedTable } from '../../ports/table-engine.ts';
import { open } from 'node:fs/promises';
import { firstRecord } from '../../domain/ingest/sniff.ts';
import { ident, sqlString } from './values.ts';

export const STAGE = 'staged';

export interface RejectRow {
  line: number | string;
  column_name: string | null;
  error_type: string;
  error_message: string;
  csv_line: string | null;
}

/** The staging table's name for the i-th source column: user text never becomes an identifier. */
export const stagedColumn = (i: number): string => `c${i}`;

/** `read_csv` of a prepared source into text columns c0..cN; `rejects` keeps unreadable rows in `stage_rejects`, else they are skipped. */
export const readCsv = (src: PreparedSource, width: number, opts: { padding: boolean; rejects: boolean; smallBuffer?: boolean }): string =>
  `read_csv(${sqlString(src.path)}, header=true, delim=${sqlString(src.delimiter ?? ',')}, quote='"', escape='"', ` +
  `columns={${Array.from({ length: width }, (_, i) => `'${stagedColumn(i)}': 'VARCHAR'`).join(', ')}}, ` +
  `strict_mode=true, null_padding=${opts.padding}, ` +
  (opts.rejects ? `store_rejects=true, rejects_table='stage_rejects', rejects_scan='stage_scans', ` : 'ignore_errors=true, ') +
  // A small buffer makes reading only the first rows of a large file cheap.
  (opts.smallBuffer ? 'buffer_size=2097152, ' : '') +
  'auto_detect=false)';

export const headerOf = async (src: PreparedSource): Promise<string[]> => {
  const fh = await open(src.path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return firstRecord(buf.subarray(0, bytesRead).toString('utf8'), src.delimiter ?? ',');
  } finally {
    await fh.close();
  }
};

export const issue = (r: RejectRow): RejectedRecord => {
  const line = Number(r.line);
  const msg = r.error_message.split('\n')[0] ?? r.error_type;
  const readable =
    r.error_type === 'TOO MANY COLUMNS'
      ? `line ${line} has more fields than the header (${msg.replace(/^Expected Number of Columns: /, 'expected ').replace(' Found: ', ', found ')})`
      : r.error_type === 'UNQUOTED VALUE'
        ? `line ${line} has a quote inside an unquoted value`
        : r.error_type === 'MISSING COLUMNS'
          ? `line ${line} has fewer fields than the header`
          : `line ${line}: ${msg}`;
  return { row: null, line, column: r.column_name, message: readable, record: (r.csv_line ?? '').replace(/^\r?\n/, '') };
};

/** How a delimited source was read, as recorded with the version. */
export const delimitedSource = (src: PreparedSource): VersionSource => ({
  format: src.format,
  encoding: src.encoding,
  delimiter: src.delimiter ?? ',',
  ...(src.compression ? { compression: src.compression } : {}),
  ...(src.sheet ? { sheet: src.sheet } : {}),
});

/** Reads delimited text into a staging table with every column as text, keeping what it could not read. */
export async function stageDelimited(c: DuckDBConnection, src: PreparedSource): Promise<StagedTable> {
  const headers = await headerOf(src);
  await c.run('DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans');
  await c.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT * FROM ${readCsv(src, headers.length, { padding: false, rejects: true })}`);
  let rejects = (await c.runAndReadAll('SELECT line, column_name, error_type, error_message, csv_line FROM stage_rejects ORDER BY line')).getRowObjectsJson() as unknown as RejectRow[];
  const warnings: IngestIssue[] = [];
  const short = rejects.filter((r) => r.error_type === 'MISSING COLUMNS');
  if (short.length > 0) {
    // Ragged rows: read again, padding short rows with empty values, and report them.
    await c.run('DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans');
    await c.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT * FROM ${readCsv(src, headers.length, { padding: true, rejects: true })}`);
    rejects = (await c.runAndReadAll('SELECT line, column_name, error_type, error_message, csv_line FROM stage_rejects ORDER BY line')).getRowObjectsJson() as unknown as RejectRow[];
    const lines = short.map((r) => Number(r.line));
    const shown = lines.slice(0, 10).join(', ');
    warnings.push({
      row: null,
      line: lines[0] ?? null,
      column: null,
      message: `${short.length} rows have fewer fields than the header's ${headers.length}; their missing fields were left empty (lines ${shown}${lines.length > 10 ? ', …' : ''}).`,
    });
  }
  const count = (await c.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${STAGE}`)).getRowObjectsJson()[0]?.n;
  return {
    headers,
    rowCount: Number(count ?? 0),
    rejected: rejects.map(issue),
    warnings,
    warnedRows: short.length,
    source: delimitedSource(src),
  };
}

/**
 * DuckDB's message for a reading error, for people: no error class, no
 * server paths, first line only.
 */
export function engineMessage(e: unknown): string {
  const first = ((e as Error).message ?? String(e)).split('\n')[0] ?? '';
  return first
    .replace(/^[A-Za-z ]*Error: /, '')
    .replace(/ in file "[^"]*"/g, '')
    .replace(/"\/[^"]*"/g, 'the file')
    .replace(/[.\s]+$/, '');
}

/** The last non-blank character of a file, to tell a complete JSON array from a cut one. */
async function lastChar(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const n = Math.min(size, 4096);
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, size - n);
    return buf.toString('utf8').trimEnd().slice(-1);
  } finally {
    await fh.close();
  }
}

/** Reads a JSON array of objects or NDJSON; nested values are kept as JSON text. */
async function stageJson(c: DuckDBConnection, src: PreparedSource): Promise<StagedTable> {
  if (src.format === 'json' && (await lastChar(src.path)) !== ']') {
    throw new AppError('bad_file', 'The JSON array is not closed: the file ends before its final "]". It may have been cut short; upload the complete file.');
  }
  const format = src.format === 'ndjson' ? 'newline_delimited' : 'array';
  const read = `read_json(${sqlString(src.path)}, format='${format}', records=true, sample_size=-1, maximum_object_size=67108864, union_by_name=true)`;
  let described: { column_name: string; column_type: string }[];
  try {
    described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${read}`)).getRowObjectsJson() as unknown as typeof described;
  } catch (e) {
    throw new AppError('bad_file', `The JSON could not be read: ${engineMessage(e)}. Plaza loads an array of objects or one object per line.`);
  }
  if (described.length === 1 && described[0]?.column_name === 'json') {
    throw new AppError('bad_file', 'The JSON holds values that are not objects; Plaza loads an array of objects or one object per line.');
  }
  const cols = described.map((d, i) => {
    const simple = /^(VARCHAR|BIGINT|INTEGER|DOUBLE|BOOLEAN|DATE|TIMESTAMP|TIME|UBIGINT|HUGEINT|FLOAT|DECIMAL.*)$/.test(d.column_type);
    const expr = simple ? `CAST(${ident(d.column_name)} AS VARCHAR)` : `CAST(to_json(${ident(d.column_name)}) AS VARCHAR)`;
    return `${expr} AS ${stagedColumn(i)}`;
  });
  await c.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT ${cols.join(', ')} FROM ${read}`);
  const count = (await c.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${STAGE}`)).getRowObjectsJson()[0]?.n;
  return {
    headers: described.map((d) => d.column_name),
    rowCount: Number(count ?? 0),
    rejected: [],
    warnings: [],
    warnedRows: 0,
    source: { format: src.format, encoding: src.encoding, ...(src.compression ? { compression: src.compression } : {}) },
  };
}

export async function stage(c: DuckDBConnection, src: PreparedSource): Promise<StagedTable> {
  try {
    if (src.format === 'json' || src.format === 'ndjson') return await stageJson(c, src);
    const staged = await stageDelimited(c, src);
    return src.geometry ? { ...staged, geometry: src.geometry } : staged;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_file', `The file could not be read as a table: ${engineMessage(e)}.`);
  }
}
