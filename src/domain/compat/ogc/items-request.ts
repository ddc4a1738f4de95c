import type { ColumnInfo } from '../../table/types.ts';
import type { CollectionShape } from './collection.ts';
import { parseDatetime, type DatetimeFilter } from './datetime.ts';
import { badParameter } from './errors.ts';

/** Features per page when `limit` is not given, and the most a page holds (larger limits are lowered to it, as the standard asks). */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10_000;

/** WGS 84 longitude/latitude, the only coordinate system served (`bbox-crs` may name it). */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** The parameters of `/items` that are not property filters. */
export const ITEMS_PARAMETERS = ['f', 'bbox', 'bbox-crs', 'limit', 'offset', 'datetime'] as const;

/** A filter on one property: its column, and the value as typed in the URL. */
export interface PropertyFilter {
  column: ColumnInfo;
  value: string;
}

/** A request for a page of items, checked. */
export interface ItemsRequest {
  /** West, south, east, north; west > east crosses the antimeridian. */
  bbox: [number, number, number, number] | null;
  datetime: DatetimeFilter | null;
  filters: PropertyFilter[];
  limit: number;
  offset: number;
}

/** One value of a query parameter: repeated parameters are refused, as each takes one value. */
function single(name: string, v: unknown): string {
  if (Array.isArray(v)) throw badParameter(`${name}: give this parameter once.`);
  return String(v ?? '');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `bbox=minx,miny,maxx,maxy` (or six numbers with heights, which are ignored), in WGS 84 degrees. */
export function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',').map((p) => p.trim());
  if ((parts.length !== 4 && parts.length !== 6) || !parts.every((p) => NUMBER.test(p))) {
    throw badParameter(`bbox: "${text}" is not four numbers (west,south,east,north) or six (with lowest and highest height).`);
  }
  const n = parts.map(Number);
  const [w, s, e, north] = n.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
  const box = [w, s, e, north] as [number, number, number, number];
  if (box.some((x) => Math.abs(x) > 180) || Math.abs(box[1]) > 90 || Math.abs(box[3]) > 90) {
    throw badParameter(`bbox: "${text}" is outside WGS 84 (longitudes between -180 and 180, latitudes between -90 and 90).`);
  }
  if (box[1] > box[3]) throw badParameter(`bbox: "${text}" has its south edge (${box[1]}) above its north edge (${box[3]}).`);
  return box;
}

/** A whole number within bounds, from a parameter's text. */
function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text.trim())) throw badParameter(`${name}: "${text}" is not a whole number of at least ${min}.`);
  const n = Number(text.trim());
  if (n < min || !Number.isSafeInteger(n)) throw badParameter(`${name}: "${text}" is not a whole number of at least ${min}.`);
  return n;
}

/** Checks the value of a property filter against its column's type, so a typo is a clear 400, never an engine error. */
function checkedFilter(column: ColumnInfo, value: string): PropertyFilter {
  const bad = (what: string) => badParameter(`${column.name}: "${value}" is not ${what}, the type of this property.`);
  if ((column.type === 'integer' || column.type === 'decimal') && !NUMBER.test(value.trim())) throw bad(column.type === 'integer' ? 'a whole number' : 'a number');
  if (column.type === 'integer' && !Number.isSafeInteger(Number(value))) throw bad('a whole number');
  if (column.type === 'boolean' && !/^(true|false)$/i.test(value.trim())) throw bad('true or false');
  if (column.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) throw bad('a date (YYYY-MM-DD)');
  if (column.type === 'timestamp' && !/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$/.test(value.trim())) throw bad('a date and time (2024-05-30T16:45:00)');
  if (column.type === 'time' && !/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value.trim())) throw bad('a time of day (16:45:00)');
  return { column, value: value.trim() };
}

/**
 * Reads the query parameters of `/collections/{id}/items`. Parameters the
 * API does not define are refused (400), as OGC API – Features asks, so a
 * misspelt filter never silently returns everything; property names are
 * the collection's queryables (its columns' names).
 */
export function parseItemsRequest(query: Record<string, unknown>, shape: CollectionShape): ItemsRequest {
  const known = new Set<string>(ITEMS_PARAMETERS);
  const byName = new Map(shape.properties.filter((c) => c.type !== 'geometry').map((c) => [c.name, c]));
  const filters: PropertyFilter[] = [];
  for (const [name, v] of Object.entries(query)) {
    if (known.has(name)) continue;
    const column = byName.get(name);
    if (!column) {
      const names = [...ITEMS_PARAMETERS, ...byName.keys()].join(', ');
      throw badParameter(`"${name}" is not a parameter of this collection's items. Use one of: ${names}.`);
    }
    filters.push(checkedFilter(column, single(name, v)));
  }
  const has = (name: string): boolean => query[name] !== undefined;
  const crs = has('bbox-crs') ? single('bbox-crs', query['bbox-crs']) : CRS84;
  if (crs !== CRS84) throw badParameter(`bbox-crs: only ${CRS84} (longitude, latitude in WGS 84) is supported.`);
  const limit = has('limit') ? Math.min(MAX_LIMIT, wholeNumber('limit', single('limit', query.limit), 1)) : DEFAULT_LIMIT;
  const offset = has('offset') ? wholeNumber('offset', single('offset', query.offset), 0) : 0;
  const bbox = has('bbox') ? parseBbox(single('bbox', query.bbox)) : null;
  let datetime: DatetimeFilter | null = null;
  if (has('datetime')) {
    if (!shape.time) throw badParameter('datetime: this collection has no date or time column to filter on.');
    datetime = parseDatetime(single('datetime', query.datetime));
  }
  return { bbox, datetime, filters, limit, offset };
}
