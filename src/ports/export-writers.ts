import type { Writable } from 'node:stream';
import type { QueryField } from '../domain/query/index.ts';

/**
 * Turns rows into one file format, written to a stream. The caller calls
 * `begin` once, `rows` per chunk (awaiting each: back-pressure), then `end`,
 * which ends the destination and resolves once it has written everything.
 */
export interface RowEncoder {
  begin(): Promise<void>;
  rows(rows: Record<string, unknown>[]): Promise<void>;
  end(): Promise<void>;
}

export interface EncoderInput {
  out: Writable;
  signal: AbortSignal;
  /** The output columns, in order. Encoders write only these keys of each row (rows may carry reserved `__` columns). */
  fields: QueryField[];
  /** A name for the content where the format has one (the spreadsheet's sheet). */
  title: string;
}

export type EncoderFactory = (input: EncoderInput) => RowEncoder;

/** One export format: its file extension, its media type, and its row encoder (none for Parquet, which the engine writes whole). */
export interface ExportFormatInfo {
  extension: string;
  contentType: string;
  encoder: EncoderFactory | null;
}

/** Everything the export action needs from the format writers; `src/adapters/export` implements it. */
export interface ExportWriters {
  /** Supported formats, in the order they are listed to users. */
  formats: readonly string[];
  info(format: string): ExportFormatInfo | undefined;
  /** Most data rows a spreadsheet holds. */
  maxSpreadsheetRows: number;
  /** Copies a finished file into `out` with back-pressure, ends `out`, and resolves once it has written everything. */
  streamFile(path: string, out: Writable, signal: AbortSignal): Promise<void>;
}
