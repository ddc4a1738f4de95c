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
}

/** Hidden column of every version: the row's position in its Parquet file, from 1 (engines derive it; it is not stored). */
export const ROWID = '__rowid';
