import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../domain/errors.ts';
import type { GeoParquetColumns, IngestBounds, IngestSession, QueryResult, RowSink, TableEngine } from '../../ports/table-engine.ts';
import { copyGeoParquet, WkbFunction } from './geoparquet.ts';
import { DuckIngestSession } from './ingest-session.ts';
import { objectRows, rowsFromReader } from './rows.ts';
import { ROWID } from '../../domain/table/types.ts';
import { ident, sqlString, toDuckValues } from './values.ts';

/** Cached results kept at most (counts: a few dozen bytes each). */
const CACHE_ENTRIES = 5000;

/** Interrupts the connection's running statement when the signal aborts; returns the undo. */
function interruptOnAbort(c: DuckDBConnection, signal: AbortSignal | undefined): () => void {
  const onAbort = (): void => c.interrupt();
  signal?.addEventListener('abort', onAbort);
  return () => signal?.removeEventListener('abort', onAbort);
}

export interface DuckEngineOptions {
  /**
   * Delimited files at least this large are written straight from the file to
   * Parquet when the sample's types hold (one scan); smaller ones are staged
   * whole first, so inference sees every row. Default 16 MiB.
   */
  directWriteBytes?: number;
  threads?: number | undefined;
  memoryLimit?: string;
  tempDir?: string;
}

/** The table engine on DuckDB, reading each version's Parquet file. */
export class DuckTableEngine implements TableEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly directBytes: number,
  ) {}

  static async create(opts: DuckEngineOptions = {}): Promise<DuckTableEngine> {
    const config: Record<string, string> = {
      memory_limit: opts.memoryLimit ?? '1GB',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      // Queries without ORDER BY return rows in file order (__rowid order); the compiler relies on it.
      preserve_insertion_order: 'true',
    };
    if (opts.threads) config.threads = String(opts.threads);
    if (opts.tempDir) config.temp_directory = opts.tempDir;
    const instance = await DuckDBInstance.create(':memory:', config);
    const engine = new DuckTableEngine(instance, opts.directWriteBytes ?? 16 * 1024 * 1024);
    const c = await engine.connect();
    // Versions are immutable files: their Parquet footers can be cached across queries.
    await c.run('SET GLOBAL parquet_metadata_cache = true');
    await c.run("SET GLOBAL TimeZone = 'UTC'");
    c.closeSync();
    return engine;
  }

  /** Idle connections kept for the next query: opening one costs more than many small queries. */
  private readonly idle: DuckDBConnection[] = [];

  /** A new connection (time zone UTC, set globally at creation). */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  private async acquire(): Promise<DuckDBConnection> {
    return this.idle.pop() ?? (await this.connect());
  }

  /** Returns a connection to the pool, or closes it when it was interrupted or the pool is full. */
  private release(c: DuckDBConnection, reusable: boolean): void {
    if (reusable && this.idle.length < 8) this.idle.push(c);
    else c.closeSync();
  }

  async openIngest(bounds: IngestBounds): Promise<IngestSession> {
    return new DuckIngestSession(await this.connect(), this.directBytes, bounds);
  }

  relation(dataPath: string): string {
    // __rowid is the row's position in the file, which DuckDB gives for free.
    return `(SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS ${ident(ROWID)} FROM read_parquet(${sqlString(dataPath)}, file_row_number = true))`;
  }

  private async withTimeout<T>(c: DuckDBConnection, timeoutMs: number, run: () => Promise<T>): Promise<T> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      c.interrupt();
    }, timeoutMs);
    try {
      return await run();
    } catch (e) {
      if (timedOut) {
        throw new AppError('query_timeout', `The query took longer than ${timeoutMs / 1000} s and was cancelled. Add a filter or a limit, or group the data.`, {
          timeout_ms: timeoutMs,
        });
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Results of cacheable queries, least recently used first. */
  private readonly cache = new Map<string, QueryResult>();

  async query(sql: string, params: unknown[], opts: { timeoutMs: number; cache?: boolean }): Promise<QueryResult> {
    const key = opts.cache ? JSON.stringify([sql, params]) : undefined;
    const hit = key === undefined ? undefined : this.cache.get(key);
    if (key !== undefined && hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const result = await this.run(sql, params, opts.timeoutMs);
    if (key !== undefined) {
      this.cache.set(key, result);
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    }
    return result;
  }

  private async run(sql: string, params: unknown[], timeoutMs: number): Promise<QueryResult> {
    const c = await this.acquire();
    let ok = false;
    try {
      const result = await this.withTimeout(c, timeoutMs, async () => {
        const reader = await c.runAndReadAll(sql, toDuckValues(params));
        return { columns: reader.columnNames(), rows: rowsFromReader(reader) };
      });
      ok = true;
      return result;
    } finally {
      this.release(c, ok);
    }
  }

  async stream(sql: string, params: unknown[], sink: RowSink, opts: { timeoutMs?: number; signal?: AbortSignal }): Promise<number> {
    const c = await this.connect();
    const release = interruptOnAbort(c, opts.signal);
    try {
      const run = async (): Promise<number> => {
        const result = await c.stream(sql, toDuckValues(params));
        const names = result.columnNames();
        const types = result.columnTypes();
        let count = 0;
        for await (const chunk of result.yieldRowsJson()) {
          if (opts.signal?.aborted) break;
          const rows = objectRows(names, types, chunk);
          count += rows.length;
          await sink(rows);
        }
        return count;
      };
      return opts.timeoutMs ? await this.withTimeout(c, opts.timeoutMs, run) : await run();
    } finally {
      release();
      c.closeSync();
    }
  }

  /** GeoJSON text to WKB, for GeoParquet files. */
  private readonly wkb = new WkbFunction();

  async copyToParquet(sql: string, params: unknown[], outPath: string, opts: { timeoutMs?: number; signal?: AbortSignal; geometry?: GeoParquetColumns } = {}): Promise<void> {
    const c = await this.connect();
    const release = interruptOnAbort(c, opts.signal);
    const geometry = opts.geometry?.columns.length ? opts.geometry : undefined;
    try {
      const run = async () => {
        if (geometry) return copyGeoParquet(c, this.wkb, sql, params, outPath, geometry);
        await c.run(`COPY (${sql}) TO ${sqlString(outPath)} (FORMAT parquet, COMPRESSION zstd)`, toDuckValues(params));
      };
      await (opts.timeoutMs ? this.withTimeout(c, opts.timeoutMs, run) : run());
    } finally {
      release();
      c.closeSync();
    }
  }

  async memory(): Promise<{ usedBytes: number; temporaryBytes: number }> {
    // duckdb_memory(): the buffer manager's bytes per tag (tables, hash tables, Parquet readers, sorting…).
    const r = await this.run('SELECT sum(memory_usage_bytes)::DOUBLE AS used, sum(temporary_storage_bytes)::DOUBLE AS temporary FROM duckdb_memory()', [], 5_000);
    const row = r.rows[0] ?? {};
    return { usedBytes: Number(row.used ?? 0), temporaryBytes: Number(row.temporary ?? 0) };
  }

  async close(): Promise<void> {
    for (const c of this.idle.splice(0)) c.closeSync();
    this.instance.closeSync();
  }
}
