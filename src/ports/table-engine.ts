import type { IngestIssue, RejectedRecord, VersionSource } from '../domain/catalog/types.ts';
import type { ColumnProfile } from '../domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../domain/table/types.ts';
import type { PreparedSource } from './source-preparer.ts';

export type RejectPolicy = 'strict' | 'lenient';

/** A source read into the engine with every column as text. */
export interface StagedTable {
  headers: string[];
  rowCount: number;
  /** Rows that could not be read at all (too many fields, broken quoting). */
  rejected: RejectedRecord[];
  /** Problems that did not cost a row (short rows padded with empty values). */
  warnings: IngestIssue[];
  /** Rows the warnings are about (each short row counts once). */
  warnedRows: number;
  source: VersionSource;
  /** For GeoJSON: the headers holding the geometry and, for points, latitude and longitude. */
  geometry?: { column: string; latitude: string | null; longitude: string | null };
}

export interface WriteResult {
  rowCount: number;
  columns: ColumnInfo[];
  rejected: RejectedRecord[];
  rejectedCount: number;
  warnings: IngestIssue[];
}

/** Publisher's choice for a column, by machine name or label: a column type, or the formats to read it in (see domain/ingest/formats.ts). */
export type TypeOverrides = Record<string, string>;

/** One ingest's work inside the engine; `close` frees what it staged. */
export interface IngestSession {
  stage(source: PreparedSource): Promise<StagedTable>;
  /** Infers every column's type over the whole column, applies overrides, writes the typed Parquet file and the rejects. */
  write(staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult>;
  /** Writes every rejected record of the last `write` as CSV: row, line, column, problem, record. */
  writeRejects(path: string): Promise<void>;
  profile(dataPath: string, columns: ColumnInfo[]): Promise<Record<string, ColumnProfile>>;
  close(): Promise<void>;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Where a query's rows go when streamed: called per chunk of rows. */
export type RowSink = (rows: Record<string, unknown>[]) => Promise<void>;

/** Bounds on one ingest inside the engine. */
export interface IngestBounds {
  /** Reading stops, with a clear error, as soon as the file has more rows than this. */
  maxRows: number;
  /** When it aborts, the running statement is interrupted and the session fails with the signal's reason. */
  signal?: AbortSignal;
}

/** The geometry columns of a Parquet file to write as GeoParquet, and its primary one. */
export interface GeoParquetColumns {
  columns: string[];
  primary: string;
}

export interface TableEngine {
  openIngest(bounds: IngestBounds): Promise<IngestSession>;
  /**
   * The SQL relation for a version's data file, for use as the compiler's
   * `source`. A query over it without ORDER BY must yield rows in `__rowid`
   * order (the order they were written in).
   */
  relation(dataPath: string): string;
  /**
   * Runs a query within a time budget. `cache: true` lets the engine keep the
   * result for the same SQL and parameters: correct only for queries over
   * immutable version files, and meant for small results such as counts.
   */
  query(sql: string, params: unknown[], opts: { timeoutMs: number; cache?: boolean }): Promise<QueryResult>;
  /** Streams rows in chunks; memory stays constant whatever the result size. */
  stream(sql: string, params: unknown[], sink: RowSink, opts: { timeoutMs?: number; signal?: AbortSignal }): Promise<number>;
  /**
   * Writes a query's result as a Parquet file. Columns named in `geometry`
   * (GeoJSON text) are written as GeoParquet: WKB, with the file's `geo`
   * metadata naming `primary` as the primary geometry column.
   */
  copyToParquet(sql: string, params: unknown[], outPath: string, opts?: { timeoutMs?: number; signal?: AbortSignal; geometry?: GeoParquetColumns }): Promise<void>;
  /** What the engine holds now, in bytes: in memory, and spilled to its temporary folder (for `/metrics`). */
  memory(): Promise<{ usedBytes: number; temporaryBytes: number }>;
  close(): Promise<void>;
}
