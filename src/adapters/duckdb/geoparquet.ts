import { unlink } from 'node:fs/promises';
import { BLOB, DuckDBBlobValue, DuckDBScalarFunction, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { geoParquetMetadata, GeometrySummary, wkbOfText } from '../../domain/geo/wkb.ts';
import type { GeoParquetColumns } from '../../ports/table-engine.ts';
import { ident, sqlString, toDuckValues } from './values.ts';

/** The SQL function that turns GeoJSON text into WKB (DuckDB's spatial extension is a download, so Plaza brings its own). */
const WKB_FUNCTION = 'plaza_geojson_wkb';

/**
 * `plaza_geojson_wkb(text, slot)`: the WKB of a GeoJSON geometry, noting its
 * type and extent in the summary of `slot`, so one pass both encodes the
 * column and learns what GeoParquet's metadata says of it. Registered once
 * per database (functions are shared by its connections); each export takes
 * its own slots, so exports running at once keep their summaries apart.
 */
export class WkbFunction {
  private registered = false;
  private next = 1;
  private readonly slots = new Map<number, GeometrySummary>();

  private register(c: DuckDBConnection): void {
    if (this.registered) return;
    c.registerScalarFunction(
      DuckDBScalarFunction.create({
        name: WKB_FUNCTION,
        returnType: BLOB,
        parameterTypes: [VARCHAR, INTEGER],
        mainFunction: (_info, input, output) => {
          const texts = input.getColumnVector(0);
          const slots = input.getColumnVector(1);
          for (let i = 0; i < input.rowCount; i++) {
            const wkb = wkbOfText(texts.getItem(i), this.slots.get(Number(slots.getItem(i))));
            output.setItem(i, wkb ? new DuckDBBlobValue(wkb) : null);
          }
          output.flush();
        },
      }),
    );
    this.registered = true;
  }

  /** Slots for `n` columns, registering the function on first use. */
  open(c: DuckDBConnection, n: number): { slots: number[]; summaries: GeometrySummary[]; close(): void } {
    this.register(c);
    const slots = Array.from({ length: n }, () => this.next++);
    const summaries = slots.map((s) => {
      const summary = new GeometrySummary();
      this.slots.set(s, summary);
      return summary;
    });
    return { slots, summaries, close: () => slots.forEach((s) => this.slots.delete(s)) };
  }
}

/**
 * Writes a query's result as GeoParquet: the geometry columns as WKB, then
 * the file again with the `geo` metadata, whose types and bounding boxes are
 * only known once every value has been read. Rows keep the query's order.
 */
export async function copyGeoParquet(c: DuckDBConnection, wkb: WkbFunction, sql: string, params: unknown[], outPath: string, geometry: GeoParquetColumns): Promise<void> {
  const encoded = `${outPath}.wkb.parquet`;
  const taken = wkb.open(c, geometry.columns.length);
  try {
    const replace = geometry.columns.map((name, i) => `${WKB_FUNCTION}(${ident(name)}, ${taken.slots[i]}) AS ${ident(name)}`).join(', ');
    await c.run(`COPY (SELECT * REPLACE (${replace}) FROM (${sql}) AS geo_rows) TO ${sqlString(encoded)} (FORMAT parquet, COMPRESSION zstd)`, toDuckValues(params));
    const geo = geoParquetMetadata(
      geometry.columns.map((name, i) => ({ name, summary: taken.summaries[i] as GeometrySummary })),
      geometry.primary,
    );
    await c.run(`COPY (SELECT * FROM read_parquet(${sqlString(encoded)})) TO ${sqlString(outPath)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {geo: ${sqlString(geo)}})`);
  } finally {
    taken.close();
    await unlink(encoded).catch(() => undefined);
  }
}
