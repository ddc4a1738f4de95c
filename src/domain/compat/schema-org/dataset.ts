import type { Dataset, DictionaryEntry, Organization, Version } from '../../catalog/types.ts';
import { licenseById } from '../../catalog/vocab.ts';
import { csvColumns } from '../frictionless/table-schema.ts';
import { datasetPageUrl, downloadFormats, downloadUrl } from '../downloads.ts';

/** What a dataset page's schema.org description is made from. */
export interface SchemaOrgSource {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
  dictionary: DictionaryEntry[];
  /** Whether the page's reader may download the data: the downloads are listed only then. */
  dataAccess: boolean;
}

/**
 * The context is written in the document, never fetched: every term is
 * schema.org's (`@vocab`), so JSON-LD processors read it offline.
 */
export const SCHEMA_ORG_CONTEXT = { '@vocab': 'https://schema.org/' } as const;

/** A dataset as a schema.org `Dataset` (JSON-LD), as Google's Dataset search reads it (docs/standards.md). */
export function schemaOrgDataset(src: SchemaOrgSource, baseUrl: string, siteName: string): Record<string, unknown> {
  const { dataset, organization, live, dictionary } = src;
  const page = datasetPageUrl(baseUrl, dataset.slug);
  const license = licenseById(dataset.license);
  const org = {
    '@type': 'Organization',
    name: dataset.publisher?.trim() || organization?.name || siteName,
    ...(organization ? { url: `${baseUrl}/organizations/${encodeURIComponent(organization.slug)}` } : {}),
  };
  const { temporal, spatial } = dataset;
  const entries = new Map(dictionary.map((e) => [e.column, e]));
  const place = spatial && (spatial.bbox || spatial.place)
    ? {
        '@type': 'Place',
        ...(spatial.place ? { name: spatial.place } : {}),
        // schema.org's box is "south west north east".
        ...(spatial.bbox ? { geo: { '@type': 'GeoShape', box: `${spatial.bbox[1]} ${spatial.bbox[0]} ${spatial.bbox[3]} ${spatial.bbox[2]}` } } : {}),
      }
    : undefined;
  const downloads = src.dataAccess ? downloadFormats(live) : [];
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'Dataset',
    '@id': page,
    name: dataset.title,
    description: dataset.description.trim() || dataset.title,
    url: page,
    identifier: page,
    ...(dataset.keywords.length ? { keywords: dataset.keywords } : {}),
    ...(license ? { license: license.url } : {}),
    isAccessibleForFree: true,
    creator: org,
    publisher: org,
    ...(dataset.contactPoint ? { contactPoint: { '@type': 'ContactPoint', name: dataset.contactPoint.name, email: dataset.contactPoint.email } } : {}),
    dateModified: dataset.dataUpdatedAt ?? dataset.updatedAt,
    ...(dataset.issued ?? dataset.publishedAt ? { datePublished: dataset.issued ?? dataset.publishedAt } : {}),
    ...(temporal && (temporal.start || temporal.end) ? { temporalCoverage: `${temporal.start ?? '..'}/${temporal.end ?? '..'}` } : {}),
    ...(place ? { spatialCoverage: place } : {}),
    ...(dataset.language.length ? { inLanguage: dataset.language.length === 1 ? dataset.language[0] : dataset.language } : {}),
    ...(downloads.length
      ? { distribution: downloads.map((f) => ({ '@type': 'DataDownload', name: f.title, encodingFormat: f.mediaType, contentUrl: downloadUrl(baseUrl, dataset.slug, f.format) })) }
      : {}),
    ...(live
      ? {
          variableMeasured: csvColumns(live).map((c) => {
            const e = entries.get(c.name);
            return {
              '@type': 'PropertyValue',
              name: e?.label || c.label || c.name,
              propertyID: c.name,
              ...(e?.description ? { description: e.description } : {}),
              ...(e?.unit ? { unitText: e.unit } : {}),
            };
          }),
        }
      : {}),
    includedInDataCatalog: { '@type': 'DataCatalog', name: siteName, url: baseUrl },
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` (and
 * the two JavaScript line breaks) are written as `\u` escapes, so no value can
 * close the script element or open a comment in it.
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
