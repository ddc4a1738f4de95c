import { z } from 'zod';
import { canAdminister, canEditIn, isSiteAdmin } from '../../domain/accounts/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset, Job } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import type { HarvestOrigin, HarvestSource } from '../../domain/harvest/types.ts';
import type { HarvestNotes } from '../../ports/store/harvest.ts';
import { deny } from '../auth/authorize.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps, Principal } from '../deps.ts';
import { queuedBy } from '../jobs/queue.ts';
import { getSource } from './sources.ts';

/** Where a harvested dataset came from, for its page: each origin with its source. */
export interface Provenance {
  origins: Array<HarvestOrigin & { source: Pick<HarvestSource, 'id' | 'name' | 'kind' | 'url' | 'peer'> }>;
  notes: HarvestNotes | null;
}

/** The provenance of a dataset the principal may see; null when it was not harvested. */
export async function provenanceOf(deps: Deps, p: Principal, idOrSlug: string): Promise<Provenance | null> {
  const dataset = await visibleDataset(deps, p, idOrSlug);
  return provenanceFor(deps, dataset);
}

/** The provenance of a dataset already read and checked. */
export async function provenanceFor(deps: Deps, dataset: Pick<Dataset, 'id'>): Promise<Provenance | null> {
  const origins = await deps.catalog.harvest.originsOf([dataset.id]);
  if (!origins.length) return null;
  const sources = new Map((await deps.catalog.harvest.listSources()).map((s) => [s.id, s]));
  return {
    origins: origins.flatMap((o) => {
      const s = sources.get(o.sourceId);
      return s ? [{ ...o, source: { id: s.id, name: s.name, kind: s.kind, url: s.url, peer: s.peer } }] : [];
    }),
    notes: (await deps.catalog.harvest.getNotes(dataset.id)) ?? null,
  };
}

const notesFields = z.object({ notes: z.string().max(10_000, 'Keep the notes under 10,000 characters.') });

/** Writes a harvested dataset's local notes: the one part of it this city edits (editors of its organization). */
export async function saveLocalNotes(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<HarvestNotes> {
  const dataset = await visibleDataset(deps, p, idOrSlug);
  if (!canEditIn(p, dataset.organizationId)) deny(p, `Only editors of the dataset's organization may write notes on "${dataset.slug}".`);
  const [origin] = await deps.catalog.harvest.originsOf([dataset.id]);
  if (!origin) throw new AppError('conflict', `"${dataset.title}" was not harvested: edit its description instead of local notes.`);
  const parsed = notesFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The notes are', parsed.error);
  const notes: HarvestNotes = { datasetId: dataset.id, notes: parsed.data.notes.trim(), updatedBy: p.kind === 'user' ? p.userId : null, updatedAt: deps.clock.now().toISOString() };
  await deps.catalog.harvest.putNotes(notes);
  return notes;
}

/** What the `harvest-fetch` job loads: the datasets, each from one of its distributions. */
export interface FetchPayload extends Record<string, unknown> {
  datasetIds: string[];
}

/**
 * Asks for harvested datasets' data: their CSV, GeoJSON or spreadsheet
 * distributions are downloaded and loaded as real versions by a background
 * job, through the ingest pipeline and its limits. For one dataset
 * (admins of its organization) or every dataset of a source (site
 * administrators).
 */
export async function requestHarvestedData(deps: Deps, p: Principal, target: { dataset: string } | { source: string }): Promise<Job> {
  let datasetIds: string[];
  if ('dataset' in target) {
    const dataset = await visibleDataset(deps, p, target.dataset);
    if (!canAdminister(p, dataset.organizationId)) deny(p, `Only admins of the dataset's organization may load the data of "${dataset.slug}".`);
    if (!(await deps.catalog.harvest.originsOf([dataset.id])).length) throw new AppError('conflict', `"${dataset.title}" was not harvested; add its file as a resource instead.`);
    datasetIds = [dataset.id];
  } else {
    if (!isSiteAdmin(p)) deny(p, 'Loading the data of a whole source is for site administrators.');
    const source = await getSource(deps, p, target.source);
    datasetIds = [...new Set((await deps.catalog.harvest.originsOfSource(source.id)).filter((o) => !o.removedAt).map((o) => o.datasetId))];
  }
  const now = deps.clock.now().toISOString();
  const job: Job = { id: deps.newId(), type: 'harvest-fetch', status: 'queued', phase: 'queued', rowsRead: 0, rowsRejected: 0, errors: [], payload: { datasetIds } satisfies FetchPayload, result: null, createdAt: now, startedAt: null, finishedAt: null, ...queuedBy(deps) };
  await deps.catalog.jobs.createJob(job);
  deps.signals.send('job-queued');
  return job;
}
