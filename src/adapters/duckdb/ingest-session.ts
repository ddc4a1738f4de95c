import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile } from '../../domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import { tooManyRows } from '../../domain/ingest/limits.ts';
import type { IngestBounds, IngestSession, RejectPolicy, StagedTable, TypeOverrides, WriteResult } from '../../ports/table-engine.ts';
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

  private readonly unwatch: () => void;

  constructor(
    private readonly c: DuckDBConnection,
    private readonly directBytes: number,
    private readonly bounds: IngestBounds,
  ) {
    const interrupt = (): void => c.interrupt();
    bounds.signal?.addEventListener('abort', interrupt);
    this.unwatch = () => bounds.signal?.removeEventListener('abort', interrupt);
  }

  /** Runs a step; when the signal stopped it, fails with the signal's reason rather than the engine's. */
  private async step<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (this.bounds.signal?.aborted) throw this.bounds.signal.reason as Error;
      throw e;
    }
  }

  private checkRows(n: number): void {
    if (n > this.bounds.maxRows) throw tooManyRows(this.bounds.maxRows);
  }

  async stage(source: PreparedSource): Promise<StagedTable> {
    return this.step(async () => {
      const delimited = source.format !== 'json' && source.format !== 'ndjson';
      if (delimited && (await stat(source.path)).size >= this.directBytes) {
        this.direct = source;
        return stageHead(this.c, source);
      }
      const staged = await stage(this.c, source);
      this.checkRows(staged.rowCount);
      return staged;
    });
  }

  write(staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult> {
    return this.step(async () => {
      const written = await this.writeOnce(staged, overrides, policy, dataPath);
      this.checkRows(written.rowCount + written.rejectedCount);
      return written;
    });
  }

  private async writeOnce(staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult> {
    const source = this.direct;
    if (source) {
      this.direct = undefined;
      const written = await writeDirect(this.c, source, staged, overrides, policy, dataPath);
      if (written) return written;
      await rm(dataPath, { force: true });
      const restaged = await stage(this.c, source);
      this.checkRows(restaged.rowCount);
      return writeVersion(this.c, restaged, overrides, policy, dataPath);
    }
    return writeVersion(this.c, staged, overrides, policy, dataPath);
  }

  writeRejects(path: string): Promise<void> {
    return this.step(() => writeRejects(this.c, path));
  }

  profile(dataPath: string, columns: ColumnInfo[]): Promise<Record<string, ColumnProfile>> {
    return this.step(() => profileColumns(this.c, dataPath, columns));
  }

  async close(): Promise<void> {
    this.unwatch();
    this.c.closeSync();
  }
}
