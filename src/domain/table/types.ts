/** Logical column types a dataset version can hold. */
export const COLUMN_TYPES = [
  'integer',
  'decimal',
  'boolean',
  'date',
  'timestamp',
  'time',
  'text',
  'geometry',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * What a column is for, beside what its values are (ADR 27): an identifier
 * or code (IDs, ZIP codes, phone numbers, FIPS), a category with a few
 * values, a measure to add up or average, a date, a place, or free text.
 */
export const COLUMN_ROLES = ['identifier', 'category', 'measure', 'date', 'place', 'text'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/**
 * One column of a dataset version, as stored in its Parquet file.
 *
 * `name` is the machine name used in queries and in the Parquet file
 * (lowercase ASCII, digits and `_`, never starting with `_`); `label` is the
 * header as the publisher wrote it.
 */
export interface ColumnInfo {
  name: string;
  label: string;
  type: ColumnType;
  /**
   * Physical DuckDB type in the Parquet file: BIGINT, DOUBLE, BOOLEAN, DATE,
   * TIMESTAMP, TIMESTAMPTZ, TIME or VARCHAR. Geometry columns are VARCHAR
   * holding GeoJSON geometry text.
   */
  physical: string;
  /**
   * For geometry columns whose every value is a point: the hidden Parquet
   * columns holding latitude and longitude (DOUBLE), used by geo predicates.
   */
  point?: { lat: string; lon: string };
  /** Where the column came from when it was derived from another one. */
  derivedFrom?: string;
  /** The format its values were read in (`MM/DD/YYYY hh:mm:ss AM or YYYY/DD/MM hh:mm:ss`), and its id as an override names it. */
  format?: { id: string; label: string };
  /**
   * When the values fit more than one reading (01/02/2020: January 2 or 1
   * February), each reading that fits them all, the chosen one first.
   */
  readings?: ColumnReading[];
  /** True when nothing in the column told the readings apart: the first is a convention, and the publisher should choose. */
  ambiguous?: boolean;
  /** What the column is for (identifier, category, measure, date, place, text): inferred at ingest, or the publisher's choice (ADR 27). */
  role?: ColumnRole;
}

/** One way of reading a column's values, as the column review offers it. */
export interface ColumnReading {
  /** The override that chooses it: a format id, or several joined by `+`. */
  id: string;
  label: string;
  /** Values from the file that the readings read differently, and what this reading makes of each. */
  examples: { source: string; value: string }[];
}

/** Hidden column of every version: the row's position in its Parquet file, from 1 (engines derive it; it is not stored). */
export const ROWID = '__rowid';
