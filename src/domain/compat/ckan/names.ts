import { slugify } from '../../catalog/slug.ts';

/**
 * CKAN's time stamps: ISO 8601 in UTC without the zone letter, with
 * microseconds ("2020-03-02T08:47:17.995815"), as `metadata_modified` reads.
 */
export function ckanTime(iso: string): string;
export function ckanTime(iso: string | null): string | null;
export function ckanTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.toISOString().slice(0, 23)}000`;
}

/** A CKAN group's name for one of the site's themes ("Parks and recreation" → "parks-and-recreation"). */
export const themeName = (theme: string): string => slugify(theme) || 'theme';

/** The theme a group name stands for, among the site's themes. */
export const themeOfName = (themes: readonly string[], name: string): string | undefined => themes.find((t) => themeName(t) === name || t === name);

/** Formats as CKAN writes them (upper case, with the usual spellings of mixed-case ones). */
const FORMAT_NAMES: Readonly<Record<string, string>> = { geojson: 'GeoJSON', ndjson: 'NDJSON', parquet: 'Parquet' };
export const ckanFormat = (format: string | null): string => (format ? (FORMAT_NAMES[format.toLowerCase()] ?? format.toUpperCase()) : '');

const MIMETYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  geojson: 'application/geo+json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  parquet: 'application/vnd.apache.parquet',
  pdf: 'application/pdf',
  html: 'text/html',
  xml: 'application/xml',
  zip: 'application/zip',
};
export const mimetypeOf = (format: string | null): string | null => (format ? (MIMETYPES[format.toLowerCase()] ?? null) : null);
