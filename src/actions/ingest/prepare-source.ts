import { AppError } from '../../domain/errors.ts';
import type { PreparedSource } from '../../ports/source-preparer.ts';
import type { Deps } from '../deps.ts';
import type { IngestWork } from './ingest-work.ts';

/**
 * Phase 1, preparing: takes a scratch folder (refused before anything is
 * written when the disk cannot hold what the file expands to) and turns the
 * resource's raw file into UTF-8 delimited text there.
 */
export async function prepareSource(deps: Deps, work: IngestWork): Promise<PreparedSource> {
  const p = work.payload;
  const resource = await deps.catalog.datasets.getResource(p.resourceId);
  if (!resource?.blobKey) throw new AppError('not_found', 'The file of this resource is missing.');
  const rawPath = await deps.blobs.localPath(resource.blobKey);
  work.scratch = await deps.scratch.acquire('ingest', { needBytes: await deps.preparer.scratchNeeded(rawPath, deps.limits) });
  await work.phase('preparing');
  return deps.preparer.prepare(rawPath, p.filename, work.scratch.path, { limits: deps.limits, signal: work.disk.signal, ...(p.options.sheet ? { sheet: p.options.sheet } : {}) });
}
