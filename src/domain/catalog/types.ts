import type { ColumnInfo, ColumnRole } from '../table/types.ts';
import type { ColumnProfile } from '../ingest/profile-types.ts';
import type { AccessLevel, DatasetStatus, ResourceKind } from './vocab.ts';

export type { AccessLevel, DatasetStatus, ResourceKind } from './vocab.ts';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface ContactPoint {
  name: string;
  email: string;
}

export interface TemporalCoverage {
  /** ISO dates (YYYY-MM-DD); either end may be open. */
  start: string | null;
  end: string | null;
}

export interface SpatialCoverage {
  /** A place name, like "City of Boston". */
  place: string | null;
  /** West, south, east, north in WGS 84 degrees. */
  bbox: [number, number, number, number] | null;
}

/** The describable part of a dataset (DCAT-rich), as publishers write it. */
export interface DatasetMetadata {
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  /** Defaults to the organization's name when null. */
  publisher: string | null;
  contactPoint: ContactPoint | null;
  /** A license id from LICENSES. */
  license: string | null;
  /** A frequency id from FREQUENCIES. */
  frequency: string | null;
  temporal: TemporalCoverage | null;
  spatial: SpatialCoverage | null;
  /** When the dataset was first issued (ISO date); null until published unless set. */
  issued: string | null;
  /** ISO 639-1 codes. */
  language: string[];
  accessLevel: AccessLevel;
  /** What the city's experts say the data is good for. */
  suggestedUses: string;
  /** What it must not be used for, and its known gaps. */
  knownLimitations: string;
}

export interface Dataset extends DatasetMetadata {
  id: string;
  slug: string;
  organizationId: string;
  status: DatasetStatus;
  liveVersionId: string | null;
  createdBy: string | null;
  createdAt: string;
  /** Any change at all, data or metadata. */
  updatedAt: string;
  /** When the data last changed (a version went live). */
  dataUpdatedAt: string | null;
  publishedAt: string | null;
  /** When the next update is due from the frequency; null when none is. */
  nextDueAt: string | null;
  /** Page views and downloads, for sorting by popularity. */
  popularity: number;
}

export interface DictionaryEntry {
  column: string;
  label: string;
  description: string;
  unit: string;
  /** The role the publisher chose for the column; absent while the inferred one stands (ADR 27). */
  role?: ColumnRole;
}

export interface Resource {
  id: string;
  datasetId: string;
  /** file: data Plaza loads and serves; link: a page or document elsewhere; api: a service elsewhere. */
  kind: ResourceKind;
  name: string;
  description: string;
  /** Where a file came from (a fetched URL), or where a link or API points. */
  sourceUrl: string | null;
  blobKey: string | null;
  sizeBytes: number | null;
  /** Format: detected for files (csv, json, ndjson, geojson, xlsx); declared for links and APIs. */
  format: string | null;
  createdAt: string;
}

export type VersionStatus = 'pending' | 'ready' | 'failed';

/** A problem found in the input, named by row and column. */
export interface IngestIssue {
  /** 1-based record number in the source (header excluded); null for file-level issues. */
  row: number | null;
  /** 1-based line in the source file where the record starts, when known. */
  line?: number | null;
  column: string | null;
  message: string;
}

/** A record set aside while reading or writing, with the reason. */
export interface RejectedRecord extends IngestIssue {
  /** The record as it stood in the source. */
  record: string;
}

export interface VersionSource {
  format: string;
  encoding: string;
  delimiter?: string;
  sheet?: string;
  compression?: string;
}

export interface Version {
  id: string;
  datasetId: string;
  number: number;
  status: VersionStatus;
  resourceId: string | null;
  rowCount: number | null;
  rejectedCount: number;
  columns: ColumnInfo[];
  profile: Record<string, ColumnProfile>;
  source: VersionSource | null;
  warnings: IngestIssue[];
  /** Blob key of the Parquet file. */
  dataKey: string | null;
  /** Blob key of the rejected rows (CSV), when there were any. */
  rejectsKey: string | null;
  error: string | null;
  /** Per column: a type, or the formats to read it in. */
  typeOverrides: Record<string, string>;
  createdAt: string;
  completedAt: string | null;
}

/** `dead`: every attempt failed unexpectedly (or its workers died); kept for an administrator to retry. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  phase: string;
  rowsRead: number;
  rowsRejected: number;
  errors: IngestIssue[];
  payload: Record<string, unknown>;
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** How many times a worker took it: a lease that ran out counts, a job handed back at shutdown does not. */
  attempts?: number;
  /** The worker holding it while it runs (`host:pid:random`). */
  owner?: string | null;
  /** Until when `owner` holds it unless it renews; after that another worker takes it. */
  leaseExpiresAt?: string | null;
  /** A job waiting for its next attempt is not taken before this. */
  runAfter?: string | null;
  /** The HTTP request that queued it, carried into the worker's log lines. */
  requestId?: string | null;
}
