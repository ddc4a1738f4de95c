import type { ActivityEntry, DeliveryStatus, NewActivity, OutboxMail, Subscription, WebhookDelivery } from '../../domain/activity/types.ts';
import type { ActivityQuery, DeliveryPatch } from '../../ports/store/activity.ts';
import type { Db } from './dialect.ts';
import { toActivity, toDelivery, toMail, toSubscription } from './rows.ts';
import { PUBLIC_STATUSES } from './visibility.ts';

export async function addActivity(db: Db, a: NewActivity): Promise<ActivityEntry> {
  const row = await db
    .insertInto('activity')
    .values({
      id: a.id,
      at: a.at,
      actor_id: a.actorId,
      actor_name: a.actorName,
      verb: a.verb,
      dataset_id: a.datasetId,
      organization_id: a.organizationId,
      summary: a.summary,
      details: JSON.stringify(a.details),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toActivity(row);
}

/**
 * Entries about a dataset show when the reader may see that dataset; other
 * entries show when they are about an organization itself, or the reader
 * belongs to it.
 */
export async function listActivity(db: Db, q: ActivityQuery): Promise<ActivityEntry[]> {
  let query = db.selectFrom('activity').leftJoin('datasets', 'datasets.id', 'activity.dataset_id').selectAll('activity');
  if (q.datasetId) query = query.where('activity.dataset_id', '=', q.datasetId);
  if (q.organizationId) query = query.where('activity.organization_id', '=', q.organizationId);
  if (q.beforeSeq !== undefined) query = query.where('activity.seq', '<', q.beforeSeq);
  const v = q.visibility;
  if (!v.all) {
    const orgs = v.organizationIds;
    query = query.where((e) => {
      const member = orgs.length ? [e('activity.organization_id', 'in', orgs)] : [];
      const openDataset = e.and([e('activity.dataset_id', 'is not', null), e('datasets.status', 'in', [...PUBLIC_STATUSES]), e('datasets.access_level', '<>', 'private')]);
      const aboutOrg = e.and([e('activity.dataset_id', 'is', null), e('activity.verb', 'like', 'organization.%')]);
      return e.or([openDataset, aboutOrg, ...member]);
    });
  }
  const rows = await query.orderBy('activity.seq', 'desc').limit(q.limit).execute();
  return rows.map(toActivity);
}

export async function activitySince(db: Db, seq: number, limit: number): Promise<ActivityEntry[]> {
  return (await db.selectFrom('activity').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute()).map(toActivity);
}

export async function createSubscription(db: Db, s: Subscription): Promise<void> {
  await db
    .insertInto('subscriptions')
    .values({
      id: s.id,
      user_id: s.userId,
      target: s.target,
      target_id: s.targetId,
      email: s.email ? 1 : 0,
      webhook_url: s.webhookUrl,
      webhook_secret: s.webhookSecret,
      created_at: s.createdAt,
    })
    .execute();
}

export async function getSubscription(db: Db, id: string): Promise<Subscription | undefined> {
  const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSubscription(r);
}

export async function listSubscriptions(db: Db, userId: string): Promise<Subscription[]> {
  return (await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(toSubscription);
}

export async function subscriptionsFor(db: Db, datasetId: string | null, organizationId: string | null): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where((e) =>
      e.or([
        e('target', '=', 'search'),
        ...(datasetId ? [e.and([e('target', '=', 'dataset'), e('target_id', '=', datasetId)])] : []),
        ...(organizationId ? [e.and([e('target', '=', 'organization'), e('target_id', '=', organizationId)])] : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
  return rows.map(toSubscription);
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

export async function createDelivery(db: Db, d: WebhookDelivery): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: d.id,
      subscription_id: d.subscriptionId,
      activity_seq: d.activitySeq,
      event: d.event,
      payload: d.payload,
      status: d.status,
      attempts: d.attempts,
      next_attempt_at: d.nextAttemptAt,
      last_status: d.lastStatus,
      last_error: d.lastError,
      created_at: d.createdAt,
      delivered_at: d.deliveredAt,
    })
    .execute();
}

export async function dueDeliveries(db: Db, at: string, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

export async function updateDelivery(db: Db, id: string, p: DeliveryPatch): Promise<void> {
  const values = {
    ...(p.status !== undefined ? { status: p.status } : {}),
    ...(p.attempts !== undefined ? { attempts: p.attempts } : {}),
    ...(p.nextAttemptAt !== undefined ? { next_attempt_at: p.nextAttemptAt } : {}),
    ...(p.lastStatus !== undefined ? { last_status: p.lastStatus } : {}),
    ...(p.lastError !== undefined ? { last_error: p.lastError } : {}),
    ...(p.deliveredAt !== undefined ? { delivered_at: p.deliveredAt } : {}),
  };
  if (Object.keys(values).length) await db.updateTable('webhook_deliveries').set(values).where('id', '=', id).execute();
}

export async function listDeliveries(db: Db, subscriptionId: string, limit: number, status?: DeliveryStatus): Promise<WebhookDelivery[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('created_at', 'desc').orderBy('activity_seq', 'desc').limit(limit).execute()).map(toDelivery);
}

export async function enqueueMail(db: Db, m: OutboxMail): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: m.id,
      to_address: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      created_at: m.createdAt,
      attempts: m.attempts,
      next_attempt_at: m.nextAttemptAt,
      sent_at: m.sentAt,
      last_error: m.lastError,
    })
    .execute();
}

export async function dueMail(db: Db, at: string, limit: number): Promise<OutboxMail[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).where('next_attempt_at', '<=', at).orderBy('next_attempt_at').limit(limit).execute();
  return rows.map(toMail);
}

export async function updateMail(db: Db, id: string, p: Partial<Pick<OutboxMail, 'attempts' | 'nextAttemptAt' | 'sentAt' | 'lastError'>>): Promise<void> {
  const values = {
    ...(p.attempts !== undefined ? { attempts: p.attempts } : {}),
    ...(p.nextAttemptAt !== undefined ? { next_attempt_at: p.nextAttemptAt } : {}),
    ...(p.sentAt !== undefined ? { sent_at: p.sentAt } : {}),
    ...(p.lastError !== undefined ? { last_error: p.lastError } : {}),
  };
  if (Object.keys(values).length) await db.updateTable('outbox').set(values).where('id', '=', id).execute();
}

export async function getCursor(db: Db, name: string): Promise<string | undefined> {
  return (await db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst())?.value;
}

export async function setCursor(db: Db, name: string, value: string): Promise<void> {
  await db.insertInto('cursors').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}
