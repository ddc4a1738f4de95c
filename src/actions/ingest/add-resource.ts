import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import { extensionOf } from '../../domain/ingest/detect.ts';
import { maskUrl } from '../../domain/net/mask-url.ts';
import { ingestOptionsSchema, invalidInput, type IngestOptions } from '../../domain/catalog/schemas.ts';
import type { Dataset, Job, Resource } from '../../domain/catalog/types.ts';
import { recordActivity } from '../activity/record.ts';
import { editableDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';
import { queuedBy } from '../jobs/queue.ts';
import { fetchRaw, storeRaw, type StoredRaw } from './store-raw.ts';

export type ResourceInput = { file: Readable | AsyncIterable<Uint8Array>; filename: string } | { url: string };

export interface IngestPayload extends Record<string, unknown> {
  datasetId: string;
  versionId: string;
  resourceId: string;
  filename: string;
  options: IngestOptions;
}

/** Queues an ingest job that turns a resource's raw file into a new version. */
export async function queueIngest(deps: Deps, datasetId: string, resource: Resource, filename: string, options: IngestOptions): Promise<{ job: Job; versionId: string }> {
  const now = deps.clock.now().toISOString();
  const versionId = deps.newId();
  const job: Job = {
    id: deps.newId(),
    type: 'ingest',
    status: 'queued',
    phase: 'queued',
    rowsRead: 0,
    rowsRejected: 0,
    errors: [],
    payload: { datasetId, versionId, resourceId: resource.id, filename, options } satisfies IngestPayload,
    result: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    ...queuedBy(deps),
  };
  await deps.catalog.transaction(async (tx) => {
    await tx.datasets.createVersion({ id: versionId, datasetId, resourceId: resource.id, typeOverrides: options.types }, now);
    await tx.jobs.createJob(job);
  });
  deps.signals.send('job-queued');
  return { job, versionId };
}

/** What every ingest action checks first: valid options, and a dataset the principal may edit. */
async function begin(deps: Deps, p: Principal, datasetIdOrSlug: string, rawOptions: unknown, subject: string): Promise<{ dataset: Dataset; options: IngestOptions }> {
  const dataset = await editableDataset(deps, p, datasetIdOrSlug);
  const parsed = ingestOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw invalidInput(subject, parsed.error);
  return { dataset, options: parsed.data };
}

/** Adds a file (upload or URL) to a dataset and queues its ingest. */
export async function addResource(deps: Deps, p: Principal, datasetIdOrSlug: string, input: ResourceInput, rawOptions: unknown = {}) {
  const { dataset, options } = await begin(deps, p, datasetIdOrSlug, rawOptions, 'The ingest options are');
  let stored: StoredRaw;
  let filename: string;
  if ('url' in input) {
    const fetched = await fetchRaw(deps, input.url);
    stored = fetched;
    filename = fetched.filename;
  } else {
    stored = await storeRaw(deps, input.file);
    filename = input.filename;
  }
  const { ext } = extensionOf(filename);
  const resource: Resource = {
    id: deps.newId(),
    datasetId: dataset.id,
    kind: 'file',
    name: filename,
    description: '',
    // Kept without its credentials: they were used for this download only (ADR 15).
    sourceUrl: 'url' in input ? maskUrl(input.url) : null,
    blobKey: stored.key,
    sizeBytes: stored.size,
    format: ext || null,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.catalog.transaction(async (tx) => {
    await tx.datasets.createResource(resource);
    await recordActivity(deps, tx, p, { verb: 'resource.added', datasetId: dataset.id, organizationId: dataset.organizationId, summary: `added the file ${filename}`, details: { resource: resource.id, kind: 'file' } });
  });
  const { job, versionId } = await queueIngest(deps, dataset.id, resource, filename, options);
  return { dataset, resource, job, versionId };
}

/** Re-runs the ingest of the live version's file with new column types. */
export async function retypeColumns(deps: Deps, p: Principal, datasetIdOrSlug: string, rawOptions: unknown) {
  const { dataset, options } = await begin(deps, p, datasetIdOrSlug, rawOptions, 'The column types are');
  const versions = await deps.catalog.datasets.listVersions(dataset.id);
  const base = versions.find((v) => v.id === dataset.liveVersionId) ?? versions[0];
  const resource = base?.resourceId ? await deps.catalog.datasets.getResource(base.resourceId) : undefined;
  if (!base || !resource) throw new AppError('conflict', 'The dataset has no file yet; add a resource first.');
  const types = { ...base.typeOverrides, ...options.types };
  return queueIngest(deps, dataset.id, resource, resource.name, { ...options, types });
}
