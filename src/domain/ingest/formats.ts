/**
 * The formats Plaza reads typed values in, by id: what inference chooses for
 * a column, what the column review shows, and what a publisher may name to
 * override a column's reading (`types: {"Date": "date-dmy"}`). The engine
 * holds the SQL that parses each one; this list is the names and labels.
 */
import { COLUMN_TYPES, type ColumnType } from '../table/types.ts';

/** The order of a date's fields, for formats whose fields could be read the other way round. */
export type FieldOrder = 'mdy' | 'dmy' | 'ymd' | 'ydm';

export interface Format {
  type: ColumnType;
  /** For people: the shape of the values, e.g. `MM/DD/YYYY`. */
  label: string;
  order?: FieldOrder;
  /**
   * Read only when the usual reading of the same values fails, or when the
   * column's other formats say so: nobody writes YYYY/DD/MM on purpose, but
   * exports do.
   */
  unusual?: boolean;
}

export const FORMATS = {
  boolean: { type: 'boolean', label: 'true/false' },
  integer: { type: 'integer', label: 'whole number' },
  decimal: { type: 'decimal', label: 'number' },
  money: { type: 'decimal', label: 'money' },
  'date-iso': { type: 'date', label: 'YYYY-MM-DD' },
  'date-ymd-slash': { type: 'date', label: 'YYYY/MM/DD', order: 'ymd' },
  'date-ydm-slash': { type: 'date', label: 'YYYY/DD/MM', order: 'ydm', unusual: true },
  'date-mdy': { type: 'date', label: 'MM/DD/YYYY', order: 'mdy' },
  'date-dmy': { type: 'date', label: 'DD/MM/YYYY', order: 'dmy' },
  'date-mdy-dash': { type: 'date', label: 'MM-DD-YYYY', order: 'mdy' },
  'date-dmy-dash': { type: 'date', label: 'DD-MM-YYYY', order: 'dmy' },
  'date-dmy-dot': { type: 'date', label: 'DD.MM.YYYY' },
  'timestamp-iso': { type: 'timestamp', label: 'ISO 8601' },
  'timestamptz-iso': { type: 'timestamp', label: 'ISO 8601 with offset' },
  'timestamp-ymd-slash': { type: 'timestamp', label: 'YYYY/MM/DD hh:mm:ss', order: 'ymd' },
  'timestamp-ydm-slash': { type: 'timestamp', label: 'YYYY/DD/MM hh:mm:ss', order: 'ydm', unusual: true },
  'timestamp-mdy-12h': { type: 'timestamp', label: 'MM/DD/YYYY hh:mm:ss AM', order: 'mdy' },
  'timestamp-dmy-12h': { type: 'timestamp', label: 'DD/MM/YYYY hh:mm:ss AM', order: 'dmy' },
  'timestamp-mdy': { type: 'timestamp', label: 'MM/DD/YYYY hh:mm', order: 'mdy' },
  'timestamp-dmy': { type: 'timestamp', label: 'DD/MM/YYYY hh:mm', order: 'dmy' },
  time: { type: 'time', label: 'hh:mm:ss' },
  'time-12h': { type: 'time', label: 'hh:mm AM' },
  'point-latlon': { type: 'geometry', label: '(lat, lon)' },
  'point-wkt': { type: 'geometry', label: 'POINT (lon lat)' },
} as const satisfies Record<string, Format>;

export type FormatId = keyof typeof FORMATS;

export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];

export const isFormatId = (id: string): id is FormatId => Object.hasOwn(FORMATS, id);

export const isColumnType = (s: string): s is ColumnType => (COLUMN_TYPES as readonly string[]).includes(s);

/** The separator of the formats in one column that mixes several: `timestamp-mdy-12h+timestamp-ydm-slash`. */
export const MIX = '+';

/** What a publisher's override names: a type to force, or the exact formats to read a column in. */
export type ColumnOverride = { type: ColumnType; formats?: undefined } | { type: ColumnType; formats: FormatId[] };

/**
 * Reads an override's value: a column type (`date`), one format id
 * (`date-dmy`), or several joined by `+` (or spaces) for a column that mixes formats.
 * Formats of a mixture take the most precise type among them (dates stand
 * among timestamps as midnight). Undefined when the value names neither.
 */
export function parseOverride(value: string): ColumnOverride | undefined {
  if (isColumnType(value)) return { type: value };
  // A `+` that came through a query string or form arrives as a space.
  const ids = value.trim().split(/[+\s]+/);
  if (ids.length === 0 || !ids.every(isFormatId) || new Set(ids).size !== ids.length) return undefined;
  const types = new Set<ColumnType>(ids.map((id) => FORMATS[id].type));
  if (types.size === 2 && types.has('date') && types.has('timestamp')) return { type: 'timestamp', formats: ids };
  if (types.size !== 1) return undefined;
  return { type: [...types][0] as ColumnType, formats: ids };
}

/** How a mixture's formats read to people: `MM/DD/YYYY hh:mm:ss AM or YYYY/DD/MM`. */
export const formatLabel = (ids: readonly FormatId[]): string => ids.map((id) => FORMATS[id].label).join(' or ');

/** The message for an override that names neither a type nor formats. */
export const OVERRIDE_HINT = `is not a column type or format; use a type (${COLUMN_TYPES.join(', ')}) or a format id such as date-dmy or timestamp-mdy-12h+timestamp-ydm-slash (see docs/ingest.md)`;
