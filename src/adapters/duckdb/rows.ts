import { DuckDBTypeId, type DuckDBResultReader, type DuckDBType } from '@duckdb/node-api';

type Convert = (v: unknown) => unknown;

const asNumber: Convert = (v) => {
  if (typeof v !== 'string') return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
};
const isoTimestamp: Convert = (v) => (typeof v === 'string' ? v.replace(' ', 'T') : v);
const isoTimestampTz: Convert = (v) => (typeof v === 'string' ? v.replace(' ', 'T').replace(/\+00(:00)?$/, 'Z') : v);
const same: Convert = (v) => v;

/** How a value of each DuckDB type becomes the JSON the API returns. */
export function converterFor(type: DuckDBType): Convert {
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return asNumber;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return isoTimestamp;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return isoTimestampTz;
    default:
      return same;
  }
}

/** Turns rows of JSON-converted values into objects keyed by column name. */
export function objectRows(names: string[], types: DuckDBType[], rows: unknown[][]): Record<string, unknown>[] {
  const convs = types.map(converterFor);
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) o[names[i] as string] = (convs[i] as Convert)(r[i]);
    return o;
  });
}

/** Rows of a finished result as plain JSON-ready objects. */
export function rowsFromReader(reader: DuckDBResultReader): Record<string, unknown>[] {
  return objectRows(reader.columnNames(), reader.columnTypes(), reader.getRowsJson());
}
