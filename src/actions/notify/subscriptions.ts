import { z } from 'zod';
import type { Principal, UserPrincipal } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { isFollowableKind, type DeliveryStatus, type FollowableKind, type Subscription, type WebhookDelivery } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { maskUrl } from '../../domain/net/mask-url.ts';
import { PrivateAddressError } from '../../ports/http-fetch.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import { randomSecret } from '../auth/secrets.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps } from '../deps.ts';
import { FOLLOWABLES, followedItem, type FollowedItem } from './followables.ts';
import { formatSearch, parseSearch } from './match.ts';

/** How many subscriptions one account may hold. */
export const MAX_SUBSCRIPTIONS = 200;

export const newSubscriptionFields = z
  .object({
    dataset: z.string().trim().min(1).max(200).optional(),
    organization: z.string().trim().min(1).max(200).optional(),
    search: z.string().max(2000).optional(),
    problem: z.string().trim().min(1).max(200).optional(),
    request: z.string().trim().min(1).max(200).optional(),
    event: z.string().trim().min(1).max(200).optional(),
    project: z.string().trim().min(1).max(200).optional(),
    email: z.boolean().default(true),
    webhook_url: z.string().trim().max(2000).nullable().default(null),
  })
  .strict()
  .refine((s) => [s.dataset, s.organization, s.search, s.problem, s.request, s.event, s.project].filter((v) => v !== undefined).length === 1, {
    message: 'Follow exactly one of: dataset (an id or slug), organization (an id or slug), search (a catalog query string such as "q=trees&theme=Environment"), problem (an id), request (an id), event (an id) or project (an id or slug).',
  })
  .refine((s) => s.email || s.webhook_url, { message: 'Choose how to hear of changes: email (a digest) and/or webhook_url.', path: ['email'] });

/** A subscription with what it follows, as the subscriber may see it now. */
export interface SubscriptionView {
  subscription: Subscription;
  /** The followed dataset; null when it is gone or no longer visible to the subscriber. */
  dataset: Dataset | null;
  organization: Organization | null;
  /** The followed problem or request; null when it is gone or hidden from the subscriber. */
  item: FollowedItem | null;
}

const invalidUrl = (message: string): AppError => new AppError('validation_failed', `The webhook_url is not valid: ${message}`, { fields: [{ field: 'webhook_url', message }] });

/** An http(s) URL without credentials in it: secrets belong in the signature, not in the URL. */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl('give an absolute URL such as https://example.org/hooks/plaza.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('only http and https URLs can receive webhooks.');
  if (url.username || url.password) throw invalidUrl('the URL must not carry a user name or password; verify the X-Plaza-Signature header instead.');
  url.hash = '';
  return url.toString();
}

/**
 * Refuses a webhook URL the deliveries could never reach: one whose host is,
 * or resolves to, an address inside a private network (unless the portal
 * allows them). Each delivery checks again, as names can change.
 */
async function checkWebhookAddress(deps: Deps, webhookUrl: string): Promise<void> {
  try {
    await deps.checkAddress(new URL(webhookUrl));
  } catch (e) {
    if (!(e instanceof PrivateAddressError)) throw e;
    const message = `${e.message}; give a webhook URL on the public internet.`;
    throw new AppError('url_refused', `The webhook_url ${maskUrl(webhookUrl)} was refused: ${message}`, { fields: [{ field: 'webhook_url', message }] });
  }
}

/** Tokens need the write scope to change subscriptions; sessions have every scope. */
function requireWrite(p: UserPrincipal): void {
  if (!p.scopes.includes('write')) deny(p, 'Changing subscriptions needs a token with the write scope.');
}

async function viewOf(deps: Deps, p: UserPrincipal, s: Subscription): Promise<SubscriptionView> {
  // Credentials in a URL are never shown (ADR 15); new webhook URLs cannot carry any.
  if (s.webhookUrl) s = { ...s, webhookUrl: maskUrl(s.webhookUrl) };
  const none = { subscription: s, dataset: null, organization: null, item: null };
  if (s.target === 'dataset') {
    const d = await deps.catalog.datasets.getDataset(s.targetId);
    const visible = d && canSeeDataset(p, d) ? d : null;
    return { ...none, dataset: visible, organization: visible ? ((await deps.catalog.datasets.getOrganization(visible.organizationId)) ?? null) : null };
  }
  if (s.target === 'organization') return { ...none, organization: (await deps.catalog.datasets.getOrganization(s.targetId)) ?? null };
  if (isFollowableKind(s.target)) return { ...none, item: (await FOLLOWABLES[s.target]?.seenBy(deps, p, s.targetId)) ?? null };
  return none;
}

/**
 * Follows a dataset the person may see, an organization, a saved catalog
 * search, or a problem or request the person may see, by email digest and/or
 * webhook. The webhook secret is in the result
 * of this call only.
 */
export async function createSubscription(deps: Deps, p: Principal, input: unknown): Promise<SubscriptionView> {
  requireUser(p, 'Subscribing');
  requireWrite(p);
  const parsed = newSubscriptionFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The subscription is', parsed.error);
  const f = parsed.data;
  const webhookUrl = f.webhook_url ? checkWebhookUrl(f.webhook_url) : null;
  if (webhookUrl) await checkWebhookAddress(deps, webhookUrl);
  let target: Subscription['target'];
  let targetId: string;
  if (f.dataset !== undefined) {
    target = 'dataset';
    targetId = (await visibleDataset(deps, p, f.dataset)).id;
  } else if (f.organization !== undefined) {
    const org = await deps.catalog.datasets.getOrganization(f.organization);
    if (!org) throw notFound('Organization', f.organization);
    target = 'organization';
    targetId = org.id;
  } else if (f.problem !== undefined) {
    target = 'problem';
    targetId = (await followedItem(deps, p, 'problem', f.problem)).id;
  } else if (f.request !== undefined) {
    target = 'request';
    targetId = (await followedItem(deps, p, 'request', f.request)).id;
  } else if (f.event !== undefined) {
    target = 'event';
    targetId = (await followedItem(deps, p, 'event', f.event)).id;
  } else if (f.project !== undefined) {
    target = 'project';
    targetId = (await followedItem(deps, p, 'project', f.project)).id;
  } else {
    target = 'search';
    targetId = formatSearch(parseSearch(f.search ?? ''));
  }
  const mine = await deps.catalog.activity.listSubscriptions(p.userId);
  if (mine.length >= MAX_SUBSCRIPTIONS) throw new AppError('conflict', `An account may hold at most ${MAX_SUBSCRIPTIONS} subscriptions; delete some first.`);
  const same = mine.find((s) => s.target === target && s.targetId === targetId && s.webhookUrl === webhookUrl);
  if (same) throw new AppError('conflict', 'You already have this subscription.', { id: same.id });
  const subscription: Subscription = {
    id: deps.newId(),
    userId: p.userId,
    target,
    targetId,
    email: f.email,
    webhookUrl,
    webhookSecret: webhookUrl ? randomSecret('whsec_') : null,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.catalog.activity.createSubscription(subscription);
  return viewOf(deps, p, subscription);
}

export async function listSubscriptions(deps: Deps, p: Principal): Promise<SubscriptionView[]> {
  requireUser(p, 'Listing your subscriptions');
  const mine = await deps.catalog.activity.listSubscriptions(p.userId);
  return Promise.all(mine.map((s) => viewOf(deps, p, s)));
}

/** Whether the person follows the dataset (by its id), by any channel. */
export async function followsDataset(deps: Deps, p: Principal, datasetId: string): Promise<boolean> {
  requireUser(p, 'Listing your subscriptions');
  return (await deps.catalog.activity.listSubscriptions(p.userId)).some((s) => s.target === 'dataset' && s.targetId === datasetId);
}

/** Whether the person follows the problem or request (by its id), by any channel. */
export async function followsItem(deps: Deps, p: Principal, kind: FollowableKind, id: string): Promise<boolean> {
  requireUser(p, 'Listing your subscriptions');
  return (await deps.catalog.activity.listSubscriptions(p.userId)).some((s) => s.target === kind && s.targetId === id);
}

/** One of the person's own subscriptions; anyone else's is not found. */
async function ownSubscription(deps: Deps, p: UserPrincipal, id: string): Promise<Subscription> {
  const s = await deps.catalog.activity.getSubscription(id);
  if (!s || s.userId !== p.userId) throw notFound('Subscription', id);
  return s;
}

export async function deleteSubscription(deps: Deps, p: Principal, id: string): Promise<void> {
  requireUser(p, 'Deleting a subscription');
  requireWrite(p);
  await ownSubscription(deps, p, id);
  await deps.catalog.activity.deleteSubscription(id);
}

/** The delivery log of one of the person's subscriptions, newest first. */
export async function listDeliveries(deps: Deps, p: Principal, id: string, q: { limit: number; status?: DeliveryStatus | undefined }): Promise<WebhookDelivery[]> {
  requireUser(p, 'Reading a delivery log');
  await ownSubscription(deps, p, id);
  return deps.catalog.activity.listDeliveries(id, Math.max(1, Math.min(q.limit, 500)), q.status);
}

/** How far back a retry looks for the delivery. */
const RETRY_WINDOW = 1000;

/**
 * Queues a failed delivery again, for an attempt now. The retry is one more
 * attempt: if it fails too, the delivery is failed again at once.
 */
export async function retryDelivery(deps: Deps, p: Principal, id: string, deliveryId: string): Promise<WebhookDelivery> {
  requireUser(p, 'Retrying a delivery');
  requireWrite(p);
  const s = await ownSubscription(deps, p, id);
  const failed = (await deps.catalog.activity.listDeliveries(s.id, RETRY_WINDOW, 'failed')).find((d) => d.id === deliveryId);
  if (!failed) {
    const other = (await deps.catalog.activity.listDeliveries(s.id, RETRY_WINDOW)).find((d) => d.id === deliveryId);
    if (other) throw new AppError('conflict', `Only failed deliveries can be retried; this one is ${other.status}.`, { status: other.status });
    throw notFound('Delivery', deliveryId);
  }
  if (!s.webhookUrl) throw new AppError('conflict', 'The subscription no longer has a webhook URL.');
  const nextAttemptAt = deps.clock.now().toISOString();
  await deps.catalog.activity.updateDelivery(failed.id, { status: 'pending', nextAttemptAt });
  deps.signals.send('job-queued');
  return { ...failed, status: 'pending', nextAttemptAt };
}
