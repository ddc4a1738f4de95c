import { z } from 'zod';
import type { SubscriptionView } from '../../../actions/notify/subscriptions.ts';
import { FOLLOWABLE_KINDS, isFollowableKind, SUBSCRIPTION_TARGETS, type WebhookDelivery } from '../../../domain/activity/types.ts';
import { maskUrlsIn } from '../../../domain/net/mask-url.ts';

/** How subscriptions and their webhook deliveries leave the API. */

export const subscriptionSchema = z.object({
  id: z.string(),
  target: z.enum(SUBSCRIPTION_TARGETS),
  dataset: z.object({ id: z.string(), slug: z.string(), title: z.string() }).nullable(),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  search: z.string().nullable().describe('The saved catalog search, as a query string.'),
  item: z
    .object({ kind: z.enum(FOLLOWABLE_KINDS), id: z.string(), title: z.string(), url: z.string() })
    .nullable()
    .describe('The followed problem or request; null when it is gone or hidden from you.'),
  email: z.boolean(),
  webhook_url: z.string().nullable(),
  created_at: z.string(),
  links: z.object({ self: z.string(), deliveries: z.string() }),
});
export const createdSchema = subscriptionSchema.extend({
  webhook_secret: z.string().nullable().describe('Signs every webhook (see X-Plaza-Signature). Shown only in this answer: keep it.'),
});

export const deliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  activity_seq: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  payload: z.unknown(),
});

/** The subscription's address in the API. */
export const subscriptionUrl = (id: string) => `/api/v1/subscriptions/${encodeURIComponent(id)}`;

export function presentSubscription({ subscription: s, dataset, organization, item }: SubscriptionView): z.infer<typeof subscriptionSchema> {
  return {
    id: s.id,
    target: s.target,
    dataset: dataset ? { id: dataset.id, slug: dataset.slug, title: dataset.title } : null,
    organization: organization ? { id: organization.id, slug: organization.slug, name: organization.name } : null,
    search: s.target === 'search' ? s.targetId : null,
    item: item && isFollowableKind(s.target) ? { kind: s.target, id: item.id, title: item.title, url: item.path } : null,
    email: s.email,
    webhook_url: s.webhookUrl,
    created_at: s.createdAt,
    links: { self: subscriptionUrl(s.id), deliveries: `${subscriptionUrl(s.id)}/deliveries` },
  };
}

/** A webhook delivery, its payload as JSON and any credentials in the last error masked. */
export function presentDelivery(d: WebhookDelivery): z.infer<typeof deliverySchema> {
  let payload: unknown = d.payload;
  try {
    payload = JSON.parse(d.payload);
  } catch {
    // Shown as stored.
  }
  return {
    id: d.id,
    event: d.event,
    activity_seq: d.activitySeq,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_status: d.lastStatus,
    last_error: d.lastError === null ? null : maskUrlsIn(d.lastError),
    created_at: d.createdAt,
    delivered_at: d.deliveredAt,
    payload,
  };
}

/** A new subscription: the only answer that shows its webhook secret. */
export function presentNewSubscription(view: SubscriptionView): z.infer<typeof createdSchema> {
  return { ...presentSubscription(view), webhook_secret: view.subscription.webhookSecret };
}
