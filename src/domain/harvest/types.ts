import type { ContactPoint, SpatialCoverage, TemporalCoverage } from '../catalog/types.ts';

/** The kinds of catalog Plaza harvests from, each read by its own reader (`actions/harvest/readers`). */
export const HARVEST_KINDS = ['ckan', 'dcat-us', 'dcat-ap', 'socrata', 'plaza'] as const;
export type HarvestKind = (typeof HARVEST_KINDS)[number];
export const isHarvestKind = (v: string): v is HarvestKind => (HARVEST_KINDS as readonly string[]).includes(v);

/**
 * Another portal Plaza reads: harvested into this catalog (on a schedule or
 * on demand), listed as a peer for the federated search, or both.
 */
export interface HarvestSource {
  id: string;
  name: string;
  kind: HarvestKind;
  /** The catalog's address: a CKAN or Plaza site's root, a `data.json`, a DCAT-AP catalog, a Socrata domain. */
  url: string;
  /** Where its datasets are listed here. */
  organizationId: string;
  /** Its datasets are brought into this catalog (by the schedule, `plaza harvest run`, or an admin). */
  harvest: boolean;
  /** Listed in the peer network: searched beside this city's catalog, its showcases and blueprints browsable. */
  peer: boolean;
  /** Hours between scheduled runs; null: on demand only. */
  scheduleHours: number | null;
  nextRunAt: string | null;
  lastRunId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A distribution as a source lists it: a file or a service elsewhere. */
export interface HarvestedDistribution {
  title: string;
  url: string;
  /** Lower-case format name (csv, geojson, json, xlsx, pdf, api…) when the source says or the address shows it. */
  format: string | null;
  mediaType: string | null;
}

/**
 * One dataset as a source describes it, in Plaza's terms: what every reader
 * turns its source's records into. Absent metadata is null or empty, never
 * guessed.
 */
export interface HarvestedRecord {
  /** The source's own id of the record (CKAN's id, DCAT's identifier, Socrata's four-by-four). */
  remoteId: string;
  /** The identifier other catalogs know the dataset by (DCAT identifier, CKAN's `identifier`/`guid` extras, else the landing page): what deduplicates across sources. */
  identifier: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  publisher: string | null;
  contactPoint: ContactPoint | null;
  /** One of Plaza's licence ids, when the source's licence maps to one. */
  license: string | null;
  /** One of Plaza's frequency ids. */
  frequency: string | null;
  temporal: TemporalCoverage | null;
  spatial: SpatialCoverage | null;
  issued: string | null;
  /** When the source says the record last changed (ISO instant); what makes runs incremental. */
  modified: string | null;
  language: string[];
  /** The dataset's page at the source: the original link shown to readers. */
  landingPage: string | null;
  distributions: HarvestedDistribution[];
}

export type HarvestTrigger = 'manual' | 'schedule' | 'first-start';
export type HarvestRunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed';

export interface HarvestCounts {
  created: number;
  updated: number;
  archived: number;
  unchanged: number;
  errors: number;
}

/** A record that could not be taken, and why. */
export interface HarvestError {
  identifier: string | null;
  title: string | null;
  reason: string;
}

/** One run over a source: what it did, and what went wrong. */
export interface HarvestRun {
  id: string;
  sourceId: string;
  jobId: string | null;
  trigger: HarvestTrigger;
  status: HarvestRunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: HarvestCounts;
  /** Per record; at most a few hundred are kept, `counts.errors` has them all. */
  errors: HarvestError[];
  /** What stopped the run as a whole (a timeout, garbage, a size limit, a refused address), in words for people. */
  message: string | null;
  /** Records changed at the source since this instant were asked for; null: the whole catalog was read. */
  since: string | null;
  /** Bytes read from the source. */
  bytes: number;
}

/** Where a harvested dataset came from. A dataset two sources list has two origins. */
export interface HarvestOrigin {
  datasetId: string;
  sourceId: string;
  remoteId: string;
  identifier: string;
  originalUrl: string | null;
  remoteModified: string | null;
  /** Of the record as last read, so that an unchanged record is left alone. */
  contentHash: string;
  firstSeenAt: string;
  lastSeenAt: string;
  lastRunId: string;
  /** When the source stopped listing it; null while it does. */
  removedAt: string | null;
}

export const EMPTY_COUNTS: HarvestCounts = { created: 0, updated: 0, archived: 0, unchanged: 0, errors: 0 };
