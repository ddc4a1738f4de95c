import { csvEncoder } from './csv.ts';
import { geojsonEncoder } from './geojson.ts';
import { jsonEncoder, ndjsonEncoder } from './json.ts';
import type { EncoderFactory } from './types.ts';
import { xlsxEncoder } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  extension: string;
  contentType: string;
  /** Row-by-row writer; Parquet has none: the engine writes it whole. */
  encoder: EncoderFactory | null;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', encoder: csvEncoder },
  json: { extension: 'json', contentType: 'application/json', encoder: jsonEncoder },
  ndjson: { extension: 'ndjson', contentType: 'application/x-ndjson', encoder: ndjsonEncoder },
  geojson: { extension: 'geojson', contentType: 'application/geo+json', encoder: geojsonEncoder },
  parquet: { extension: 'parquet', contentType: 'application/vnd.apache.parquet', encoder: null },
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', encoder: xlsxEncoder },
};

export const isExportFormat = (s: string): s is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(s);
