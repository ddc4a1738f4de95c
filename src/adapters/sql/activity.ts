import { parseSubject, type ActivityEntry, type DeliveryStatus, type NewActivity, type OutboxMail, type Subscription, type SubscriptionTarget, type WebhookDelivery } from '../../domain/activity/types.ts';
import type { ActivityQuery, ActivityStore, DeliveryPatch } from '../../ports/store/activity.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';
import { toActivity, toDelivery, toMail, toSubscription } from './rows.ts';
import { PUBLIC_STATUSES } from './visibility.ts';

/** The activity stream, subscriptions, webhook deliveries, the mail outbox and the background loops' cursors on SQL. */
export class SqlActivity implements ActivityStore {
  static readonly effects: Effects<ActivityStore> = {
    addActivity: 'writes',
    listActivity: 'reads',
    activitySince: 'reads',
    createSubscription: 'writes',
    getSubscription: 'reads',
    listSubscriptions: 'reads',
    subscriptionsFor: 'reads',
    subscriptionsOn: 'reads',
    moveSubscriptions: 'writes',
    deleteSubscription: 'writes',
    createDelivery: 'writes',
    dueDeliveries: 'reads',
    updateDelivery: 'writes',
    listDeliveries: 'reads',
    enqueueMail: 'writes',
    dueMail: 'reads',
    updateMail: 'writes',
    getCursor: 'reads',
    setCursor: 'writes',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async addActivity(a: NewActivity): Promise<ActivityEntry> {
    const row = await this.db
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
        subject: a.subject,
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
  async listActivity(q: ActivityQuery): Promise<ActivityEntry[]> {
    let query = this.db.selectFrom('activity').leftJoin('datasets', 'datasets.id', 'activity.dataset_id').selectAll('activity');
    if (q.datasetId) query = query.where('activity.dataset_id', '=', q.datasetId);
    if (q.organizationId) query = query.where('activity.organization_id', '=', q.organizationId);
    if (q.subject) query = query.where('activity.subject', '=', q.subject);
    if (q.beforeSeq !== undefined) query = query.where('activity.seq', '<', q.beforeSeq);
    const v = q.visibility;
    if (!v.all && !q.subject) {
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

  async activitySince(seq: number, limit: number): Promise<ActivityEntry[]> {
    return (await this.db.selectFrom('activity').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute()).map(toActivity);
  }

  async createSubscription(s: Subscription): Promise<void> {
    await this.db
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

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const r = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSubscription(r);
  }

  async listSubscriptions(userId: string): Promise<Subscription[]> {
    return (await this.db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(toSubscription);
  }

  async subscriptionsFor(datasetId: string | null, organizationId: string | null, subject: string | null = null): Promise<Subscription[]> {
    const about = parseSubject(subject);
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where((e) =>
        e.or([
          e('target', '=', 'search'),
          ...(datasetId ? [e.and([e('target', '=', 'dataset'), e('target_id', '=', datasetId)])] : []),
          ...(organizationId ? [e.and([e('target', '=', 'organization'), e('target_id', '=', organizationId)])] : []),
          ...(about ? [e.and([e('target', '=', about.kind), e('target_id', '=', about.id)])] : []),
        ]),
      )
      .orderBy('created_at')
      .execute();
    return rows.map(toSubscription);
  }

  async subscriptionsOn(target: SubscriptionTarget, targetId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('target', '=', target).where('target_id', '=', targetId).orderBy('created_at').execute();
    return rows.map(toSubscription);
  }

  async moveSubscriptions(target: SubscriptionTarget, fromId: string, toId: string): Promise<void> {
    if (fromId === toId) return;
    const kept = await this.subscriptionsOn(target, toId);
    const same = (s: Subscription) => kept.some((k) => k.userId === s.userId && k.webhookUrl === s.webhookUrl);
    for (const s of await this.subscriptionsOn(target, fromId)) {
      if (same(s)) await this.db.deleteFrom('subscriptions').where('id', '=', s.id).execute();
      else await this.db.updateTable('subscriptions').set({ target_id: toId }).where('id', '=', s.id).execute();
    }
  }

  async deleteSubscription(id: string): Promise<void> {
    await this.db.deleteFrom('subscriptions').where('id', '=', id).execute();
  }

  async createDelivery(d: WebhookDelivery): Promise<void> {
    await this.db
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

  async dueDeliveries(at: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
  }

  async updateDelivery(id: string, p: DeliveryPatch): Promise<void> {
    const values = {
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.attempts !== undefined ? { attempts: p.attempts } : {}),
      ...(p.nextAttemptAt !== undefined ? { next_attempt_at: p.nextAttemptAt } : {}),
      ...(p.lastStatus !== undefined ? { last_status: p.lastStatus } : {}),
      ...(p.lastError !== undefined ? { last_error: p.lastError } : {}),
      ...(p.deliveredAt !== undefined ? { delivered_at: p.deliveredAt } : {}),
    };
    if (Object.keys(values).length) await this.db.updateTable('webhook_deliveries').set(values).where('id', '=', id).execute();
  }

  async listDeliveries(subscriptionId: string, limit: number, status?: DeliveryStatus): Promise<WebhookDelivery[]> {
    let q = this.db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
    if (status) q = q.where('status', '=', status);
    return (await q.orderBy('created_at', 'desc').orderBy('activity_seq', 'desc').limit(limit).execute()).map(toDelivery);
  }

  async enqueueMail(m: OutboxMail): Promise<void> {
    await this.db
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

  async dueMail(at: string, limit: number): Promise<OutboxMail[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).where('next_attempt_at', '<=', at).orderBy('next_attempt_at').limit(limit).execute();
    return rows.map(toMail);
  }

  async updateMail(id: string, p: Partial<Pick<OutboxMail, 'attempts' | 'nextAttemptAt' | 'sentAt' | 'lastError'>>): Promise<void> {
    const values = {
      ...(p.attempts !== undefined ? { attempts: p.attempts } : {}),
      ...(p.nextAttemptAt !== undefined ? { next_attempt_at: p.nextAttemptAt } : {}),
      ...(p.sentAt !== undefined ? { sent_at: p.sentAt } : {}),
      ...(p.lastError !== undefined ? { last_error: p.lastError } : {}),
    };
    if (Object.keys(values).length) await this.db.updateTable('outbox').set(values).where('id', '=', id).execute();
  }

  async getCursor(name: string): Promise<string | undefined> {
    return (await this.db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst())?.value;
  }

  async setCursor(name: string, value: string): Promise<void> {
    await this.db.insertInto('cursors').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
  }
}
