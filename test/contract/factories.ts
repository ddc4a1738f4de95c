import { EMPTY_METADATA } from '../../src/domain/catalog/metadata.ts';
import { randomUUID } from 'node:crypto';
import type { ApiToken, Membership, PasswordReset, Session, User } from '../../src/domain/accounts/types.ts';
import type { NewActivity, OutboxMail, Subscription, WebhookDelivery } from '../../src/domain/activity/types.ts';
import type { Dataset, Job, Organization, Resource } from '../../src/domain/catalog/types.ts';
import type { Problem } from '../../src/domain/community/problems.ts';
import type { DatasetRequest } from '../../src/domain/community/requests.ts';
import type { VersionCompletion } from '../../src/ports/catalog-store.ts';

/** Rows for the contract suite: every field set, unique ids, overridable. */

export const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** An ISO instant `minutes` after a fixed start, so tests can order things. */
export const at = (minutes = 0): string => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

export const organization = (o: Partial<Organization> = {}): Organization => {
  const id = o.id ?? uid('org');
  return { id, slug: id, name: `Organization ${id}`, description: 'A city department.', createdAt: at(), ...o };
};

/** A dataset with every nullable field null and every list empty. */
export const bareDataset = (organizationId: string, d: Partial<Dataset> = {}): Dataset => {
  const id = d.id ?? uid('ds');
  return {
    id,
    slug: id,
    organizationId,
    ...EMPTY_METADATA,
    title: `Dataset ${id}`,
    status: 'published',
    liveVersionId: null,
    createdBy: null,
    createdAt: at(),
    updatedAt: at(),
    dataUpdatedAt: null,
    publishedAt: null,
    nextDueAt: null,
    popularity: 0,
    ...d,
  };
};

/** A dataset with every metadata field filled in, nested objects and non-ASCII text included. */
export const fullDataset = (organizationId: string, d: Partial<Dataset> = {}): Dataset =>
  bareDataset(organizationId, {
    title: 'Street trees – inventory',
    description: 'Every tree the city maintains.\nSecond line with "quotes" and émojis 🌳.',
    keywords: ['trees', 'urban forest', 'canopy'],
    themes: ['Environment', 'Infrastructure'],
    publisher: 'Parks Department',
    contactPoint: { name: 'Open Data Team', email: 'opendata@city.example' },
    license: 'cc-by-4.0',
    frequency: 'monthly',
    temporal: { start: '2010-01-01', end: null },
    spatial: { place: 'City of Example', bbox: [-71.19, 42.22, -70.98, 42.4] },
    issued: '2015-06-01',
    language: ['en', 'fr'],
    accessLevel: 'restricted',
    suggestedUses: 'Canopy planning.',
    knownLimitations: 'Private trees are missing.',
    status: 'draft',
    createdBy: 'user-1',
    createdAt: at(1),
    updatedAt: at(2),
    dataUpdatedAt: at(3),
    publishedAt: at(4),
    nextDueAt: at(60 * 24 * 30),
    popularity: 7,
    ...d,
  });

export const resource = (datasetId: string, r: Partial<Resource> = {}): Resource => ({
  id: uid('res'),
  datasetId,
  kind: 'file',
  name: 'trees.csv',
  description: 'The raw export.',
  sourceUrl: null,
  blobKey: `raw/${randomUUID()}`,
  sizeBytes: 1234,
  format: 'csv',
  createdAt: at(),
  ...r,
});

export const completion = (c: Partial<VersionCompletion> = {}): VersionCompletion => ({
  rowCount: 3_000_000_000,
  rejectedCount: 2,
  columns: [
    { name: 'species', label: 'Species', type: 'text', physical: 'VARCHAR' },
    { name: 'location', label: 'Location', type: 'geometry', physical: 'VARCHAR', point: { lat: '__location_lat', lon: '__location_lon' }, derivedFrom: 'lat_lon' },
  ],
  profile: { species: { count: 3, nulls: 1, distinct: 2, min: 'Acer', max: 'Quercus', top: [{ value: 'Acer', count: 2 }, { value: null, count: 1 }], minLength: 4, maxLength: 7 } },
  source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
  warnings: [{ row: 4, line: 5, column: 'species', message: 'padded' }],
  dataKey: 'versions/v1/data.parquet',
  rejectsKey: 'versions/v1/rejects.csv',
  ...c,
});

export const user = (u: Partial<User> = {}): User => {
  const id = u.id ?? uid('user');
  return {
    id,
    email: `${id}@city.example`,
    name: `Person ${id}`,
    passwordHash: 'scrypt$hash',
    isSiteAdmin: false,
    isModerator: false,
    failedSignIns: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: at(),
    lastSignInAt: null,
    emailVerifiedAt: u.createdAt ?? at(),
    ...u,
  };
};

export const membership = (organizationId: string, userId: string, m: Partial<Membership> = {}): Membership => ({ organizationId, userId, role: 'viewer', createdAt: at(), ...m });

export const session = (userId: string, s: Partial<Session> = {}): Session => ({
  id: uid('sess'),
  userId,
  csrfToken: randomUUID(),
  createdAt: at(),
  expiresAt: at(60),
  lastSeenAt: at(),
  ...s,
});

export const token = (userId: string, t: Partial<ApiToken> = {}): ApiToken => ({
  id: uid('tok'),
  userId,
  name: 'loader',
  tokenHash: randomUUID(),
  scopes: ['read', 'write'],
  createdAt: at(),
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...t,
});

export const passwordReset = (userId: string, r: Partial<PasswordReset> = {}): PasswordReset => ({ tokenHash: randomUUID(), userId, createdAt: at(), expiresAt: at(30), usedAt: null, ...r });

export const activity = (a: Partial<NewActivity> = {}): NewActivity => ({
  id: uid('act'),
  at: at(),
  actorId: 'user-1',
  actorName: 'Ana',
  verb: 'dataset.updated',
  datasetId: null,
  organizationId: null,
  summary: 'updated the dataset',
  details: { fields: ['title'], n: 1 },
  subject: null,
  ...a,
});

export const subscription = (userId: string, s: Partial<Subscription> = {}): Subscription => ({
  id: uid('sub'),
  userId,
  target: 'search',
  targetId: 'q=trees',
  email: true,
  webhookUrl: null,
  webhookSecret: null,
  createdAt: at(),
  ...s,
});

export const delivery = (subscriptionId: string, d: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: uid('del'),
  subscriptionId,
  activitySeq: 1,
  event: 'dataset.updated',
  payload: '{"event":"dataset.updated"}',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at(),
  lastStatus: null,
  lastError: null,
  createdAt: at(),
  deliveredAt: null,
  ...d,
});

export const mail = (m: Partial<OutboxMail> = {}): OutboxMail => ({
  id: uid('mail'),
  to: 'someone@city.example',
  subject: 'Your digest',
  text: 'Three datasets changed.',
  html: '<p>Three datasets changed.</p>',
  createdAt: at(),
  attempts: 0,
  nextAttemptAt: at(),
  sentAt: null,
  lastError: null,
  ...m,
});

export const job = (j: Partial<Job> = {}): Job => ({
  id: uid('job'),
  type: 'ingest',
  status: 'queued',
  phase: 'queued',
  rowsRead: 0,
  rowsRejected: 0,
  errors: [],
  payload: { versionId: 'v1', options: { delimiter: ';' } },
  result: null,
  createdAt: at(),
  startedAt: null,
  finishedAt: null,
  attempts: 0,
  owner: null,
  leaseExpiresAt: null,
  runAfter: null,
  requestId: null,
  ...j,
});

/** What worker `owner` asks for when it takes a job at minute `minute`: a lease of `leaseMinutes`, `maxAttempts` attempts. */
export const claimAt = (owner: string, minute: number, leaseMinutes = 1, maxAttempts = 3) => ({ owner, at: at(minute), leaseUntil: at(minute + leaseMinutes), maxAttempts });

/** A new problem at a point, not voted on yet. */
export const problem = (p: Partial<Problem> = {}): Problem => ({
  id: uid('problem'),
  title: 'Broken streetlights on the walk to school',
  description: 'Three lights out for a month; children walk home in the dark.',
  affected: 'Families near the school',
  category: 'safety',
  place: { kind: 'point', lat: 40.7128, lon: -74.006 },
  area: '10007',
  status: 'new',
  statusReason: null,
  organizationId: null,
  authorId: 'user-1',
  hidden: false,
  mergedInto: null,
  votes: 0,
  createdAt: at(),
  updatedAt: at(),
  ...p,
});

/** A new dataset request, not voted on or answered yet. */
export const datasetRequest = (r: Partial<DatasetRequest> = {}): DatasetRequest => ({
  id: uid('request'),
  title: 'Street tree inventory with species and planting dates',
  description: 'To plan shade for the summer heat where children walk to school.',
  organizationId: null,
  authorId: 'user-1',
  status: 'new',
  statusNote: null,
  declineReason: null,
  targetDate: null,
  datasetId: null,
  hidden: false,
  votes: 0,
  createdAt: at(),
  updatedAt: at(),
  ...r,
});
