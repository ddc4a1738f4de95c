import type { HarvestOrigin, HarvestRun, HarvestSource } from '../../domain/harvest/types.ts';

export type HarvestSourcePatch = Partial<Pick<HarvestSource, 'name' | 'url' | 'organizationId' | 'harvest' | 'peer' | 'scheduleHours' | 'nextRunAt' | 'lastRunId' | 'updatedAt'>>;
export type HarvestRunPatch = Partial<Pick<HarvestRun, 'jobId' | 'status' | 'finishedAt' | 'counts' | 'errors' | 'message' | 'bytes' | 'since'>>;

/** A harvested dataset's local notes: the one part of it this city writes. */
export interface HarvestNotes {
  datasetId: string;
  notes: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** Harvest sources and peers, their runs, the origins of harvested datasets and their local notes. */
export interface HarvestStore {
  createSource(s: HarvestSource): Promise<void>;
  getSource(id: string): Promise<HarvestSource | undefined>;
  /** Every source, by name. */
  listSources(): Promise<HarvestSource[]>;
  updateSource(id: string, patch: HarvestSourcePatch): Promise<void>;
  /** Removes a source with its runs and origins; its datasets stay. */
  deleteSource(id: string): Promise<void>;
  /** Harvested sources with a schedule whose next run is due at `at`. */
  dueSources(at: string): Promise<HarvestSource[]>;

  createRun(r: HarvestRun): Promise<void>;
  getRun(id: string): Promise<HarvestRun | undefined>;
  updateRun(id: string, patch: HarvestRunPatch): Promise<void>;
  /** A source's runs, newest first. */
  listRuns(sourceId: string, limit: number): Promise<HarvestRun[]>;

  /** Every origin of a source (a run compares the source's records with them). */
  originsOfSource(sourceId: string): Promise<HarvestOrigin[]>;
  /** The origins of some datasets, for a page of them. */
  originsOf(datasetIds: string[]): Promise<HarvestOrigin[]>;
  /** An origin, from any source, whose identifier has this key (`identifierKey`): the dataset a record is a copy of. */
  findByIdentifierKey(key: string): Promise<HarvestOrigin | undefined>;
  /** Adds or replaces the origin of (source, remote id); the key is computed by the caller. */
  putOrigin(o: HarvestOrigin, identifierKey: string): Promise<void>;
  /** Marks records a run found unchanged as seen by it. */
  markSeen(sourceId: string, remoteIds: string[], runId: string, at: string): Promise<void>;
  /** Marks records the source no longer lists as removed. */
  markRemoved(sourceId: string, remoteIds: string[], at: string): Promise<void>;

  getNotes(datasetId: string): Promise<HarvestNotes | undefined>;
  putNotes(n: HarvestNotes): Promise<void>;
}
