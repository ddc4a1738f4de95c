import { leadingOrigins } from '../../domain/harvest/record.ts';
import type { HarvestKind } from '../../domain/harvest/types.ts';
import type { Deps } from '../deps.ts';

/** What a list of datasets says of a harvested one: the source it came from and its original link. */
export interface HarvestMark {
  source: { id: string; name: string; kind: HarvestKind };
  originalUrl: string | null;
}

/**
 * The harvest marks of a page of datasets, by dataset id, in one query of
 * their origins (and one of the sources). A dataset two sources list is
 * marked with the one that brought it first and still lists it; datasets
 * not harvested are absent.
 */
export async function harvestMarks(deps: Deps, datasetIds: string[]): Promise<Map<string, HarvestMark>> {
  const marks = new Map<string, HarvestMark>();
  if (!datasetIds.length) return marks;
  const origins = await deps.catalog.harvest.originsOf([...new Set(datasetIds)]);
  if (!origins.length) return marks;
  const sources = new Map((await deps.catalog.harvest.listSources()).map((s) => [s.id, s]));
  for (const [datasetId, o] of leadingOrigins(origins)) {
    const s = sources.get(o.sourceId);
    if (s) marks.set(datasetId, { source: { id: s.id, name: s.name, kind: s.kind }, originalUrl: o.originalUrl });
  }
  return marks;
}
