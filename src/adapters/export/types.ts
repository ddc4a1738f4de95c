import type { Writable } from 'node:stream';
import type { QueryField } from '../../domain/query/index.ts';

/**
 * Turns rows into one file format, written to a stream. The caller calls
 * `begin` once, `rows` per chunk (awaiting each: back-pressure), then `end`,
 * which ends the destination.
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
