import { csvEncoder } from './csv.ts';
import { streamFile } from './file.ts';
import { geojsonEncoder } from './geojson.ts';
import { jsonEncoder, ndjsonEncoder } from './json.ts';
import type { ExportFormatInfo, ExportWriters } from './types.ts';
import { XLSX_MAX_DATA_ROWS, xlsxEncoder } from './xlsx.ts';

const FORMATS: Record<string, ExportFormatInfo> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', encoder: csvEncoder },
  json: { extension: 'json', contentType: 'application/json', encoder: jsonEncoder },
  ndjson: { extension: 'ndjson', contentType: 'application/x-ndjson', encoder: ndjsonEncoder },
  geojson: { extension: 'geojson', contentType: 'application/geo+json', encoder: geojsonEncoder },
  parquet: { extension: 'parquet', contentType: 'application/vnd.apache.parquet', encoder: null },
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', encoder: xlsxEncoder },
};

/** The export writers: CSV, JSON, NDJSON, GeoJSON and XLSX encoders, and the file streamer for Parquet. */
export const exportWriters: ExportWriters = {
  formats: Object.keys(FORMATS),
  info: (format) => (Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined),
  maxSpreadsheetRows: XLSX_MAX_DATA_ROWS,
  streamFile,
};
