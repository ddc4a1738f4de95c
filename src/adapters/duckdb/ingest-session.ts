import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile } from '../../domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { IngestSession, RejectPolicy, StagedTable, TypeOverrides, WriteResult } from '../../ports/table-engine.ts';
import { stat, rm } from 'node:fs/promises';
import { stageHead, writeDirect } from './direct.ts';
import { profileColumns } from './profile.ts';
import { stage } from './stage.ts';
import { writeRejects, writeVersion } from './write.ts';

/**
 * One ingest on its own DuckDB connection; temp tables vanish with it. Large
 * delimited files are only looked at when staged, then written straight from
 * the file when their first rows' types hold; anything else is staged whole.
 */
export class DuckIngestSession implements IngestSession {
  /** A large delimited source whose staging waits for `write`. */
  private direct: PreparedSource | undefined;

  constructor(
    private readonly c: DuckDBConnection,
    private readonly directBytes: number,
  ) {}

  async stage(source: PreparedSource): Promise<StagedTable> {
    const delimited = source.format !== 'json' && source.format !== 'ndjson';
    if (delimited && (await stat(source.path)).size >= this.directBytes) {
      this.direct = source;
      return stageHead(this.c, source);
    }
    return stage(this.c, source);
  }

  async write(staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult> {
    const source = this.direct;
    if (source) {
      this.direct = undefined;
      const written = await writeDirect(this.c, source, staged, overrides, policy, dataPath);
      if (written) return written;
      await rm(dataPath, { force: true });
      return writeVersion(this.c, await stage(this.c, source), overrides, policy, dataPath);
    }
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
