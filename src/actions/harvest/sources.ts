import type { Job } from '../../domain/catalog/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { sourceFields, sourcePatchFields } from '../../domain/harvest/source-input.ts';
import type { HarvestRun, HarvestSource, HarvestTrigger } from '../../domain/harvest/types.ts';
import { maskUrl } from '../../domain/net/mask-url.ts';
import { PrivateAddressError } from '../../ports/http-fetch.ts';
import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import { findOrganization } from '../catalog/create-dataset.ts';
import type { Deps, Principal } from '../deps.ts';
import { queuedBy } from '../jobs/queue.ts';
import { newRun } from './run-harvest.ts';

/** Harvest sources and peers are for site administrators. */
function requireSiteAdmin(p: Principal, doing: string): void {
  if (!isSiteAdmin(p)) deny(p, `${doing} is for site administrators.`);
}

/** Refuses an address the guard would refuse at every request, saying why, before it is kept. */
async function checkSourceUrl(deps: Deps, url: string): Promise<void> {
  try {
    await deps.checkAddress(new URL(url));
  } catch (e) {
    if (!(e instanceof PrivateAddressError)) throw e;
    const message = `${maskUrl(url)} is refused: ${e.message}. Set PLAZA_ALLOW_PRIVATE_URLS=true to harvest sources on a private network.`;
    throw new AppError('validation_failed', message, { fields: [{ field: 'url', message }] });
  }
}

/** Adds a source to harvest and/or a peer (site administrators). Its datasets go to the organization named, made when missing. */
export async function addSource(deps: Deps, p: Principal, input: unknown): Promise<HarvestSource> {
  requireSiteAdmin(p, 'Adding a harvest source or a peer');
  const parsed = sourceFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The source is', parsed.error);
  const v = parsed.data;
  await checkSourceUrl(deps, v.url);
  const name = v.name ?? new URL(v.url).host;
  const now = deps.clock.now().toISOString();
  return deps.catalog.transaction(async (tx) => {
    const org = await findOrganization(deps, tx, p, v.organization ?? name, { createOrganization: true });
    const source: HarvestSource = {
      id: deps.newId(), name, kind: v.kind, url: v.url, organizationId: org.id, harvest: v.harvest, peer: v.peer,
      scheduleHours: v.harvest ? v.schedule_hours : null, nextRunAt: null, lastRunId: null, createdBy: p.kind === 'user' ? p.userId : null, createdAt: now, updatedAt: now,
    };
    await tx.harvest.createSource(source);
    await recordActivity(deps, tx, p, { verb: 'harvest.source_added', organizationId: org.id, summary: `added ${source.peer && !source.harvest ? 'the peer' : 'the harvest source'} ${name}`, details: { source: source.id, kind: source.kind, url: maskUrl(source.url) } });
    return source;
  });
}

/** Changes a source's name, address, roles or schedule (site administrators). */
export async function updateSource(deps: Deps, p: Principal, id: string, input: unknown): Promise<HarvestSource> {
  requireSiteAdmin(p, 'Changing a harvest source');
  const source = await getSource(deps, p, id);
  const parsed = sourcePatchFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The source is', parsed.error);
  const v = parsed.data;
  if (v.url) await checkSourceUrl(deps, v.url);
  const harvest = v.harvest ?? source.harvest;
  await deps.catalog.harvest.updateSource(source.id, {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.url !== undefined ? { url: v.url } : {}),
    ...(v.peer !== undefined ? { peer: v.peer } : {}),
    harvest,
    ...(v.schedule_hours !== undefined || !harvest ? { scheduleHours: harvest ? (v.schedule_hours ?? null) : null, nextRunAt: null } : {}),
    updatedAt: deps.clock.now().toISOString(),
  });
  return (await deps.catalog.harvest.getSource(source.id)) ?? source;
}

/** Removes a source and its runs; the datasets it brought stay, no longer marked as harvested (site administrators). */
export async function removeSource(deps: Deps, p: Principal, id: string): Promise<void> {
  requireSiteAdmin(p, 'Removing a harvest source');
  const source = await getSource(deps, p, id);
  await deps.catalog.harvest.deleteSource(source.id);
}

/** A source by id: peers are public, the rest is for site administrators. */
export async function getSource(deps: Deps, p: Principal, id: string): Promise<HarvestSource> {
  const source = await deps.catalog.harvest.getSource(id);
  if (!source || (!source.peer && !isSiteAdmin(p))) throw notFound('Harvest source', id);
  return source;
}

/** The sources a principal may see: all for site administrators, the peers for everyone else. */
export async function listSources(deps: Deps, p: Principal): Promise<HarvestSource[]> {
  const all = await deps.catalog.harvest.listSources();
  return isSiteAdmin(p) ? all : all.filter((s) => s.peer);
}

/** A source's runs, newest first (site administrators). */
export async function listRuns(deps: Deps, p: Principal, id: string, limit = 20): Promise<{ source: HarvestSource; runs: HarvestRun[] }> {
  requireSiteAdmin(p, 'Reading harvest reports');
  const source = await getSource(deps, p, id);
  return { source, runs: await deps.catalog.harvest.listRuns(source.id, Math.min(Math.max(limit, 1), 100)) };
}

/** One run's report (site administrators). */
export async function getRun(deps: Deps, p: Principal, runId: string): Promise<{ source: HarvestSource; run: HarvestRun }> {
  requireSiteAdmin(p, 'Reading harvest reports');
  const run = await deps.catalog.harvest.getRun(runId);
  const source = run && (await deps.catalog.harvest.getSource(run.sourceId));
  if (!run || !source) throw notFound('Harvest run', runId);
  return { source, run };
}

/** Queues a run of a source, unless one is queued or running already: then that one is returned. */
export async function queueHarvestRun(deps: Deps, source: HarvestSource, trigger: HarvestTrigger): Promise<HarvestRun> {
  const [last] = await deps.catalog.harvest.listRuns(source.id, 1);
  const open = last && (last.status === 'queued' || last.status === 'running') ? last : undefined;
  if (open?.jobId) return open;
  const now = deps.clock.now().toISOString();
  // A run without a job was left by a stopped `plaza harvest run`: the worker finishes it rather than it blocking every later run.
  const run = open ?? newRun(deps, source.id, trigger, null);
  const job: Job = { id: deps.newId(), type: 'harvest', status: 'queued', phase: 'queued', rowsRead: 0, rowsRejected: 0, errors: [], payload: { sourceId: source.id, runId: run.id, trigger: run.trigger }, result: null, createdAt: now, startedAt: null, finishedAt: null, ...queuedBy(deps) };
  run.jobId = job.id;
  await deps.catalog.transaction(async (tx) => {
    if (open) await tx.harvest.updateRun(run.id, { jobId: job.id });
    else await tx.harvest.createRun(run);
    await tx.jobs.createJob(job);
    if (source.scheduleHours !== null) await tx.harvest.updateSource(source.id, { nextRunAt: new Date(Date.parse(now) + source.scheduleHours * 3_600_000).toISOString() });
  });
  deps.signals.send('job-queued');
  return run;
}

/** Runs a harvest now, in the background (site administrators). */
export async function requestHarvest(deps: Deps, p: Principal, id: string): Promise<HarvestRun> {
  requireSiteAdmin(p, 'Running a harvest');
  const source = await getSource(deps, p, id);
  if (!source.harvest) throw new AppError('conflict', `${source.name} is listed as a peer only; turn harvesting on to bring its datasets in.`);
  return queueHarvestRun(deps, source, 'manual');
}
