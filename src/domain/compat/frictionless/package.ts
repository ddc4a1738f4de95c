import type { Dataset, DictionaryEntry, Organization, Resource, Version } from '../../catalog/types.ts';
import { licenseById } from '../../catalog/vocab.ts';
import { datasetPageUrl, downloadUrl } from '../downloads.ts';
import { tableSchemaOf } from './table-schema.ts';

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const DATA_RESOURCE_PROFILE = 'https://datapackage.org/profiles/2.0/dataresource.json';

/** What a dataset's Data Package is made from. */
export interface PackageSource {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
  resources: Resource[];
  dictionary: DictionaryEntry[];
}

/** A Frictionless Data Package (v2) descriptor. */
export type DataPackage = Record<string, unknown>;

/** A Data Package name: lowercase letters, digits, `-`, `.` and `_`. */
export const packageName = (slug: string): string => slug.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

/**
 * A dataset as a Frictionless Data Package (docs/standards.md): its
 * description, and one tabular resource, the CSV download of its live
 * version, with the Table Schema of that file.
 */
export function dataPackageOf(src: PackageSource, baseUrl: string): DataPackage {
  const { dataset, organization, live, resources } = src;
  const license = licenseById(dataset.license);
  const publisher = dataset.publisher?.trim() || organization?.name;
  const name = packageName(dataset.slug);
  const sources = resources.filter((r) => r.sourceUrl && /^https?:\/\//.test(r.sourceUrl)).map((r) => ({ title: r.name || (r.sourceUrl ?? ''), path: r.sourceUrl ?? '' }));
  const resource = live
    ? [{
        $schema: DATA_RESOURCE_PROFILE,
        name,
        type: 'table',
        path: downloadUrl(baseUrl, dataset.slug, 'csv'),
        title: dataset.title,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: tableSchemaOf(live, src.dictionary),
      }]
    : [];
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name,
    id: datasetPageUrl(baseUrl, dataset.slug),
    title: dataset.title,
    ...(dataset.description ? { description: dataset.description } : {}),
    homepage: datasetPageUrl(baseUrl, dataset.slug),
    ...(live ? { version: `${live.number}.0.0` } : {}),
    created: dataset.publishedAt ?? dataset.createdAt,
    ...(dataset.keywords.length ? { keywords: [...new Set(dataset.keywords)] } : {}),
    ...(license ? { licenses: [{ name: license.id, path: license.url, title: license.title }] } : {}),
    ...(publisher ? { contributors: [{ title: publisher, roles: ['publisher'], ...(organization ? { path: `${baseUrl}/organizations/${encodeURIComponent(organization.slug)}` } : {}) }] } : {}),
    ...(sources.length ? { sources } : {}),
    resources: resource,
  };
}
