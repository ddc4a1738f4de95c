import { posix } from 'node:path';

/**
 * A blob key as stored: `raw/ab/…`, `versions/<id>/…`, the same layout as the
 * local folder. `..` that comes back inside is resolved (`raw/../raw/x` is
 * `raw/x`); a key that is empty, absolute or leaves the store is refused.
 */
export function normalizeKey(key: string): string {
  if (!key || key.startsWith('/') || key.includes('\\') || key.includes('\0')) throw escapes(key);
  const clean = posix.normalize(key);
  if (clean === '.' || clean === '..' || clean.startsWith('../') || clean.endsWith('/')) throw escapes(key);
  return clean;
}

function escapes(key: string): Error {
  return new Error(`Blob key "${key}" escapes the store`);
}

/** The folder inside the bucket every key lives under: '' or `name/` (leading slashes dropped, a trailing one added). */
export function normalizePrefix(prefix: string): string {
  const p = prefix.replace(/^\/+/, '');
  if (!p) return '';
  if (p.split('/').some((part) => part === '..' || part === '.')) throw new Error(`PLAZA_S3_PREFIX "${prefix}" must be a plain folder name such as "plaza/".`);
  return p.endsWith('/') ? p : `${p}/`;
}
