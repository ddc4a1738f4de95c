import type { IngestLimits } from '../domain/ingest/limits.ts';
import type { RejectedRecord } from '../domain/catalog/types.ts';

/** An upload turned into UTF-8 text ready for the table engine. */
export interface PreparedSource {
  /** Local path of UTF-8 text without BOM: delimited text, a JSON array, or NDJSON. */
  path: string;
  /** What the publisher's file was: csv, tsv, json, ndjson, geojson, xlsx. */
  format: string;
  /** The encoding detected in the original bytes. */
  encoding: string;
  compression?: string;
  /** For delimited text (also GeoJSON and XLSX, which are converted to CSV). */
  delimiter?: string;
  sheet?: string;
  /** For GeoJSON: the headers holding the geometry and, for points, latitude and longitude. */
  geometry?: { column: string; latitude: string | null; longitude: string | null };
  /** Records the conversion could not keep (a GeoJSON feature with invalid geometry), each with its number and reason. */
  rejected?: RejectedRecord[];
}

export interface PrepareOptions {
  /** The workbook's sheet to load (default: the first). */
  sheet?: string;
  /** Bounds on what the file may expand to; passing one stops the work at once. */
  limits: IngestLimits;
  /** Aborted when the work must stop (the disk is nearly full); the preparer stops with the signal's reason. */
  signal?: AbortSignal;
}

export interface SourcePreparer {
  /** `scratch` is a folder the preparer may write into; the caller removes it. */
  prepare(rawPath: string, filename: string, scratch: string, opts: PrepareOptions): Promise<PreparedSource>;
  /**
   * About how many bytes of scratch space loading this file takes, read from
   * its first and last bytes without expanding it: what it expands to (a gzip
   * file's trailer says; never more than the limit) for the table and its
   * Parquet file, once more for the expanded copy when it is compressed.
   */
  scratchNeeded(rawPath: string, limits: IngestLimits): Promise<number>;
}
