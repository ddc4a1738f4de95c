import { slugify } from '../../domain/catalog/slug.ts';
import type { Dataset, Resource } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { createHash } from 'node:crypto';
import { identifierKey, metadataOf, recordProblem } from '../../domain/harvest/record.ts';
import { EMPTY_COUNTS, type HarvestError, type HarvestOrigin, type HarvestRun, type HarvestSource, type HarvestTrigger, type HarvestedRecord } from '../../domain/harvest/types.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps } from '../deps.ts';
import { siteThemes } from '../site/settings.ts';
import { READERS } from './readers/index.ts';
import { HarvestFailure, SourceFetch } from './source-fetch.ts';

/** Errors a run's report keeps one by one; the count has them all. */
const KEPT_ERRORS = 200;

/** A digest of everything Plaza keeps of a record: the same digest on the next run means nothing changed. */
export function recordHash(r: HarvestedRecord): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('base64url').slice(0, 32);
}

/** The run a source's next harvest resumes or starts. */
export interface RunRequest {
  trigger: HarvestTrigger;
  /** A run already created (queued, or left running by a stopped process): it goes on from where it stood. */
  runId?: string;
  jobId?: string | null;
}

/** A new run's record, queued until a worker takes it. */
export function newRun(deps: Deps, sourceId: string, trigger: HarvestTrigger, jobId: string | null): HarvestRun {
  return { id: deps.newId(), sourceId, jobId, trigger, status: 'queued', startedAt: deps.clock.now().toISOString(), finishedAt: null, counts: { ...EMPTY_COUNTS }, errors: [], message: null, since: null, bytes: 0 };
}

/** When the last run that read the whole catalog started: what an incremental run asks for changes since. */
async function lastCompleteStart(deps: Deps, sourceId: string, current: string): Promise<string | null> {
  const runs = await deps.catalog.harvest.listRuns(sourceId, 20);
  return runs.find((r) => r.id !== current && (r.status === 'succeeded' || r.status === 'partial'))?.startedAt ?? null;
}

/** A slug no dataset has yet, from the title. */
async function freeSlug(store: CatalogStore, title: string): Promise<string> {
  const base = slugify(title) || 'dataset';
  let slug = base;
  for (let n = 2; await store.datasets.getDataset(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** The links a harvested dataset lists: its distributions, replacing those of the last run (files loaded here stay). */
async function putLinks(deps: Deps, store: CatalogStore, datasetId: string, r: HarvestedRecord, now: string): Promise<void> {
  for (const old of await store.datasets.listResources(datasetId)) if (old.kind !== 'file') await store.datasets.deleteResource(old.id);
  const links = r.distributions.map((d): Resource => ({ id: deps.newId(), datasetId, kind: d.format === 'api' ? 'api' : 'link', name: d.title.slice(0, 200), description: '', sourceUrl: d.url, blobKey: null, sizeBytes: null, format: d.format, createdAt: now }));
  await store.datasets.createResources(links);
}

/** What one run keeps in memory while it reads. */
interface RunState {
  run: HarvestRun;
  source: HarvestSource;
  origins: Map<string, HarvestOrigin>;
  seen: Set<string>;
  themes: readonly string[];
}

/** Takes one record: creates, updates, links to the dataset another source brought, or leaves it; returns what it did. */
async function takeRecord(deps: Deps, store: CatalogStore, s: RunState, r: HarvestedRecord, now: string): Promise<'created' | 'updated' | 'unchanged' | 'done'> {
  const origin = s.origins.get(r.remoteId);
  if (origin?.lastRunId === s.run.id && !origin.removedAt) return 'done';
  const hash = recordHash(r);
  if (origin && origin.contentHash === hash && !origin.removedAt) return 'unchanged';
  const key = identifierKey(r.identifier);
  const base = { sourceId: s.source.id, remoteId: r.remoteId, identifier: r.identifier, originalUrl: r.landingPage, remoteModified: r.modified, contentHash: hash, lastSeenAt: now, lastRunId: s.run.id, removedAt: null };
  const metadata = metadataOf(r, s.themes);
  if (origin) {
    const dataset = await store.datasets.getDataset(origin.datasetId);
    const others = (await store.harvest.originsOf([origin.datasetId])).filter((o) => o.sourceId !== s.source.id && !o.removedAt);
    // The first source to bring a dataset describes it; a later one only adds its origin.
    const leads = !others.some((o) => o.firstSeenAt < origin.firstSeenAt);
    if (dataset && leads) {
      await store.datasets.updateDataset(dataset.id, { ...metadata, status: 'published', updatedAt: now });
      await putLinks(deps, store, dataset.id, r, now);
    } else if (dataset && dataset.status === 'archived') {
      await store.datasets.updateDataset(dataset.id, { status: 'published', updatedAt: now });
    }
    const next = { ...origin, ...base };
    await store.harvest.putOrigin(next, key);
    s.origins.set(r.remoteId, next);
    return 'updated';
  }
  const twin = await store.harvest.findByIdentifierKey(key);
  if (twin) {
    const next: HarvestOrigin = { ...base, datasetId: twin.datasetId, firstSeenAt: now };
    await store.harvest.putOrigin(next, key);
    s.origins.set(r.remoteId, next);
    return 'updated';
  }
  const dataset: Dataset = {
    ...metadata,
    id: deps.newId(),
    slug: await freeSlug(store, metadata.title),
    organizationId: s.source.organizationId,
    status: 'published',
    liveVersionId: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    dataUpdatedAt: null,
    publishedAt: metadata.issued ? `${metadata.issued}T00:00:00.000Z` : now,
    nextDueAt: null,
    popularity: 0,
  };
  await store.datasets.createDataset(dataset);
  await putLinks(deps, store, dataset.id, r, now);
  const next: HarvestOrigin = { ...base, datasetId: dataset.id, firstSeenAt: now };
  await store.harvest.putOrigin(next, key);
  s.origins.set(r.remoteId, next);
  return 'created';
}

/**
 * Takes one record of a source outside a run, by the same path a run's
 * records take (a dataset a site administrator brings in from a peer's
 * search results): created, or updated when this source or another
 * brought it already, in one transaction. Returns the dataset's id.
 */
export async function takeOneRecord(deps: Deps, source: HarvestSource, r: HarvestedRecord): Promise<{ datasetId: string; did: 'created' | 'updated' | 'unchanged' }> {
  const problem = recordProblem(r);
  if (problem) throw new AppError('validation_failed', problem);
  const now = deps.clock.now().toISOString();
  // Not a run of its own: the origin names an id no run has, so the next run of the source reads the record again as usual.
  const state: RunState = { run: newRun(deps, source.id, 'manual', null), source, origins: new Map((await deps.catalog.harvest.originsOfSource(source.id)).map((o) => [o.remoteId, o])), seen: new Set(), themes: await siteThemes(deps) };
  return deps.catalog.transaction(async (tx) => {
    const did = await takeRecord(deps, tx, state, r, now);
    const origin = state.origins.get(r.remoteId);
    if (!origin) throw new Error(`The record ${r.remoteId} was taken without an origin.`);
    return { datasetId: origin.datasetId, did: did === 'done' ? 'unchanged' : did };
  });
}

/** Archives the datasets whose records the source no longer lists (unless another source still does); returns how many origins were dropped. */
async function archiveDropped(deps: Deps, s: RunState, now: string): Promise<number> {
  const dropped = [...s.origins.values()].filter((o) => !o.removedAt && !s.seen.has(o.remoteId));
  if (!dropped.length) return 0;
  await deps.catalog.transaction(async (tx) => {
    await tx.harvest.markRemoved(s.source.id, dropped.map((o) => o.remoteId), now);
    for (const o of dropped) {
      const others = (await tx.harvest.originsOf([o.datasetId])).filter((x) => x.sourceId !== s.source.id && !x.removedAt);
      if (!others.length) await tx.datasets.updateDataset(o.datasetId, { status: 'archived', updatedAt: now });
    }
  });
  return dropped.length;
}

/** Adds a page's errors to the run; a resumed run skips those it noted before the stop, so that none counts twice. */
const keepErrors = (run: HarvestRun, more: HarvestError[], resumed: boolean): void => {
  if (resumed) {
    const known = new Set(run.errors.map((e) => JSON.stringify([e.identifier, e.title, e.reason])));
    more = more.filter((e) => !known.has(JSON.stringify([e.identifier, e.title, e.reason])));
  }
  run.counts.errors += more.length;
  run.errors.push(...more.slice(0, Math.max(0, KEPT_ERRORS - run.errors.length)));
};

/** One line for the activity stream and the CLI. */
export function runSummary(source: HarvestSource, run: HarvestRun): string {
  const c = run.counts;
  if (run.status === 'failed') return `harvest of ${source.name} failed: ${run.message ?? 'unknown reason'}`;
  return `harvested ${source.name}: ${c.created} created, ${c.updated} updated, ${c.archived} archived, ${c.unchanged} unchanged, ${c.errors} errors`;
}

/**
 * Harvests a source: reads its catalog page by page through its kind's
 * reader and brings each record in (one transaction per page, so what a
 * page brought stays whatever happens next). Only a catalog read to its
 * end archives what the source dropped; a source that fails (timeout,
 * garbage, a limit, a refused address) ends the run as failed with the
 * reason and changes nothing more. A run left running by a stopped process
 * goes on: records it already took are skipped, its counts kept.
 */
export async function runHarvest(deps: Deps, sourceId: string, req: RunRequest): Promise<HarvestRun> {
  const source = await deps.catalog.harvest.getSource(sourceId);
  if (!source) throw notFound('Harvest source', sourceId);
  const existing = req.runId ? await deps.catalog.harvest.getRun(req.runId) : undefined;
  const run: HarvestRun = existing ?? newRun(deps, source.id, req.trigger, req.jobId ?? null);
  // A run a stopped process left running: the records it took are skipped, its errors not noted twice.
  const resumed = existing?.status === 'running';
  if (!existing) await deps.catalog.harvest.createRun(run);
  run.status = 'running';
  run.since = await lastCompleteStart(deps, source.id, run.id);
  await deps.catalog.harvest.updateRun(run.id, { status: 'running', jobId: req.jobId ?? run.jobId, since: run.since });
  const state: RunState = {
    run,
    source,
    origins: new Map((await deps.catalog.harvest.originsOfSource(source.id)).map((o) => [o.remoteId, o])),
    seen: new Set(),
    themes: await siteThemes(deps),
  };
  const fetch = new SourceFetch(deps);
  const reader = READERS[source.kind];
  // This site's own datasets, offered back by a source that gathered them (a regional portal, a peer): already here, not taken.
  const ownPages = `${identifierKey(`${deps.site.baseUrl}/datasets`)}/`;
  try {
    if (!reader) throw new HarvestFailure(`Plaza cannot read sources of the kind "${source.kind}".`);
    for await (const page of reader.read({ source, since: run.since, fetch })) {
      const fresh = page.records.filter((r) => !state.seen.has(r.remoteId) && !identifierKey(r.identifier).startsWith(ownPages));
      // Listed as not changed since the last complete run: seen now, and counted as unchanged when kept here.
      const listed = (page.listed ?? []).filter((id) => !state.seen.has(id));
      for (const id of listed) state.seen.add(id);
      if (state.seen.size + fresh.length > deps.limits.harvest.maxDatasets) {
        throw new HarvestFailure(`The source lists more than ${deps.limits.harvest.maxDatasets} datasets, the most one run takes (setting PLAZA_HARVEST_MAX_DATASETS); nothing was archived.`);
      }
      const now = deps.clock.now().toISOString();
      const unchanged: string[] = listed.filter((id) => {
        const o = state.origins.get(id);
        return o && !o.removedAt && o.lastRunId !== run.id;
      });
      const errors: HarvestError[] = [...(page.errors ?? [])];
      await deps.catalog.transaction(async (tx) => {
        for (const r of fresh) {
          state.seen.add(r.remoteId);
          const problem = recordProblem(r);
          if (problem) {
            errors.push({ identifier: r.identifier || r.remoteId || null, title: r.title || null, reason: problem });
            continue;
          }
          const did = await takeRecord(deps, tx, state, r, now);
          if (did === 'unchanged') unchanged.push(r.remoteId);
          else if (did !== 'done') run.counts[did] += 1;
        }
        if (unchanged.length) await tx.harvest.markSeen(source.id, unchanged, run.id, now);
        run.counts.unchanged += unchanged.length;
        keepErrors(run, errors, resumed);
        run.bytes = fetch.bytes;
        // With the page's records, so that a stop between the two cannot lose what the page counted.
        await tx.harvest.updateRun(run.id, { counts: run.counts, errors: run.errors, bytes: run.bytes });
      });
      for (const id of unchanged) {
        const o = state.origins.get(id);
        if (o) state.origins.set(id, { ...o, lastRunId: run.id, lastSeenAt: now });
      }
      if (run.jobId) await deps.catalog.jobs.updateJob(run.jobId, { phase: 'harvesting', rowsRead: state.seen.size, rowsRejected: run.counts.errors });
    }
    run.counts.archived += await archiveDropped(deps, state, deps.clock.now().toISOString());
    run.status = run.counts.errors ? 'partial' : 'succeeded';
  } catch (e) {
    run.status = 'failed';
    run.message = e instanceof HarvestFailure ? e.message : `The run stopped: ${(e as Error).message}`;
  }
  run.finishedAt = deps.clock.now().toISOString();
  run.bytes = fetch.bytes;
  await deps.catalog.transaction(async (tx) => {
    await tx.harvest.updateRun(run.id, { status: run.status, finishedAt: run.finishedAt, counts: run.counts, errors: run.errors, message: run.message, bytes: run.bytes });
    await tx.harvest.updateSource(source.id, { lastRunId: run.id });
    await recordActivity(deps, tx, { system: 'Harvester' }, { verb: 'harvest.finished', organizationId: source.organizationId, summary: runSummary(source, run), details: { source: source.id, run: run.id, status: run.status, ...run.counts } });
  });
  return run;
}
