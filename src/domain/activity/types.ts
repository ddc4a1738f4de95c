/** What happened, as recorded in the activity stream. */
export const ACTIVITY_VERBS = [
  'dataset.created',
  'dataset.updated',
  'dataset.submitted',
  'dataset.withdrawn',
  'dataset.rejected',
  'dataset.published',
  'dataset.unpublished',
  'dataset.archived',
  'dataset.deleted',
  'dataset.dictionary_updated',
  'resource.added',
  'version.published',
  'version.failed',
  'organization.created',
  'organization.updated',
  'member.added',
  'member.removed',
  'problem.posted',
  'problem.status_changed',
  'problem.merged',
  'problem.hidden',
  'problem.restored',
  'problem.commented',
  'problem.assigned',
  'request.posted',
  'request.commented',
  'request.answered',
  'request.fulfilled',
  'showcase.submitted',
  'showcase.approved',
  'showcase.rejected',
  'problem.comment_hidden',
  'problem.comment_restored',
  'reports.dismissed',
  'problem.linked',
  'problem.unlinked',
  'request.hidden',
  'request.restored',
  'request.comment_hidden',
  'request.comment_restored',
  'showcase.hidden',
  'showcase.restored',
  'champion.added',
  'champion.updated',
  'champion.published',
  'ecosystem.actor_added',
  'ecosystem.actor_updated',
  'ecosystem.actor_removed',
  'ecosystem.relation_added',
  'ecosystem.relation_updated',
  'ecosystem.relation_removed',
  'ecosystem.imported',
  'event.created',
  'event.updated',
  'event.cancelled',
  'event.registered',
  'event.promoted',
  'event.attendance',
  'statement.written',
  'project.created',
  'project.phase_moved',
  'project.checklist_updated',
  'project.milestone_saved',
  'project.update_posted',
  'project.launched',
  'harvest.source_added',
  'harvest.finished',
] as const;
export type ActivityVerb = (typeof ACTIVITY_VERBS)[number];

export interface ActivityEntry {
  /** Increasing; notifications keep their place in the stream by it. */
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  verb: ActivityVerb;
  datasetId: string | null;
  organizationId: string | null;
  /** One line for people: "published the dataset", "added the file trees.csv". */
  summary: string;
  details: Record<string, unknown>;
  /** The community item the entry is about, as `kind:id` (`problem:7f3a…`), or null; followers of that item hear of it. */
  subject: string | null;
}

export type NewActivity = Omit<ActivityEntry, 'seq'>;

/** Community items people follow one by one; each is also a subscription target. */
export const FOLLOWABLE_KINDS = ['problem', 'request', 'event', 'project'] as const;
export type FollowableKind = (typeof FOLLOWABLE_KINDS)[number];
export const isFollowableKind = (v: string): v is FollowableKind => (FOLLOWABLE_KINDS as readonly string[]).includes(v);

/** The subject of an activity entry about one community item. */
export const subjectOf = (kind: FollowableKind, id: string): string => `${kind}:${id}`;

/** The kind and id of a subject, or undefined for anything else. */
export function parseSubject(subject: string | null): { kind: FollowableKind; id: string } | undefined {
  if (!subject) return undefined;
  const at = subject.indexOf(':');
  const kind = subject.slice(0, at);
  const id = subject.slice(at + 1);
  return at > 0 && id && (FOLLOWABLE_KINDS as readonly string[]).includes(kind) ? { kind: kind as FollowableKind, id } : undefined;
}

export const SUBSCRIPTION_TARGETS = ['dataset', 'organization', 'search', ...FOLLOWABLE_KINDS] as const;
export type SubscriptionTarget = (typeof SUBSCRIPTION_TARGETS)[number];

export interface Subscription {
  id: string;
  userId: string;
  target: SubscriptionTarget;
  /** A dataset id, an organization id, a saved search as a query string (`q=trees&theme=Environment`), or a community item's id. */
  targetId: string;
  /** Send an email digest. */
  email: boolean;
  /** POST each matching event here, signed with the secret. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  createdAt: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  activitySeq: number;
  event: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
}
