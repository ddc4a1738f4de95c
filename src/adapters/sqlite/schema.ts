import type { Generated } from 'kysely';

/** Row shapes of the catalog database; JSON columns hold text. */
export interface CatalogDb {
  organizations: { id: string; slug: string; name: string; created_at: string };
  datasets: {
    id: string;
    slug: string;
    organization_id: string;
    title: string;
    description: string;
    live_version_id: string | null;
    created_at: string;
    updated_at: string;
  };
  resources: {
    id: string;
    dataset_id: string;
    kind: string;
    name: string;
    source_url: string | null;
    blob_key: string | null;
    size_bytes: number | null;
    format: string | null;
    created_at: string;
  };
  versions: {
    id: string;
    dataset_id: string;
    number: number;
    status: string;
    resource_id: string | null;
    row_count: number | null;
    rejected_count: number;
    columns: string;
    profile: string;
    source: string | null;
    warnings: string;
    data_key: string | null;
    rejects_key: string | null;
    error: string | null;
    type_overrides: string;
    created_at: string;
    completed_at: string | null;
  };
  jobs: {
    seq: Generated<number>;
    id: string;
    type: string;
    status: string;
    phase: string;
    rows_read: number;
    rows_rejected: number;
    errors: string;
    payload: string;
    result: string | null;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
  };
  api_tokens: { id: string; name: string; token_hash: string; scope: string; created_at: string };
}
