import { canAdminister, canEditIn, isSiteAdmin } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import type { HarvestRun, HarvestSource } from '../../domain/harvest/types.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { provenanceFor, type Provenance } from './harvested.ts';

/** A source with its newest run (queued, running or finished), for the admin's table. */
export interface SourceOverview {
  source: HarvestSource;
  lastRun: HarvestRun | null;
}

/** Every source and peer with its newest run (site administrators). */
export async function harvestOverview(deps: Deps, p: Principal): Promise<SourceOverview[]> {
  if (!isSiteAdmin(p)) deny(p, 'Harvest sources and peers are for site administrators.');
  const sources = await deps.catalog.harvest.listSources();
  return Promise.all(sources.map(async (source) => ({ source, lastRun: (await deps.catalog.harvest.listRuns(source.id, 1))[0] ?? null })));
}

/** A harvested dataset as its page shows it: where it came from, and what the reader may do about it. */
export interface HarvestedView extends Provenance {
  /** Editors of its organization write its local notes. */
  mayWriteNotes: boolean;
  /** Admins of its organization ask for its data to be loaded. */
  mayLoadData: boolean;
}

/** The provenance of a dataset already read and checked, with what the principal may do; null when it was not harvested. */
export async function harvestedView(deps: Deps, p: Principal, dataset: Pick<Dataset, 'id' | 'organizationId'>): Promise<HarvestedView | null> {
  const provenance = await provenanceFor(deps, dataset);
  if (!provenance) return null;
  return { ...provenance, mayWriteNotes: canEditIn(p, dataset.organizationId), mayLoadData: canAdminister(p, dataset.organizationId) };
}

/**
 * The names of the sources each of some datasets was harvested from, for a
 * page of results: one read of their origins and one of the sources. Origins
 * a source no longer lists still count: the dataset came from there.
 */
export async function harvestedFrom(deps: Deps, datasetIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!datasetIds.length) return out;
  const origins = await deps.catalog.harvest.originsOf(datasetIds);
  if (!origins.length) return out;
  const names = new Map((await deps.catalog.harvest.listSources()).map((s) => [s.id, s.name]));
  for (const o of origins) {
    const name = names.get(o.sourceId);
    if (name === undefined) continue;
    const list = out.get(o.datasetId) ?? [];
    if (!list.includes(name)) list.push(name);
    out.set(o.datasetId, list);
  }
  return out;
}
