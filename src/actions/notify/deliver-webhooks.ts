import { canSeeDataset } from '../../domain/accounts/policy.ts';
import type { WebhookDelivery } from '../../domain/activity/types.ts';
import { retryDelayMs } from '../../domain/notify/backoff.ts';
import type { NotifyStep } from './step.ts';
import type { DeliveryPatch } from '../../ports/store/activity.ts';
import type { Deps } from '../deps.ts';
import { MatchCache } from './match.ts';
import { signWebhook, WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from './signature.ts';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_USER_AGENT = 'Plaza-Webhooks/1';
const BATCH = 20;

/** The dataset id a delivery's payload names, if any. */
function datasetIdOf(payload: string): string | null {
  try {
    const id = (JSON.parse(payload) as { dataset?: { id?: unknown } | null }).dataset?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Why a delivery must not be sent any more, or null when it may be. */
async function reasonToDrop(cache: MatchCache, d: WebhookDelivery, sub: { userId: string; webhookUrl: string | null } | undefined): Promise<string | null> {
  if (!sub?.webhookUrl) return 'The subscription was deleted or has no webhook URL.';
  const owner = await cache.owner(sub.userId);
  if (!owner) return 'The account that owns the subscription is disabled.';
  const datasetId = datasetIdOf(d.payload);
  if (datasetId) {
    const dataset = await cache.dataset(datasetId);
    if (!dataset || !canSeeDataset(owner, dataset)) return 'The dataset is gone or no longer visible to the subscriber.';
  }
  return null;
}

/** Posts one delivery and works out what to record: success, a retry later, or giving up. */
async function attempt(deps: Deps, cache: MatchCache, d: WebhookDelivery): Promise<DeliveryPatch> {
  const sub = await deps.catalog.activity.getSubscription(d.subscriptionId);
  const drop = await reasonToDrop(cache, d, sub);
  if (drop || !sub?.webhookUrl) return { status: 'failed', nextAttemptAt: null, lastStatus: null, lastError: drop };
  const now = deps.clock.now();
  // Lower-case names, so they replace rather than repeat the sender's own defaults.
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    [WEBHOOK_EVENT_HEADER]: d.event,
    [WEBHOOK_DELIVERY_HEADER]: d.id,
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(sub.webhookSecret ?? '', Math.floor(now.getTime() / 1000), d.payload),
  };
  const res = await deps.webhooks.post({ url: sub.webhookUrl, body: d.payload, headers }, WEBHOOK_TIMEOUT_MS);
  const attempts = d.attempts + 1;
  const after = deps.clock.now();
  const ok = res.error === null && res.status !== null && res.status >= 200 && res.status < 300;
  if (ok) return { status: 'succeeded', attempts, nextAttemptAt: null, lastStatus: res.status, lastError: null, deliveredAt: after.toISOString() };
  const snippet = res.responseSnippet.replace(/\s+/g, ' ').trim().slice(0, 200);
  const lastError = `${res.error ?? `Answered with status ${res.status}`}${snippet ? ` — ${snippet}` : ''}`;
  const wait = retryDelayMs(attempts, Math.random);
  if (wait === null) return { status: 'failed', attempts, nextAttemptAt: null, lastStatus: res.status, lastError };
  return { status: 'pending', attempts, nextAttemptAt: new Date(after.getTime() + wait).toISOString(), lastStatus: res.status, lastError };
}

/**
 * Sends the webhook deliveries that are due, a batch at a time and in
 * parallel, signed with their subscription's secret. A 2xx answer is a
 * success; anything else is retried on the backoff schedule and given up
 * after the last attempt. A delivery whose dataset the subscriber may no
 * longer see is dropped unsent.
 */
export const webhookStep: NotifyStep = {
  name: 'webhooks',
  async run(deps: Deps): Promise<number> {
    const due = await deps.catalog.activity.dueDeliveries(deps.clock.now().toISOString(), BATCH);
    const cache = new MatchCache(deps);
    await Promise.all(
      due.map(async (d) => {
        const patch = await attempt(deps, cache, d);
        await deps.catalog.activity.updateDelivery(d.id, patch);
      }),
    );
    return due.length;
  },
};
