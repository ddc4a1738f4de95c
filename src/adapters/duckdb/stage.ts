import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../domain/errors.ts';
import type { VersionSource } from '../../domain/catalog/types.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { StagedTable } from '../../ports/table-engine.ts';
import { open } from 'node:fs/promises';
import { firstRecord } from '../../domain/ingest/sniff.ts';
import { readProblems, rejectRows, type RejectRow } from './read-rejects.ts';
import { ident, sqlString } from './values.ts';

export const STAGE = 'staged';

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

/** How a delimited source was read, as recorded with the version. */
export const delimitedSource = (src: PreparedSource): VersionSource => ({
  format: src.format,
  encoding: src.encoding,
  delimiter: src.delimiter ?? ',',
  ...(src.compression ? { compression: src.compression } : {}),
  ...(src.sheet ? { sheet: src.sheet } : {}),
});

/**
 * Reads delimited text into a staging table with every column as text,
 * keeping what it could not read: one reject per record, named by the file's
 * headers and lines. Short rows are padded (read again) and reported.
 */
export async function stageDelimited(c: DuckDBConnection, src: PreparedSource): Promise<StagedTable> {
  const headers = await headerOf(src);
  const read = async (padding: boolean): Promise<RejectRow[]> => {
    await c.run('DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans');
    await c.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT * FROM ${readCsv(src, headers.length, { padding, rejects: true })}`);
    return rejectRows(c);
  };
  let rows = await read(false);
  const short = rows.filter((r) => r.error_type === 'MISSING COLUMNS');
  // Ragged rows: read again, padding short rows with empty values.
  if (short.length > 0) rows = await read(true);
  const problems = await readProblems(rows, { path: src.path, headers, delimiter: src.delimiter ?? ',', short });
  const count = (await c.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${STAGE}`)).getRowObjectsJson()[0]?.n;
  return { headers, rowCount: Number(count ?? 0), ...problems, source: delimitedSource(src) };
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
    // Records the preparer could not keep (GeoJSON features with invalid geometry) come first, by their number.
    const rejected = [...(src.rejected ?? []), ...staged.rejected];
    return { ...staged, rejected, ...(src.geometry ? { geometry: src.geometry } : {}) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_file', `The file could not be read as a table: ${engineMessage(e)}.`);
  }
}
