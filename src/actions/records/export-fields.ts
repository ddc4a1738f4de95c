import type { QueryField, RecordsRequest } from '../../domain/query/index.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';

/**
 * The fields an export writes. A download holds the columns as they were
 * published: the columns Plaza derived on ingest (a point from latitude and
 * longitude, latitude and longitude from a GeoJSON point) are left out,
 * unless `derived` asks for them or the query names its columns itself
 * (`select`, `group_by`). Formats that carry geometry as geometry keep a
 * derived point when the fields hold no other geometry: GeoJSON makes the
 * first one each feature's geometry, Parquet writes every one as a
 * GeoParquet column.
 */
export function exportFields(fields: QueryField[], columns: ColumnInfo[], req: RecordsRequest, format: string, derived: boolean): QueryField[] {
  if (derived || req.select !== undefined || req.group_by !== undefined) return fields;
  const isDerived = new Set(columns.filter((c) => c.derivedFrom).map((c) => c.name));
  const published = fields.filter((f) => !isDerived.has(f.name));
  if (published.some((f) => f.type === 'geometry')) return published;
  const points = fields.filter((f) => isDerived.has(f.name) && f.type === 'geometry');
  const kept = new Set(format === 'geojson' ? points.slice(0, 1) : format === 'parquet' ? points : []);
  return fields.filter((f) => !isDerived.has(f.name) || kept.has(f));
}

/** The geometry columns of a Parquet export, and its primary one: the first that is not derived, else the first. */
export function geoParquetColumns(fields: QueryField[], columns: ColumnInfo[]): { columns: string[]; primary: string } | undefined {
  const geometry = fields.filter((f) => f.type === 'geometry').map((f) => f.name);
  if (geometry.length === 0) return undefined;
  const isDerived = new Set(columns.filter((c) => c.derivedFrom).map((c) => c.name));
  return { columns: geometry, primary: geometry.find((n) => !isDerived.has(n)) ?? (geometry[0] as string) };
}
