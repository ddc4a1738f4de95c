import type { ActivityEntry, DeliveryStatus, NewActivity, OutboxMail, Subscription, SubscriptionTarget, WebhookDelivery } from '../../domain/activity/types.ts';
import type { Visibility } from '../../domain/catalog/search.ts';

export interface ActivityQuery {
  datasetId?: string;
  organizationId?: string;
  /**
   * Entries about one community item (`problem:<id>`). The caller has checked
   * that the reader may see the item, so its entries are not filtered again.
   */
  subject?: string;
  /** Entries about datasets the reader may not see are left out; entries about no dataset are kept. */
  visibility: Visibility;
  /** Entries with seq below this (for paging back). */
  beforeSeq?: number;
  limit: number;
}

export type DeliveryPatch = Partial<Pick<WebhookDelivery, 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>>;

/** The activity stream, subscriptions, webhook deliveries and the mail outbox. */
export interface ActivityStore {
  addActivity(entry: NewActivity): Promise<ActivityEntry>;
  listActivity(query: ActivityQuery): Promise<ActivityEntry[]>;
  /** Entries after `seq`, oldest first, whatever their visibility: notification fan-out checks each subscriber. */
  activitySince(seq: number, limit: number): Promise<ActivityEntry[]>;

  createSubscription(s: Subscription): Promise<void>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  listSubscriptions(userId: string): Promise<Subscription[]>;
  /** Subscriptions that may match an entry: on its dataset, its organization, its subject (a community item), or any saved search. */
  subscriptionsFor(datasetId: string | null, organizationId: string | null, subject?: string | null): Promise<Subscription[]>;
  /** The subscriptions on one item (`'problem'`, its id), oldest first. */
  subscriptionsOn(target: SubscriptionTarget, targetId: string): Promise<Subscription[]>;
  /**
   * Moves the subscriptions on one item to another (a duplicate merged into
   * its original). A person who already follows the other item the same way
   * keeps one subscription.
   */
  moveSubscriptions(target: SubscriptionTarget, fromId: string, toId: string): Promise<void>;
  deleteSubscription(id: string): Promise<void>;

  createDelivery(d: WebhookDelivery): Promise<void>;
  /** Pending deliveries whose next attempt is due. */
  dueDeliveries(at: string, limit: number): Promise<WebhookDelivery[]>;
  updateDelivery(id: string, patch: DeliveryPatch): Promise<void>;
  listDeliveries(subscriptionId: string, limit: number, status?: DeliveryStatus): Promise<WebhookDelivery[]>;

  enqueueMail(mail: OutboxMail): Promise<void>;
  dueMail(at: string, limit: number): Promise<OutboxMail[]>;
  updateMail(id: string, patch: Partial<Pick<OutboxMail, 'attempts' | 'nextAttemptAt' | 'sentAt' | 'lastError'>>): Promise<void>;

  /** Named positions of background loops (the fan-out's last activity seq, the last digest). */
  getCursor(name: string): Promise<string | undefined>;
  setCursor(name: string, value: string): Promise<void>;
}
