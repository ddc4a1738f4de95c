import type { Readable } from 'node:stream';

/** A file's size in bytes and its SHA-256 in hex. */
export interface FileDigest {
  size: number;
  sha256: string;
}

/**
 * A folder holding one backup: files addressed by relative paths with `/`
 * (`catalog.sqlite`, `blobs/raw/ab/…`, `manifest.json`) that may not leave it.
 */
export interface BackupFolder {
  /** Where the folder is, for messages. */
  readonly where: string;
  /** Creates the folder; refuses one that already holds anything, naming it. */
  create(): Promise<void>;
  /** A local path for `rel` (its parent folders made), for tools that write or read files themselves. */
  path(rel: string): Promise<string>;
  /** Writes `rel` from a stream and returns what was written. */
  write(rel: string, from: Readable): Promise<FileDigest>;
  /** What `rel` holds now, or null when there is no such file. */
  digest(rel: string): Promise<FileDigest | null>;
  /** Reads `rel` as UTF-8 text, or null when there is no such file. */
  readText(rel: string): Promise<string | null>;
  /** Writes `rel` as UTF-8 text, atomically. */
  writeText(rel: string, text: string): Promise<void>;
}
