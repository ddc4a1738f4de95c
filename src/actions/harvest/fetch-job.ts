import type { Job, Resource } from '../../domain/catalog/types.ts';
import { ingestOptionsSchema } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { LOADABLE_FORMATS } from '../../domain/harvest/vocab-match.ts';
import { queueIngest } from '../ingest/add-resource.ts';
import { fetchRaw } from '../ingest/store-raw.ts';
import type { Deps } from '../deps.ts';
import type { FetchPayload } from './harvested.ts';

/** Formats in the order one is chosen to load: tables first, then places, then workbooks. */
const PREFERRED = ['csv', 'tsv', 'geojson', 'xlsx', 'ndjson', 'json'];

/** The distribution of a harvested dataset to load, or none. */
function loadable(resources: Resource[]): Resource | undefined {
  const links = resources.filter((r) => r.kind === 'link' && r.sourceUrl && r.format && LOADABLE_FORMATS.has(r.format));
  return links.sort((a, b) => PREFERRED.indexOf(a.format ?? '') - PREFERRED.indexOf(b.format ?? ''))[0];
}

/**
 * The `harvest-fetch` job: for each dataset, downloads its best
 * distribution (through the guarded fetch, within the upload size and time
 * limits) and queues its ingest; a dataset that cannot be loaded is named
 * in the job's errors with the reason, and the others go on.
 */
export async function harvestFetchJob(deps: Deps, job: Job): Promise<void> {
  const { datasetIds } = job.payload as FetchPayload;
  // Run again after a stop (ADR 54): the datasets an earlier attempt got through, as its progress says, are not loaded twice.
  const earlier = Array.isArray(job.result?.queued) ? (job.result.queued as Array<{ dataset: string; job: string }>) : [];
  const done = Math.min(job.rowsRead, datasetIds.length);
  const queued: Array<{ dataset: string; job: string }> = done ? [...earlier] : [];
  const errors: Job['errors'] = done ? job.errors.filter((e) => e.row !== null) : [];
  let n = 0;
  for (const id of datasetIds) {
    n++;
    if (n <= done) continue;
    const dataset = await deps.catalog.datasets.getDataset(id);
    if (!dataset) continue;
    const resources = await deps.catalog.datasets.listResources(id);
    const link = loadable(resources);
    if (!link?.sourceUrl) {
      errors.push({ row: n, column: null, message: `${dataset.title}: no CSV, GeoJSON or spreadsheet distribution to load.` });
      continue;
    }
    try {
      const raw = await fetchRaw(deps, link.sourceUrl);
      const file: Resource = { id: deps.newId(), datasetId: id, kind: 'file', name: raw.filename, description: `Loaded from ${link.name}.`, sourceUrl: link.sourceUrl, blobKey: raw.key, sizeBytes: raw.size, format: link.format, createdAt: deps.clock.now().toISOString() };
      await deps.catalog.datasets.createResource(file);
      const ingest = await queueIngest(deps, id, file, raw.filename, ingestOptionsSchema.parse({}));
      queued.push({ dataset: dataset.slug, job: ingest.job.id });
    } catch (e) {
      errors.push({ row: n, column: null, message: `${dataset.title}: ${e instanceof AppError ? e.message : (e as Error).message}` });
    }
    await deps.catalog.jobs.updateJob(job.id, { phase: 'fetching', rowsRead: n, rowsRejected: errors.length, errors, result: { queued } });
  }
  await deps.catalog.jobs.updateJob(job.id, {
    status: queued.length || !errors.length ? 'succeeded' : 'failed',
    phase: 'done',
    rowsRead: n,
    rowsRejected: errors.length,
    errors,
    result: { queued },
    finishedAt: deps.clock.now().toISOString(),
  });
}
