import type { DuckDBConnection } from '@duckdb/node-api';
import { machineNames } from '../../domain/ingest/names.ts';
import { SAMPLE_ROWS } from '../../domain/ingest/rules.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { RejectPolicy, StagedTable, TypeOverrides, WriteResult } from '../../ports/table-engine.ts';
import { checkedValue, guessColumns, MISFIT, sampleColumns } from './infer.ts';
import { readProblems, rejectRows } from './read-rejects.ts';
import { delimitedSource, headerOf, readCsv } from './stage.ts';
import { collectRejects, copyParquet, forcedTypes, geojsonChoice, outputs, strictFailure } from './write.ts';

export const HEAD = 'stage_head';

/** Reads the header and the first rows of a large delimited file: enough to choose types, without reading it all. */
export async function stageHead(c: DuckDBConnection, src: PreparedSource): Promise<StagedTable> {
  const headers = await headerOf(src);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${HEAD} AS SELECT * FROM ${readCsv(src, headers.length, { padding: true, rejects: false, smallBuffer: true })} LIMIT ${SAMPLE_ROWS}`);
  // Records the preparer could not keep (GeoJSON features with invalid geometry) are rejected before the file is read.
  return { headers, rowCount: 0, rejected: src.rejected ?? [], warnings: [], warnedRows: 0, source: delimitedSource(src), ...(src.geometry ? { geometry: src.geometry } : {}) };
}

/**
 * Writes a large delimited file straight to Parquet in one scan: the types the
 * first rows suggest, every value checked on the way. Returns undefined when
 * the file needs the full path instead (a value that does not fit, or short
 * rows to pad and report); nothing it wrote is kept then.
 */
export async function writeDirect(c: DuckDBConnection, src: PreparedSource, head: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult | undefined> {
  const names = machineNames(head.headers);
  const forced = forcedTypes(head, names, overrides);
  if (policy === 'strict' && head.rejected.length > 0) throw strictFailure(head.rejected, head.rejected.length);
  const sampled = await sampleColumns(c, head.headers, 0, forced, HEAD);
  // Values that fit two readings (DD/MM and MM/DD) are weighed over the whole column: the staged path does that.
  if (sampled.unweighed.some(Boolean)) return undefined;
  const guess = guessColumns(head.headers, sampled).map(geojsonChoice(head));
  const cols = outputs(head, guess, names, checkedValue);
  await c.run('DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans');
  let rowCount: number;
  try {
    rowCount = await copyParquet(c, cols, '', dataPath, readCsv(src, head.headers.length, { padding: false, rejects: true }));
  } catch (e) {
    if (String((e as Error).message).includes(MISFIT)) return undefined;
    throw e;
  }
  const rows = await rejectRows(c);
  if (rows.some((r) => r.error_type === 'MISSING COLUMNS')) return undefined;
  const read = await readProblems(rows, { path: src.path, headers: head.headers, delimiter: src.delimiter ?? ',' });
  const rejected = [...head.rejected, ...read.rejected];
  if (policy === 'strict' && rejected.length > 0) throw strictFailure(rejected, rejected.length);
  const collected = await collectRejects(c, { ...head, rejected }, guess, names);
  return { rowCount, columns: cols.map((o) => o.info), rejected: collected.first, rejectedCount: collected.count, warnings: [] };
}

