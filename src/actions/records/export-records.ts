import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { EncoderFactory, ExportWriters } from '../../ports/export-writers.ts';
import { AppError } from '../../domain/errors.ts';
import { compileRecordsQuery, type CompiledQuery, type QueryField, type RecordsRequest } from '../../domain/query/index.ts';
import { ident, join as joinSql, raw, render, sql } from '../../domain/query/sql.ts';
import { noteUse } from '../catalog/read-datasets.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { Deps, Principal } from '../deps.ts';
import { exportFields, geoParquetColumns } from './export-fields.ts';
import { queryError } from './query-records.ts';
import { readyVersion, resolveVersion, type ReadableVersion } from './resolve-version.ts';

/** The export was stopped: its signal aborted (the client went away) or its destination closed early. */
export class ExportAborted extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportAborted';
  }
}

/** A prepared export: everything checked, nothing sent yet. */
export interface RecordsExport {
  format: string;
  /** `<slug>.<ext>`, or `<slug>-v<N>.<ext>` when a version was asked for. */
  filename: string;
  contentType: string;
  fields: QueryField[];
  /**
   * Runs the query and writes the file into `out`, then ends `out` and
   * resolves once `out` has written everything (`finish`). Rows are
   * streamed in constant memory, waiting on `out` when it is full; nothing is
   * written before the query has produced its first rows, so a failing query
   * rejects before the first byte. Aborting `signal` stops the query and
   * rejects with `ExportAborted`.
   */
  write(out: Writable, signal: AbortSignal): Promise<void>;
}

export interface ExportOptions {
  /** Most data rows a spreadsheet export may hold (default: Excel's 1,048,575). */
  maxSpreadsheetRows?: number;
  /** The format writers (default: the ones in `deps`). */
  writers?: ExportWriters;
  /** Whether the columns Plaza derived on ingest are written too when the query does not name its columns (default: no; see `exportFields`). */
  derived?: boolean;
  /** The version, already resolved for the principal (`readableVersion`), so that the export is of the version its entity tag named. */
  readable?: ReadableVersion;
}

/** Exports have no page cap: without `limit` they hold every matching row. */
const UNCAPPED = { maxLimit: Number.MAX_SAFE_INTEGER, defaultLimit: Number.MAX_SAFE_INTEGER };

/** Rows the export will hold: the count query's total, after offset and limit. */
async function exportedRows(deps: Deps, compiled: CompiledQuery): Promise<number> {
  const r = await deps.engine.query(compiled.countSql, compiled.countParams, { timeoutMs: deps.limits.queryTimeoutMs });
  const total = Number(r.rows[0]?.total_count ?? 0);
  return Math.max(0, Math.min(compiled.pageSize, total - compiled.offset));
}

/** An abort, or a destination closed early, is a cancelled export, whatever error it surfaced as. */
const cancelled = (e: unknown, out: Writable, signal: AbortSignal): unknown => (signal.aborted || out.destroyed ? new ExportAborted() : e);

/** Streams the query's rows through a row encoder. */
async function writeRows(deps: Deps, compiled: CompiledQuery, encoder: EncoderFactory, title: string, out: Writable, signal: AbortSignal): Promise<void> {
  const enc = encoder({ out, signal, fields: compiled.fields, title });
  let begun = false;
  try {
    await deps.engine.stream(
      compiled.sql,
      compiled.params,
      async (rows) => {
        if (!begun) {
          begun = true;
          await enc.begin();
        }
        // Encoders read only `fields`, which leaves the reserved `__` columns out, as `presentRow` does.
        await enc.rows(rows);
      },
      { signal },
    );
    // The engine ends a stream early, without an error, when the signal aborts.
    if (signal.aborted) throw new ExportAborted();
    if (!begun) await enc.begin();
    await enc.end();
  } catch (e) {
    throw cancelled(e, out, signal);
  }
}

/** Has the engine write the result (only the fields, typed as in the version) as Parquet in a scratch file, then streams that file. */
async function writeParquet(deps: Deps, writers: ExportWriters, compiled: CompiledQuery, columns: ColumnInfo[], out: Writable, signal: AbortSignal): Promise<void> {
  const scratch = await deps.scratch.acquire('export');
  const dir = scratch.path;
  try {
    const path = join(dir, 'export.parquet');
    const list = joinSql(compiled.fields.map((f) => ident(f.name)), ', ');
    const q = render(sql`SELECT ${list} FROM (${raw(compiled.sql)}) AS export_rows`);
    // Like the streamed formats, an export has no time budget; a client that goes away stops it.
    const geometry = geoParquetColumns(compiled.fields, columns);
    await deps.engine.copyToParquet(q.sql, compiled.params, path, { signal, ...(geometry ? { geometry } : {}) }).catch((e: unknown) => {
      throw signal.aborted ? new ExportAborted() : e;
    });
    if (signal.aborted) throw new ExportAborted();
    await writers.streamFile(path, out, signal).catch((e: unknown) => {
      throw cancelled(e, out, signal);
    });
  } finally {
    await scratch.release();
  }
}

/**
 * Prepares an export of a records query (same parameters as the records API,
 * without the page cap) in one of the writers' formats (csv, json, ndjson,
 * geojson, parquet, xlsx). Everything that can be refused is refused here,
 * before any byte is sent.
 */
export async function exportRecords(
  deps: Deps,
  p: Principal,
  datasetIdOrSlug: string,
  format: string,
  req: RecordsRequest,
  versionNumber?: number,
  opts: ExportOptions = {},
): Promise<RecordsExport> {
  const writers = opts.writers ?? deps.exportWriters;
  const info = writers.info(format);
  if (!info) {
    throw new AppError('bad_request', `"${format}" is not an export format. Use one of: ${writers.formats.join(', ')}.`, { format, formats: [...writers.formats] });
  }
  const { dataset, version, dataPath } = opts.readable ? await readyVersion(deps, opts.readable) : await resolveVersion(deps, p, datasetIdOrSlug, versionNumber);
  if (format === 'geojson' && !version.columns.some((c) => c.type === 'geometry')) {
    throw new AppError('not_found', `“${dataset.title}” has no column of places (points or areas), so it has no GeoJSON download. Download it as CSV, JSON, NDJSON, Parquet or XLSX instead.`, { format });
  }
  noteUse(deps, dataset, 'download');
  let compiled: CompiledQuery;
  try {
    compiled = compileRecordsQuery(req, version.columns, deps.engine.relation(dataPath), UNCAPPED);
  } catch (e) {
    throw queryError(e);
  }
  compiled = { ...compiled, fields: exportFields(compiled.fields, version.columns, req, format, opts.derived ?? false) };
  if (format === 'geojson' && !compiled.fields.some((f) => f.type === 'geometry')) {
    throw new AppError('bad_request', 'GeoJSON needs a geometry column, and this export has none. Select a geometry column, or export as CSV, JSON or another format.', {
      fields: compiled.fields.map((f) => f.name),
    });
  }
  if (format === 'xlsx') {
    const max = opts.maxSpreadsheetRows ?? writers.maxSpreadsheetRows;
    const rows = await exportedRows(deps, compiled);
    if (rows > max) {
      throw new AppError(
        'bad_request',
        `This export has ${rows.toLocaleString('en-US')} rows, more than a spreadsheet holds (${max.toLocaleString('en-US')}). Add a filter or a limit, or export as CSV or Parquet.`,
        { rows, max_rows: max },
      );
    }
  }
  const encoder = info.encoder;
  return {
    format,
    filename: `${dataset.slug}${versionNumber === undefined ? '' : `-v${version.number}`}.${info.extension}`,
    contentType: info.contentType,
    fields: compiled.fields,
    write: (out, signal) => (encoder ? writeRows(deps, compiled, encoder, dataset.slug, out, signal) : writeParquet(deps, writers, compiled, version.columns, out, signal)),
  };
}
