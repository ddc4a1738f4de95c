import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { AppError } from '../../domain/errors.ts';
import { extensionOf, extensionProblem, sniffBytes, textShape, type Sniffed, type TextShape } from '../../domain/ingest/detect.ts';
import type { IngestLimits } from '../../domain/ingest/limits.ts';
import type { RecordShape } from '../../domain/ingest/record-count.ts';
import { sniffDelimiter } from '../../domain/ingest/sniff.ts';
import type { PreparedSource, PrepareOptions, SourcePreparer } from '../../ports/source-preparer.ts';
import { ExpansionMeter } from './expansion.ts';
import { geojsonToCsv } from './geojson.ts';
import { fileIsUtf8 } from './utf8.ts';
import { xlsxToCsv } from './xlsx.ts';

async function readHead(path: string, bytes = 65536): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Refuses, from its first bytes, what cannot be a table: said before anything is expanded or written. */
function refuseNonTable(sniffed: Sniffed): asserts sniffed is Exclude<Sniffed, { kind: 'gzip' } | { kind: 'binary' }> {
  if (sniffed.kind === 'gzip') throw new AppError('bad_file', 'The file is compressed twice with gzip; decompress it once and upload again.');
  if (sniffed.kind === 'binary') throw new AppError('bad_file', `This is ${sniffed.what}, not a data file Plaza can load. Upload CSV, TSV, JSON, NDJSON, GeoJSON or XLSX.`);
}

/** How to count the records of text that starts with these bytes, or null where a record is not a line (JSON, GeoJSON, a workbook, UTF-16). */
function recordShape(head: Buffer): RecordShape | null {
  const sniffed = sniffBytes(head);
  refuseNonTable(sniffed);
  if (sniffed.kind !== 'text' || sniffed.utf16) return null;
  const shape = textShape(head.toString('utf8').replace(/^\uFEFF/, ''));
  return shape === 'delimited' ? 'delimited' : shape === 'ndjson' ? 'lines' : null;
}

async function gunzipTo(path: string, out: string, opts: PrepareOptions): Promise<void> {
  const meter = new ExpansionMeter({ limits: opts.limits, how: 'when decompressed', inspect: recordShape, signal: opts.signal });
  try {
    await pipeline(createReadStream(path), createGunzip(), meter, createWriteStream(out));
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (opts.signal?.aborted) throw opts.signal.reason as Error;
    const msg = (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'it ends too early (truncated)' : (e as Error).message;
    throw new AppError('bad_file', `The gzip file could not be decompressed: ${msg}. Upload the complete file again.`);
  }
}

async function transcode(path: string, out: string, encoding: string, skip: number, opts: PrepareOptions): Promise<void> {
  const meter = new ExpansionMeter({ limits: opts.limits, how: 'when converted to UTF-8', inspect: recordShape, signal: opts.signal });
  await pipeline(createReadStream(path, { start: skip }), iconv.decodeStream(encoding), iconv.encodeStream('utf8'), meter, createWriteStream(out));
}

/** The size a gzip file's trailer gives for its content (modulo 4 GiB, as the format keeps it). */
async function gzipContentSize(path: string, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, Math.max(0, size - 4));
    return buf.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}

/**
 * Turns any accepted upload into UTF-8 text DuckDB can read: decompresses
 * gzip, detects the encoding from the bytes (BOM, UTF-16 patterns, UTF-8
 * validity of the whole file, else Windows-1252), converts GeoJSON and XLSX to
 * CSV, and sniffs the delimiter of delimited text.
 */
export class LocalSourcePreparer implements SourcePreparer {
  async scratchNeeded(rawPath: string, limits: IngestLimits): Promise<number> {
    const { size } = await stat(rawPath);
    const sniffed = sniffBytes(await readHead(rawPath, 4));
    if (sniffed.kind === 'gzip') {
      const expanded = Math.min(limits.maxExpandedBytes, Math.max(size, await gzipContentSize(rawPath, size)));
      return 2 * expanded;
    }
    // A workbook's sheets are XML several times larger than the table they hold.
    if (sniffed.kind === 'zip') return 2 * Math.min(limits.maxExpandedBytes, 4 * size);
    // The table and its Parquet file, and a UTF-8 copy when the text is in another encoding.
    return 2 * size;
  }

  async prepare(rawPath: string, filename: string, scratch: string, opts: PrepareOptions): Promise<PreparedSource> {
    let path = rawPath;
    let compression: string | undefined;
    let head = await readHead(path);
    let sniffed = sniffBytes(head);
    if (sniffed.kind === 'gzip') {
      compression = 'gzip';
      path = join(scratch, 'decompressed');
      await gunzipTo(rawPath, path, opts);
      head = await readHead(path);
      sniffed = sniffBytes(head);
    }
    if (sniffed.kind === 'empty') throw new AppError('bad_file', 'The file is empty: it has no bytes at all.');
    refuseNonTable(sniffed);
    if (sniffed.kind === 'zip') {
      const problem = extensionProblem(filename, 'xlsx');
      const { ext } = extensionOf(filename);
      if (problem && ext !== 'zip') throw new AppError('bad_file', problem);
      const out = join(scratch, 'sheet.csv');
      const { sheet } = await xlsxToCsv(path, out, { limits: opts.limits, ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
      return { path: out, format: 'xlsx', encoding: 'utf-8', delimiter: ',', sheet, ...(compression ? { compression } : {}) };
    }

    let encoding: string;
    let skip = 0;
    if (sniffed.bom === 'utf-8') {
      encoding = 'utf-8';
      skip = 3;
    } else if (sniffed.utf16) {
      encoding = sniffed.utf16;
      skip = sniffed.bom ? 2 : 0;
    } else {
      encoding = (await fileIsUtf8(path)) ? 'utf-8' : 'windows-1252';
    }
    if (encoding !== 'utf-8' || skip > 0) {
      const out = join(scratch, 'utf8.txt');
      await transcode(path, out, encoding, skip, opts);
      path = out;
    }
    if ((await stat(path)).size === 0) throw new AppError('bad_file', 'The file is empty: it has no text.');
    const text = (await readHead(path, 262144)).toString('utf8');
    if (text.trim() === '') throw new AppError('bad_file', 'The file is empty: it holds only blank space.');
    const shape: TextShape = textShape(text);
    const problem = extensionProblem(filename, shape);
    if (problem) throw new AppError('bad_file', problem);
    const base = { encoding, ...(compression ? { compression } : {}) };

    if (shape === 'geojson') {
      const out = join(scratch, 'features.csv');
      const conv = await geojsonToCsv(path, out, { limits: opts.limits, ...(opts.signal ? { signal: opts.signal } : {}) });
      return {
        ...base,
        path: out,
        format: 'geojson',
        delimiter: ',',
        geometry: { column: conv.geometry, latitude: conv.latitude, longitude: conv.longitude },
        ...(conv.rejected.length > 0 ? { rejected: conv.rejected } : {}),
      };
    }
    if (shape === 'json' || shape === 'ndjson') return { ...base, path, format: shape };
    // No delimiter on the first line: a table of one column.
    const delimiter = sniffDelimiter(text)?.delimiter ?? ',';
    const { ext } = extensionOf(filename);
    return { ...base, path, format: ext === 'tsv' || delimiter === '\t' ? 'tsv' : 'csv', delimiter };
  }
}
