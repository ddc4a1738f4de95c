import { csvCell, geometryOf, jsonRow, jsonValue, sodaType } from '../../../domain/compat/soql/encode.ts';
import type { QueryField } from '../../../domain/query/types.ts';
import type { ColumnInfo } from '../../../domain/table/types.ts';

export type SodaFormat = 'json' | 'csv' | 'geojson';

export const CONTENT_TYPES: Readonly<Record<SodaFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/vnd.geo+json; charset=utf-8',
};

type Row = Readonly<Record<string, unknown>>;

/** `X-SODA2-Fields` and `X-SODA2-Types`: the output's field names and SODA type names, as JSON arrays. */
export function sodaHeaders(fields: QueryField[], columns: ColumnInfo[], rows: Row[]): Record<string, string> {
  const first = (name: string): unknown => rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
  return {
    'X-SODA2-Fields': JSON.stringify(fields.map((f) => f.name)),
    'X-SODA2-Types': JSON.stringify(fields.map((f) => sodaType(f, columns, first(f.name)))),
  };
}

/** The page in one of SODA's formats. */
export function render(format: SodaFormat, fields: QueryField[], rows: Row[]): string {
  if (format === 'csv') {
    const lines = [fields.map((f) => `"${f.name.replaceAll('"', '""')}"`).join(',')];
    for (const r of rows) lines.push(fields.map((f) => csvCell(f.type, r[f.name])).join(','));
    return lines.join('\n') + '\n';
  }
  if (format === 'geojson') return JSON.stringify(featureCollection(fields, rows));
  return JSON.stringify(rows.map((r) => jsonRow(fields, r)));
}

/** Rows as GeoJSON features: the first geometry field is the geometry, the other fields the properties. */
function featureCollection(fields: QueryField[], rows: Row[]): object {
  const geometry = fields.find((f) => f.type === 'geometry');
  const others = fields.filter((f) => f !== geometry);
  const features = rows.map((r) => {
    const properties: Record<string, unknown> = {};
    for (const f of others) properties[f.name] = jsonValue(f.type, r[f.name]) ?? null;
    return { type: 'Feature', geometry: geometry ? geometryOf(r[geometry.name]) : null, properties };
  });
  return { type: 'FeatureCollection', features };
}
