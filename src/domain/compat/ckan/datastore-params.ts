import { DatastoreError } from './datastore-errors.ts';

/** CKAN's default for `ckan.datastore.search.rows_max`: the most rows one answer holds. */
export const ROWS_MAX = 32_000;
/** CKAN's default for `ckan.datastore.search.rows_default`. */
export const ROWS_DEFAULT = 100;

export const RECORDS_FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;
export type RecordsFormat = (typeof RECORDS_FORMATS)[number];

/** A JSON value as a parameter holds it: parsed from text (GET, form posts) or already parsed (JSON posts). */
export function jsonParam(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new DatastoreError(field, 'Could not parse as valid JSON');
  }
}

/** CKAN's boolean_validator: true/false, yes/no, 1/0, on/off in any case. */
export function boolParam(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  if (['true', 'yes', '1', 'on', 't', 'y'].includes(s)) return true;
  if (['false', 'no', '0', 'off', 'f', 'n'].includes(s)) return false;
  throw new DatastoreError(field, 'Value must be one of: true, false');
}

/** A whole number ≥ 0 (CKAN's natural_number_validator), or the fallback when absent. */
export function countParam(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]{1,15}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new DatastoreError(field, 'Must be a natural number');
  return n;
}

/** A list given as a JSON list, a list, or comma-separated text (CKAN's get_list). */
export function listParam(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let v: unknown = value;
  if (typeof v === 'string' && v.trim().startsWith('[')) v = jsonParam(v, field);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(v) && v.every((s): s is string => typeof s === 'string')) return v.map((s) => s.trim());
  throw new DatastoreError(field, 'Not a list of strings');
}

/** A required text parameter. */
export function textParam(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') throw new DatastoreError(field, 'Missing value');
  if (typeof value !== 'string') throw new DatastoreError(field, 'Must be a string');
  return value;
}

/** `records_format`: objects (default), lists, csv or tsv. */
export function recordsFormat(value: unknown): RecordsFormat {
  if (value === undefined || value === null || value === '') return 'objects';
  const found = RECORDS_FORMATS.find((f) => f === value);
  if (!found) throw new DatastoreError('records_format', `Value must be one of ${RECORDS_FORMATS.join(', ')}`);
  return found;
}
