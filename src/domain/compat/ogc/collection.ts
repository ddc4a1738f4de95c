import { roleOf } from '../../table/roles.ts';
import type { ColumnInfo } from '../../table/types.ts';

/**
 * How a dataset version reads as an OGC API – Features collection: the
 * column that is each feature's geometry, the column `datetime` filters on,
 * and the columns that are its properties (and queryables).
 */
export interface CollectionShape {
  geometry: ColumnInfo;
  /** The first date or timestamp column whose role is `date`, else the first date or timestamp column; none: `datetime` is refused. */
  time: ColumnInfo | undefined;
  /** Every other column as published: derived columns (a point made from latitude and longitude, or coordinates split from a point) are left out. */
  properties: ColumnInfo[];
}

const temporal = (c: ColumnInfo): boolean => c.type === 'date' || c.type === 'timestamp';

/**
 * The shape of a version with places, or undefined when it has no geometry
 * column. The geometry is the first geometry column as published, else the
 * first derived one (the point Plaza made from latitude and longitude).
 */
export function collectionShape(columns: ColumnInfo[]): CollectionShape | undefined {
  const geometries = columns.filter((c) => c.type === 'geometry');
  const geometry = geometries.find((c) => !c.derivedFrom) ?? geometries[0];
  if (!geometry) return undefined;
  const properties = columns.filter((c) => c !== geometry && !c.derivedFrom && c.type !== 'geometry');
  const time = properties.find((c) => temporal(c) && roleOf(c) === 'date') ?? properties.find(temporal);
  return { geometry, time, properties };
}
