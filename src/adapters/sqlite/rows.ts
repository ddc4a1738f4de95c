import type { Selectable } from 'kysely';
import type { Dataset, Job, Organization, Resource, Version, ApiToken } from '../../domain/catalog/types.ts';
import type { CatalogDb } from './schema.ts';

type Row<T extends keyof CatalogDb> = Selectable<CatalogDb[T]>;
const json = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));

export const toOrganization = (r: Row<'organizations'>): Organization => ({ id: r.id, slug: r.slug, name: r.name, createdAt: r.created_at });

export const toDataset = (r: Row<'datasets'>): Dataset => ({
  id: r.id,
  slug: r.slug,
  organizationId: r.organization_id,
  title: r.title,
  description: r.description,
  liveVersionId: r.live_version_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toResource = (r: Row<'resources'>): Resource => ({
  id: r.id,
  datasetId: r.dataset_id,
  kind: r.kind as Resource['kind'],
  name: r.name,
  sourceUrl: r.source_url,
  blobKey: r.blob_key,
  sizeBytes: r.size_bytes,
  format: r.format,
  createdAt: r.created_at,
});

export const toVersion = (r: Row<'versions'>): Version => ({
  id: r.id,
  datasetId: r.dataset_id,
  number: r.number,
  status: r.status as Version['status'],
  resourceId: r.resource_id,
  rowCount: r.row_count,
  rejectedCount: r.rejected_count,
  columns: json(r.columns, []),
  profile: json(r.profile, {}),
  source: json(r.source, null),
  warnings: json(r.warnings, []),
  dataKey: r.data_key,
  rejectsKey: r.rejects_key,
  error: r.error,
  typeOverrides: json(r.type_overrides, {}),
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

export const toJob = (r: Row<'jobs'>): Job => ({
  id: r.id,
  type: r.type,
  status: r.status as Job['status'],
  phase: r.phase,
  rowsRead: r.rows_read,
  rowsRejected: r.rows_rejected,
  errors: json(r.errors, []),
  payload: json(r.payload, {}),
  result: json(r.result, null),
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export const toToken = (r: Row<'api_tokens'>): ApiToken => ({ id: r.id, name: r.name, tokenHash: r.token_hash, scope: r.scope as ApiToken['scope'], createdAt: r.created_at });
