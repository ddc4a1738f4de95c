import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile } from '../../domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { IngestSession, RejectPolicy, StagedTable, TypeOverrides, WriteResult } from '../../ports/table-engine.ts';
import { profileColumns } from './profile.ts';
import { stage } from './stage.ts';
import { writeRejects, writeVersion } from './write.ts';

/** One ingest on its own DuckDB connection; temp tables vanish with it. */
export class DuckIngestSession implements IngestSession {
  constructor(private readonly c: DuckDBConnection) {}

  stage(source: PreparedSource): Promise<StagedTable> {
    return stage(this.c, source);
  }

  write(staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult> {
    return writeVersion(this.c, staged, overrides, policy, dataPath);
  }

  writeRejects(path: string): Promise<void> {
    return writeRejects(this.c, path);
  }

  profile(dataPath: string, columns: ColumnInfo[]): Promise<Record<string, ColumnProfile>> {
    return profileColumns(this.c, dataPath, columns);
  }

  async close(): Promise<void> {
    this.c.closeSync();
  }
}
