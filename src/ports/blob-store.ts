import type { Readable } from 'node:stream';

/**
 * Where files live: raw uploads by content hash, Parquet versions, rejects.
 * Keys are relative paths such as `raw/ab/abcdef...` or `versions/<id>/data.parquet`.
 */
export interface BlobStore {
  /** Moves or copies a finished local file in under `key`. */
  putFile(key: string, localPath: string, opts?: { move?: boolean }): Promise<void>;
  has(key: string): Promise<boolean>;
  /** A local path DuckDB can read; remote stores download to a cache first. */
  localPath(key: string): Promise<string>;
  read(key: string): Promise<Readable>;
  size(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  /** Every key in the store (optionally under `prefix`), in no particular order, each with its size in bytes. */
  list(prefix?: string): AsyncIterable<{ key: string; size: number }>;
  /** Resolves when the store answers (readiness); rejects with the reason otherwise. */
  check(): Promise<void>;
  /** Lets go of connections (an object store's kept-alive sockets) so the process may end. */
  close(): Promise<void>;
}
