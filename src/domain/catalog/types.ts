import type { ColumnInfo, ColumnType } from '../table/types.ts';
import type { ColumnProfile } from '../ingest/profile-types.ts';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface Dataset {
  id: string;
  slug: string;
  organizationId: string;
  title: string;
  description: string;
  liveVersionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ResourceKind = 'file' | 'url';

export interface Resource {
  id: string;
  datasetId: string;
  kind: ResourceKind;
  name: string;
  sourceUrl: string | null;
  blobKey: string | null;
  sizeBytes: number | null;
  /** Format as detected: csv, json, ndjson, geojson, xlsx. */
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
  typeOverrides: Record<string, ColumnType>;
  createdAt: string;
  completedAt: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

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
}

export interface ApiToken {
  id: string;
  name: string;
  tokenHash: string;
  scope: 'admin';
  createdAt: string;
}
