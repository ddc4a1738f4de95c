import { AppError } from '../../domain/errors.ts';
import type { Dataset, Version } from '../../domain/catalog/types.ts';
import { requireDataAccess, visibleDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';

/** A complete version the principal may read, before its file is fetched. */
export interface ReadableVersion {
  dataset: Dataset;
  version: Version;
  /** Whether a version was asked for by number (rather than the live one). */
  numbered: boolean;
}

export interface ReadyVersion extends ReadableVersion {
  /** Local path of the version's Parquet file. */
  dataPath: string;
}

/**
 * The live version of a dataset the principal may read, or the numbered one
 * asked for; only complete versions can be read.
 */
export async function resolveVersion(deps: Deps, p: Principal, datasetIdOrSlug: string, versionNumber?: number): Promise<ReadyVersion> {
  return readyVersion(deps, await readableVersion(deps, p, datasetIdOrSlug, versionNumber));
}

/** The version's file, fetched to this node when it is kept elsewhere (object storage). */
export async function readyVersion(deps: Deps, readable: ReadableVersion): Promise<ReadyVersion> {
  if (!readable.version.dataKey) throw new AppError('internal', 'The version has no data file.');
  return { ...readable, dataPath: await deps.blobs.localPath(readable.version.dataKey) };
}

/**
 * As `resolveVersion`, without fetching the file: who may read it is checked
 * and the version chosen, which is all an entity tag needs (versions never
 * change, so the version's id stands for its rows).
 */
export async function readableVersion(deps: Deps, p: Principal, datasetIdOrSlug: string, versionNumber?: number): Promise<ReadableVersion> {
  const dataset = await visibleDataset(deps, p, datasetIdOrSlug);
  requireDataAccess(p, dataset);
  let version: Version | undefined;
  if (versionNumber === undefined) {
    version = dataset.liveVersionId ? await deps.catalog.datasets.getVersion(dataset.liveVersionId) : undefined;
    if (!version) throw new AppError('conflict', `The dataset "${dataset.slug}" has no data yet: its first file is still loading or failed to load.`, { dataset: dataset.slug });
  } else {
    version = (await deps.catalog.datasets.listVersions(dataset.id)).find((v) => v.number === versionNumber);
    if (!version) throw new AppError('not_found', `The dataset "${dataset.slug}" has no version ${versionNumber}.`, { version: versionNumber });
    if (version.status !== 'ready') throw new AppError('conflict', `Version ${versionNumber} of "${dataset.slug}" is ${version.status === 'failed' ? 'a failed load' : 'still loading'} and has no data.`, { version: versionNumber, status: version.status });
  }
  if (!version.dataKey) throw new AppError('internal', 'The version has no data file.');
  return { dataset, version, numbered: versionNumber !== undefined };
}
