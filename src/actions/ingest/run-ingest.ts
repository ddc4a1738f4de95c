import type { Job } from '../../domain/catalog/types.ts';
import type { Deps } from '../deps.ts';
import { buildTable } from './build-table.ts';
import { failVersion } from './fail-version.ts';
import { startWork, type IngestResult } from './ingest-work.ts';
import { prepareSource } from './prepare-source.ts';
import { publishVersion } from './publish-version.ts';

/**
 * Turns a resource's raw file into a new version: prepare the text
 * (prepare-source.ts), stage it, infer types over whole columns, write
 * Parquet and profile it (build-table.ts), then flip the live version in one
 * catalog transaction (publish-version.ts). On any failure the version is
 * marked failed, its files are removed, and the previous version stays live
 * (fail-version.ts).
 */
export async function runIngest(deps: Deps, job: Job): Promise<IngestResult> {
  const work = startWork(deps, job);
  try {
    const prepared = await prepareSource(deps, work);
    const built = await buildTable(deps, work, prepared);
    const result = await publishVersion(deps, work, built);
    deps.metrics.ingestFinished({ seconds: result.seconds, rows: result.rows, ok: true });
    return result;
  } catch (caught) {
    deps.metrics.ingestFinished({ seconds: (performance.now() - work.started) / 1000, rows: 0, ok: false });
    throw await failVersion(deps, work, caught);
  } finally {
    await work.cleanUp();
  }
}
