import { join } from 'node:path';
import type { ColumnProfile } from '../../domain/ingest/profile-types.ts';
import { noRowsIssues } from '../../domain/ingest/no-rows.ts';
import { withRoles } from '../../domain/table/roles.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { StagedTable, WriteResult } from '../../ports/table-engine.ts';
import type { Deps } from '../deps.ts';
import type { IngestWork } from './ingest-work.ts';

/** The new version's table, written to scratch and profiled, its rejects already stored. */
export interface BuiltTable {
  staged: StagedTable;
  written: WriteResult;
  profile: Record<string, ColumnProfile>;
  /** The Parquet file in the scratch folder. */
  dataPath: string;
  hasRejects: boolean;
}

/**
 * Phases 2–4, reading, typing and profiling: stages the text in the table
 * engine, infers the column types and writes Parquet, profiles the columns,
 * and stores the rejected records under the version's rejects key.
 */
export async function buildTable(deps: Deps, work: IngestWork, prepared: PreparedSource): Promise<BuiltTable> {
  const { options } = work.payload;
  const scratch = work.scratch?.path;
  if (!scratch) throw new Error('The ingest has no scratch folder.');
  await work.phase('reading');
  const session = await deps.engine.openIngest({ maxRows: deps.limits.maxRows, signal: work.disk.signal });
  work.session = session;
  const staged = await session.stage(prepared);
  await work.phase('typing', { rowsRead: staged.rowCount + staged.rejected.length, rowsRejected: staged.rejected.length, errors: staged.warnings });
  const dataPath = join(scratch, 'data.parquet');
  const written = await session.write(staged, options.types, options.policy, dataPath);
  written.warnings.push(...noRowsIssues(written.rowCount, written.rejectedCount));
  await work.phase('profiling', { rowsRead: written.rowCount + written.rejectedCount, rowsRejected: written.rejectedCount, errors: [...written.warnings, ...written.rejected] });
  const profile = await session.profile(dataPath, written.columns);
  written.columns = withRoles(written.columns, profile);
  let hasRejects = false;
  if (written.rejectedCount > 0) {
    const rejectsPath = join(scratch, 'rejects.csv');
    await session.writeRejects(rejectsPath);
    await deps.blobs.putFile(work.rejectsKey, rejectsPath, { move: true });
    hasRejects = true;
  }
  return { staged, written, profile, dataPath, hasRejects };
}
