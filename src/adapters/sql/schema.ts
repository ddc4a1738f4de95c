import type { Generated } from 'kysely';

/**
 * Row shapes of the catalog database, the same on SQLite and PostgreSQL:
 * JSON columns hold text, flags are 0/1 integers, instants are ISO 8601 text
 * (which sorts as time does).
 */
export interface CatalogDb {
  organizations: { id: string; slug: string; name: string; description: string; created_at: string };
  datasets: {
    id: string;
    slug: string;
    organization_id: string;
    title: string;
    description: string;
    keywords: string;
    themes: string;
    publisher: string | null;
    contact_point: string | null;
    license: string | null;
    frequency: string | null;
    temporal: string | null;
    spatial: string | null;
    issued: string | null;
    language: string;
    access_level: string;
    suggested_uses: string;
    known_limitations: string;
    status: string;
    live_version_id: string | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
    data_updated_at: string | null;
    published_at: string | null;
    next_due_at: string | null;
    popularity: number;
    /** The Socrata-style id (ADR 43); null only where two datasets' ids drew the same one. */
    four_by_four?: string | null;
  };
  data_dictionary: { dataset_id: string; column_name: string; label: string; description: string; unit: string; role: string | null };
  resources: {
    id: string;
    dataset_id: string;
    kind: string;
    name: string;
    description: string;
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
    attempts: Generated<number>;
    owner: string | null;
    lease_expires_at: string | null;
    run_after: string | null;
    request_id: string | null;
  };
  step_leases: {
    name: string;
    owner: string;
    expires_at: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string | null;
    is_site_admin: number;
    /** Added by migration 0104. */
    is_moderator: number;
    failed_sign_ins: number;
    locked_until: string | null;
    disabled: number;
    created_at: string;
    last_sign_in_at: string | null;
    /** Added by migration 0112; null while a self-registered account has not confirmed its address. */
    email_verified_at: string | null;
  };
  memberships: { organization_id: string; user_id: string; role: string; created_at: string };
  sessions: { id: string; user_id: string; csrf_token: string; created_at: string; expires_at: string; last_seen_at: string };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    scopes: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  password_resets: { token_hash: string; user_id: string; created_at: string; expires_at: string; used_at: string | null };
  /** Added by migration 0112. */
  email_verifications: { token_hash: string; user_id: string; email: string; created_at: string; expires_at: string; used_at: string | null };
  activity: {
    seq: Generated<number>;
    id: string;
    at: string;
    actor_id: string | null;
    actor_name: string;
    verb: string;
    dataset_id: string | null;
    organization_id: string | null;
    summary: string;
    details: string;
    subject: string | null;
  };
  subscriptions: {
    id: string;
    user_id: string;
    target: string;
    target_id: string;
    email: number;
    webhook_url: string | null;
    webhook_secret: string | null;
    created_at: string;
  };
  webhook_deliveries: {
    id: string;
    subscription_id: string;
    activity_seq: number;
    event: string;
    payload: string;
    status: string;
    attempts: number;
    next_attempt_at: string | null;
    last_status: number | null;
    last_error: string | null;
    created_at: string;
    delivered_at: string | null;
  };
  outbox: {
    id: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    created_at: string;
    attempts: number;
    next_attempt_at: string;
    sent_at: string | null;
    last_error: string | null;
  };
  cursors: { name: string; value: string };
  /** The search index's facet values: one row per dataset, facet and value. */
  search_facets: { dataset_id: string; facet: string; value: string };
  /** Every word the index holds, for typo tolerance. */
  search_terms: { term: string };
  /** Every word the community search index holds (migration 0114). */
  community_search_terms: { term: string };
}
