import type { DatasetDetail, DatasetSummary } from '../../../actions/catalog/read-datasets.ts';
import type { Job, Resource, Version } from '../../../domain/catalog/types.ts';

const api = (slug: string) => `/api/v1/datasets/${slug}`;

export function presentVersion(slug: string, v: Version) {
  return {
    number: v.number,
    id: v.id,
    status: v.status,
    rows: v.rowCount,
    rejected: v.rejectedCount,
    source: v.source,
    type_overrides: v.typeOverrides,
    error: v.error,
    created_at: v.createdAt,
    completed_at: v.completedAt,
    links:
      v.status === 'ready'
        ? {
            records: `${api(slug)}/records?version=${v.number}`,
            csv: `${api(slug)}/export/csv?version=${v.number}`,
            parquet: `${api(slug)}/export/parquet?version=${v.number}`,
            ...(v.rejectsKey ? { rejects: `${api(slug)}/versions/${v.number}/rejects.csv` } : {}),
          }
        : {},
  };
}

export function presentResource(r: Resource) {
  return { id: r.id, kind: r.kind, name: r.name, url: r.sourceUrl, format: r.format, size_bytes: r.sizeBytes, created_at: r.createdAt };
}

export function presentSummary({ dataset, organization, live }: DatasetSummary) {
  return {
    id: dataset.id,
    slug: dataset.slug,
    title: dataset.title,
    description: dataset.description,
    organization: organization ? { slug: organization.slug, name: organization.name } : null,
    rows: live?.rowCount ?? null,
    columns: live?.columns.length ?? null,
    format: live?.source?.format ?? null,
    version: live?.number ?? null,
    updated_at: dataset.updatedAt,
    links: { self: api(dataset.slug), records: `${api(dataset.slug)}/records`, page: `/datasets/${dataset.slug}` },
  };
}

export function presentDetail(d: DatasetDetail) {
  const live = d.live;
  return {
    ...presentSummary(d),
    created_at: d.dataset.createdAt,
    columns: (live?.columns ?? []).map((c) => ({
      name: c.name,
      label: c.label,
      type: c.type,
      ...(c.derivedFrom ? { derived_from: c.derivedFrom } : {}),
      profile: live?.profile[c.name] ?? null,
    })),
    warnings: live?.warnings ?? [],
    resources: d.resources.map(presentResource),
    versions: d.versions.map((v) => presentVersion(d.dataset.slug, v)),
  };
}

export function presentJob(j: Job) {
  return {
    id: j.id,
    type: j.type,
    status: j.status,
    phase: j.phase,
    rows_read: j.rowsRead,
    rows_rejected: j.rowsRejected,
    errors: j.errors,
    result: j.result,
    created_at: j.createdAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    links: { self: `/api/v1/jobs/${j.id}` },
  };
}
