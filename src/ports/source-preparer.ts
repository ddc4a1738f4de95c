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
}

export interface SourcePreparer {
  /** `scratch` is a folder the preparer may write into; the caller removes it. */
  prepare(rawPath: string, filename: string, scratch: string, opts?: { sheet?: string }): Promise<PreparedSource>;
}
