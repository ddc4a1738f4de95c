import type { Version } from '../catalog/types.ts';

/** A file every live version can be downloaded as, as the metadata formats list it. */
export interface DownloadFormat {
  /** The export format's name in `/api/v1/datasets/{slug}/export/{format}`. */
  format: string;
  title: string;
  mediaType: string;
}

const FORMATS: readonly DownloadFormat[] = [
  { format: 'csv', title: 'CSV', mediaType: 'text/csv' },
  { format: 'json', title: 'JSON', mediaType: 'application/json' },
  { format: 'geojson', title: 'GeoJSON', mediaType: 'application/geo+json' },
  { format: 'parquet', title: 'Parquet', mediaType: 'application/vnd.apache.parquet' },
];

/** Whether the version has a column of places (points or areas): only then is there a GeoJSON download. */
export const hasPlaces = (live: Version | undefined): boolean => live?.columns.some((c) => c.type === 'geometry') ?? false;

/** The downloads of a live version: CSV, JSON, Parquet, and GeoJSON when it has places; none without a live version. */
export function downloadFormats(live: Version | undefined): DownloadFormat[] {
  if (!live) return [];
  return FORMATS.filter((f) => f.format !== 'geojson' || hasPlaces(live));
}

/** The absolute URL of a dataset's download in one format. */
export const downloadUrl = (baseUrl: string, slug: string, format: string): string => `${baseUrl}/api/v1/datasets/${encodeURIComponent(slug)}/export/${format}`;

/** The dataset's page: its canonical URL and identifier in every metadata format. */
export const datasetPageUrl = (baseUrl: string, slug: string): string => `${baseUrl}/datasets/${encodeURIComponent(slug)}`;
