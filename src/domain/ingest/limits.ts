import { AppError } from '../errors.ts';

/** What one file may grow to while it is loaded: the operator's bounds on work and disk. */
export interface IngestLimits {
  /** Most bytes a file may expand to (decompressed, a sheet's XML, text converted to UTF-8). */
  maxExpandedBytes: number;
  /** Most rows (records, features, sheet rows) one file may hold. */
  maxRows: number;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `2 GiB`, `1.5 MiB`, `900 bytes`: sizes as people read them, in binary units. */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const rounded = u === 0 ? String(Math.round(v)) : v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${UNITS[u]}`;
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A file that expands past the limit while it is prepared. `how` says what
 * expanding meant ("when decompressed", "in its sheets", "as UTF-8"); `size`
 * is what it would expand to, when known (a zip entry's declared size).
 */
export function expandsPastLimit(limit: number, how: string, size?: number): AppError {
  const to = size !== undefined && size > limit ? `to ${formatBytes(size)}` : `past ${formatBytes(limit)}`;
  return new AppError(
    'payload_too_large',
    `The file expands ${to} ${how}; the limit is ${formatBytes(limit)} (setting PLAZA_MAX_EXPANDED_MB). Split the file, or ask an administrator to raise the limit.`,
    { limit_bytes: limit, ...(size !== undefined ? { size_bytes: size } : {}) },
  );
}

/** A file with more rows than one version may hold. */
export function tooManyRows(limit: number): AppError {
  return new AppError(
    'payload_too_large',
    `The file has more than ${count(limit)} rows; the limit is ${count(limit)} rows (setting PLAZA_MAX_ROWS). Split the file, or ask an administrator to raise the limit.`,
    { limit_rows: limit },
  );
}
