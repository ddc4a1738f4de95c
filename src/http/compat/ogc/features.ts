import type { RecordsPage } from '../../../actions/records/query-records.ts';
import type { CollectionShape } from '../../../domain/compat/ogc/collection.ts';
import type { ItemsRequest } from '../../../domain/compat/ogc/items-request.ts';
import { validGeometry } from '../../../domain/geo/validate.ts';
import { GEOJSON_TYPE, JSON_TYPE, type Link } from './documents.ts';

/**
 * One row as a GeoJSON feature: its id is the row id, its geometry the
 * collection's geometry column (null where the value is not valid GeoJSON,
 * as in the GeoJSON download), its properties the other columns.
 */
export function feature(shape: CollectionShape, row: Record<string, unknown>, id: number) {
  const properties: Record<string, unknown> = {};
  for (const c of shape.properties) properties[c.name] = row[c.name] ?? null;
  return { type: 'Feature', id, geometry: validGeometry(row[shape.geometry.name]) ?? null, properties };
}

/** The same request at another offset, every other parameter kept as given. */
function pageUrl(itemsUrl: string, query: Record<string, unknown>, offset: number, limit: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (k !== 'offset' && k !== 'limit') for (const one of [v].flat()) params.append(k, String(one));
  params.set('limit', String(limit));
  if (offset > 0) params.set('offset', String(offset));
  return `${itemsUrl}?${params.toString()}`;
}

/**
 * A page of items as a GeoJSON FeatureCollection with OGC API's members:
 * `numberMatched` (every feature the filters match), `numberReturned`,
 * `timeStamp`, and links to this page, the next and the previous one.
 */
export function featureCollection(itemsUrl: string, collectionUrl: string, query: Record<string, unknown>, r: ItemsRequest, shape: CollectionShape, page: RecordsPage, now: Date) {
  const features = page.results.map((row, i) => feature(shape, row, page.rowIds?.[i] ?? r.offset + i + 1));
  const links: Link[] = [
    { href: pageUrl(itemsUrl, query, r.offset, r.limit), rel: 'self', type: GEOJSON_TYPE, title: 'This page' },
    { href: collectionUrl, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
  ];
  if (r.offset + features.length < page.total && features.length === r.limit) {
    links.push({ href: pageUrl(itemsUrl, query, r.offset + r.limit, r.limit), rel: 'next', type: GEOJSON_TYPE, title: 'The next page' });
  }
  if (r.offset > 0) links.push({ href: pageUrl(itemsUrl, query, Math.max(0, r.offset - r.limit), r.limit), rel: 'prev', type: GEOJSON_TYPE, title: 'The previous page' });
  return { type: 'FeatureCollection', features, links, numberMatched: page.total, numberReturned: features.length, timeStamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
