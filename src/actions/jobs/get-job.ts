import { canEditIn, canSeeDataset, isSiteAdmin } from '../../domain/accounts/policy.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Job } from '../../domain/catalog/types.ts';
import type { Deps, Principal } from '../deps.ts';

export async function getJob(deps: Deps, id: string): Promise<Job> {
  const job = await deps.catalog.jobs.getJob(id);
  if (!job) throw notFound('Job', id);
  return job;
}

/**
 * Waits until a job has finished (for the CLI and tests); polls the catalog,
 * every 10 ms for the first quarter second (a small file's whole ingest),
 * then every 50 ms.
 */
export async function waitForJob(deps: Deps, id: string, onProgress?: (job: Job) => void, timeoutMs = 30 * 60_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (let polls = 0; ; polls++) {
    const job = await getJob(deps, id);
    onProgress?.(job);
    if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'dead') return job;
    if (Date.now() > until) return job;
    await new Promise((r) => setTimeout(r, polls < 25 ? 10 : 50));
  }
}

/**
 * A harvest job, for site administrators; the data loads of harvested
 * datasets (`harvest-fetch`) also for editors of every dataset it loads.
 */
async function harvestJobFor(deps: Deps, p: Principal, job: Job): Promise<Job> {
  if (isSiteAdmin(p)) return job;
  if (p.kind === 'anonymous') throw new AppError('unauthorized', 'Harvest jobs are shown to site administrators: sign in or send an API token.');
  if (job.type === 'harvest-fetch' && Array.isArray(job.payload.datasetIds) && job.payload.datasetIds.length) {
    const datasets = await Promise.all((job.payload.datasetIds as unknown[]).map((d) => (typeof d === 'string' ? deps.catalog.datasets.getDataset(d) : undefined)));
    if (datasets.every((d) => d && canEditIn(p, d.organizationId))) return job;
  }
  throw notFound('Job', job.id);
}

/** A job, for someone who may edit the dataset it loads (harvest jobs: `harvestJobFor`). */
export async function getJobFor(deps: Deps, p: Principal, id: string): Promise<Job> {
  const job = await getJob(deps, id);
  if (job.type === 'harvest' || job.type === 'harvest-fetch') return harvestJobFor(deps, p, job);
  const datasetId = typeof job.payload.datasetId === 'string' ? job.payload.datasetId : undefined;
  const dataset = datasetId ? await deps.catalog.datasets.getDataset(datasetId) : undefined;
  if (!dataset || !canEditIn(p, dataset.organizationId)) {
    if (p.kind === 'anonymous') throw new AppError('unauthorized', 'Jobs are shown to the publishers of their dataset: sign in or send an API token.');
    // Someone who sees the dataset learns nothing from being refused its job; others hear it does not exist.
    if (dataset && canSeeDataset(p, dataset)) throw new AppError('forbidden', `Only editors of the dataset's organization may follow its jobs.`);
    throw notFound('Job', id);
  }
  return job;
}
