import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';

/** The rows a version's ingest could not load, as CSV: row, line, column, problem, record. */
export async function rejectsFile(deps: Deps, datasetIdOrSlug: string, versionNumber: number): Promise<{ filename: string; stream: Readable }> {
  const dataset = await deps.catalog.getDataset(datasetIdOrSlug);
  if (!dataset) throw notFound('Dataset', datasetIdOrSlug);
  const version = (await deps.catalog.listVersions(dataset.id)).find((v) => v.number === versionNumber);
  if (!version) throw new AppError('not_found', `The dataset "${dataset.slug}" has no version ${versionNumber}.`);
  if (!version.rejectsKey) throw new AppError('not_found', `Version ${versionNumber} of "${dataset.slug}" rejected no rows.`);
  return { filename: `${dataset.slug}-v${versionNumber}-rejects.csv`, stream: await deps.blobs.read(version.rejectsKey) };
}
