import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import { requireDataAccess, visibleDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';

/** The rows a version's ingest could not load, as CSV: row, line, column, problem, record. */
export async function rejectsFile(deps: Deps, p: Principal, datasetIdOrSlug: string, versionNumber: number): Promise<{ filename: string; stream: Readable }> {
  const dataset = await visibleDataset(deps, p, datasetIdOrSlug);
  requireDataAccess(p, dataset);
  const version = (await deps.catalog.datasets.listVersions(dataset.id)).find((v) => v.number === versionNumber);
  if (!version) throw new AppError('not_found', `The dataset "${dataset.slug}" has no version ${versionNumber}.`);
  if (!version.rejectsKey) throw new AppError('not_found', `Version ${versionNumber} of "${dataset.slug}" rejected no rows.`);
  return { filename: `${dataset.slug}-v${versionNumber}-rejects.csv`, stream: await deps.blobs.read(version.rejectsKey) };
}
