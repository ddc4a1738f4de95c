import type { Selectable } from 'kysely';
import type { ActivityEntry, OutboxMail, Subscription, WebhookDelivery } from '../../domain/activity/types.ts';
import type { ApiToken, EmailVerification, Membership, PasswordReset, Session, User } from '../../domain/accounts/types.ts';
import { isColumnRole } from '../../domain/table/roles.ts';
import type { Dataset, DictionaryEntry, Job, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { CatalogDb } from './schema.ts';

type Row<T extends keyof CatalogDb> = Selectable<CatalogDb[T]>;
export const json = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));
export const jsonOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export const toOrganization = (r: Row<'organizations'>): Organization => ({ id: r.id, slug: r.slug, name: r.name, description: r.description, createdAt: r.created_at });

export const toDataset = (r: Row<'datasets'>): Dataset => ({
  id: r.id,
  slug: r.slug,
  organizationId: r.organization_id,
  title: r.title,
  description: r.description,
  keywords: json(r.keywords, []),
  themes: json(r.themes, []),
  publisher: r.publisher,
  contactPoint: json(r.contact_point, null),
  license: r.license,
  frequency: r.frequency,
  temporal: json(r.temporal, null),
  spatial: json(r.spatial, null),
  issued: r.issued,
  language: json(r.language, []),
  accessLevel: r.access_level as Dataset['accessLevel'],
  suggestedUses: r.suggested_uses,
  knownLimitations: r.known_limitations,
  status: r.status as Dataset['status'],
  liveVersionId: r.live_version_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  dataUpdatedAt: r.data_updated_at,
  publishedAt: r.published_at,
  nextDueAt: r.next_due_at,
  popularity: Number(r.popularity),
});

/** The columns of a dataset row for the fields present in `d`. */
export function datasetColumns(d: Partial<Dataset>): Partial<CatalogDb['datasets']> {
  const out: Partial<CatalogDb['datasets']> = {};
  const set = <K extends keyof CatalogDb['datasets']>(k: K, v: CatalogDb['datasets'][K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('id', d.id);
  set('slug', d.slug);
  set('organization_id', d.organizationId);
  set('title', d.title);
  set('description', d.description);
  if (d.keywords !== undefined) out.keywords = JSON.stringify(d.keywords);
  if (d.themes !== undefined) out.themes = JSON.stringify(d.themes);
  set('publisher', d.publisher);
  if (d.contactPoint !== undefined) out.contact_point = jsonOrNull(d.contactPoint);
  set('license', d.license);
  set('frequency', d.frequency);
  if (d.temporal !== undefined) out.temporal = jsonOrNull(d.temporal);
  if (d.spatial !== undefined) out.spatial = jsonOrNull(d.spatial);
  set('issued', d.issued);
  if (d.language !== undefined) out.language = JSON.stringify(d.language);
  set('access_level', d.accessLevel);
  set('suggested_uses', d.suggestedUses);
  set('known_limitations', d.knownLimitations);
  set('status', d.status);
  set('live_version_id', d.liveVersionId);
  set('created_by', d.createdBy);
  set('created_at', d.createdAt);
  set('updated_at', d.updatedAt);
  set('data_updated_at', d.dataUpdatedAt);
  set('published_at', d.publishedAt);
  set('next_due_at', d.nextDueAt);
  set('popularity', d.popularity);
  return out;
}

export const toDictionaryEntry = (r: Row<'data_dictionary'>): DictionaryEntry => ({ column: r.column_name, label: r.label, description: r.description, unit: r.unit, ...(r.role && isColumnRole(r.role) ? { role: r.role } : {}) });

export const toResource = (r: Row<'resources'>): Resource => ({
  id: r.id,
  datasetId: r.dataset_id,
  kind: r.kind as Resource['kind'],
  name: r.name,
  description: r.description,
  sourceUrl: r.source_url,
  blobKey: r.blob_key,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  format: r.format,
  createdAt: r.created_at,
});

export const toVersion = (r: Row<'versions'>): Version => ({
  id: r.id,
  datasetId: r.dataset_id,
  number: r.number,
  status: r.status as Version['status'],
  resourceId: r.resource_id,
  rowCount: r.row_count === null ? null : Number(r.row_count),
  rejectedCount: Number(r.rejected_count),
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
  rowsRead: Number(r.rows_read),
  rowsRejected: Number(r.rows_rejected),
  errors: json(r.errors, []),
  payload: json(r.payload, {}),
  result: json(r.result, null),
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  attempts: Number(r.attempts),
  owner: r.owner,
  leaseExpiresAt: r.lease_expires_at,
  runAfter: r.run_after,
  requestId: r.request_id,
});

export const toUser = (r: Row<'users'>): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  isSiteAdmin: Number(r.is_site_admin) === 1,
  isModerator: Number(r.is_moderator) === 1,
  failedSignIns: Number(r.failed_sign_ins),
  lockedUntil: r.locked_until,
  disabled: Number(r.disabled) === 1,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
  emailVerifiedAt: r.email_verified_at,
});

export const toMembership = (r: Row<'memberships'>): Membership => ({ organizationId: r.organization_id, userId: r.user_id, role: r.role as Membership['role'], createdAt: r.created_at });

export const toSession = (r: Row<'sessions'>): Session => ({ id: r.id, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at });

export const toToken = (r: Row<'api_tokens'>): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  tokenHash: r.token_hash,
  scopes: json(r.scopes, []),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export const toPasswordReset = (r: Row<'password_resets'>): PasswordReset => ({ tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at });

export const toActivity = (r: Row<'activity'>): ActivityEntry => ({
  seq: Number(r.seq),
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  verb: r.verb as ActivityEntry['verb'],
  datasetId: r.dataset_id,
  organizationId: r.organization_id,
  summary: r.summary,
  details: json(r.details, {}),
  subject: r.subject,
});

export const toSubscription = (r: Row<'subscriptions'>): Subscription => ({
  id: r.id,
  userId: r.user_id,
  target: r.target as Subscription['target'],
  targetId: r.target_id,
  email: Number(r.email) === 1,
  webhookUrl: r.webhook_url,
  webhookSecret: r.webhook_secret,
  createdAt: r.created_at,
});

export const toDelivery = (r: Row<'webhook_deliveries'>): WebhookDelivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  activitySeq: Number(r.activity_seq),
  event: r.event,
  payload: r.payload,
  status: r.status as WebhookDelivery['status'],
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status === null ? null : Number(r.last_status),
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export const toMail = (r: Row<'outbox'>): OutboxMail => ({
  id: r.id,
  to: r.to_address,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  createdAt: r.created_at,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  lastError: r.last_error,
});

export const toEmailVerification = (r: Row<'email_verifications'>): EmailVerification => ({ tokenHash: r.token_hash, userId: r.user_id, email: r.email, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at });
