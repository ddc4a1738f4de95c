import type { Dataset } from '../../../domain/catalog/types.ts';
import { CRS84 } from '../../../domain/compat/ogc/items-request.ts';

/** The media types OGC API – Features clients ask for and check. */
export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** The conformance classes Plaza implements: Part 1 Core, GeoJSON, and the OpenAPI 3.0 definition. */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export interface Link {
  href: string;
  rel: string;
  type: string;
  title: string;
}

const link = (href: string, rel: string, type: string, title: string): Link => ({ href, rel, type, title });

/** `/ogc`: what the service is and where its parts are. */
export function landingPage(root: string, siteName: string) {
  return {
    title: `${siteName}: OGC API – Features`,
    description: `The datasets of ${siteName} that hold places (points or areas), as OGC API – Features collections of GeoJSON features.`,
    links: [
      link(root, 'self', JSON_TYPE, 'This document'),
      link(`${root}/api`, 'service-desc', OPENAPI_TYPE, 'The API definition (OpenAPI 3.0)'),
      link(`${root}/conformance`, 'conformance', JSON_TYPE, 'The conformance classes implemented'),
      link(`${root}/collections`, 'data', JSON_TYPE, 'The collections: every dataset with places'),
    ],
  };
}

/** `/ogc/conformance`. */
export function conformance(root: string) {
  return { links: [link(`${root}/conformance`, 'self', JSON_TYPE, 'This document')], conformsTo: [...CONFORMANCE] };
}

/** The extent of a collection: the dataset's own spatial and temporal coverage, where its publisher gave them. */
function extentOf(d: Dataset) {
  const bbox = d.spatial?.bbox;
  const t = d.temporal;
  const temporal = t && (t.start || t.end) ? { interval: [[t.start ? `${t.start}T00:00:00Z` : null, t.end ? `${t.end}T23:59:59Z` : null]], trs: 'http://www.opengis.net/def/uri/ISO-8601/0/Gregorian' } : undefined;
  if (!bbox && !temporal) return undefined;
  return { ...(bbox ? { spatial: { bbox: [bbox], crs: CRS84 } } : {}), ...(temporal ? { temporal } : {}) };
}

/** One collection: a dataset with places, by its slug. */
export function collection(root: string, d: Dataset, pageUrl: string) {
  const base = `${root}/collections/${encodeURIComponent(d.slug)}`;
  const extent = extentOf(d);
  return {
    id: d.slug,
    title: d.title,
    description: d.description,
    keywords: d.keywords,
    links: [
      link(base, 'self', JSON_TYPE, 'This collection'),
      link(`${base}/items`, 'items', GEOJSON_TYPE, 'Its features'),
      link(pageUrl, 'describedby', 'text/html', `${d.title} on the catalog`),
    ],
    ...(extent ? { extent } : {}),
    itemType: 'feature',
    crs: [CRS84],
  };
}

/** `/ogc/collections`. */
export function collections(root: string, list: unknown[]) {
  return { links: [link(`${root}/collections`, 'self', JSON_TYPE, 'This document')], collections: list };
}
