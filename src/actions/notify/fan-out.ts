import { parseSubject, type ActivityEntry, type Subscription, type WebhookDelivery } from '../../domain/activity/types.ts';
import type { NotifyStep } from './step.ts';
import type { Deps } from '../deps.ts';
import { MatchCache, matches } from './match.ts';

/** The cursor holding the seq of the last activity entry fanned out. */
export const FANOUT_CURSOR = 'fanout';
const BATCH = 200;

/** The JSON body posted for one entry to one subscription. */
export async function webhookPayload(deps: Deps, cache: MatchCache, entry: ActivityEntry, sub: Subscription): Promise<string> {
  const base = deps.site.baseUrl;
  const dataset = entry.datasetId ? await cache.dataset(entry.datasetId) : undefined;
  const org = entry.organizationId ? await cache.organization(entry.organizationId) : undefined;
  const about = parseSubject(entry.subject);
  const item = about ? await cache.publicItem(about.kind, about.id) : undefined;
  return JSON.stringify({
    id: entry.id,
    event: entry.verb,
    at: entry.at,
    actor: { name: entry.actorName },
    summary: entry.summary,
    dataset: dataset ? { id: dataset.id, slug: dataset.slug, title: dataset.title, url: `${base}/datasets/${encodeURIComponent(dataset.slug)}` } : null,
    organization: org ? { id: org.id, slug: org.slug, name: org.name, url: `${base}/organizations/${encodeURIComponent(org.slug)}` } : null,
    item: about ? { kind: about.kind, id: about.id, title: item?.title ?? null, url: `${base}${item?.path ?? `/${about.kind}s/${encodeURIComponent(about.id)}`}` } : null,
    subscription_id: sub.id,
  });
}

/**
 * Reads the activity recorded since the last pass and queues a webhook
 * delivery for every subscription with a webhook URL that the entry concerns
 * and whose owner may see it now (see `matches`). Email subscriptions wait
 * for the digest. The deliveries and the new cursor are written together.
 */
export const fanOutStep: NotifyStep = {
  name: 'fan-out',
  async run(deps: Deps): Promise<number> {
    const start = Number((await deps.catalog.activity.getCursor(FANOUT_CURSOR)) ?? '0');
    const entries = await deps.catalog.activity.activitySince(start, BATCH);
    const last = entries[entries.length - 1];
    if (!last) return 0;
    const cache = new MatchCache(deps);
    const now = deps.clock.now().toISOString();
    const deliveries: WebhookDelivery[] = [];
    for (const entry of entries) {
      for (const sub of await deps.catalog.activity.subscriptionsFor(entry.datasetId, entry.organizationId, entry.subject)) {
        if (!sub.webhookUrl || !(await matches(cache, sub, entry))) continue;
        deliveries.push({
          id: deps.newId(),
          subscriptionId: sub.id,
          activitySeq: entry.seq,
          event: entry.verb,
          payload: await webhookPayload(deps, cache, entry, sub),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lastStatus: null,
          lastError: null,
          createdAt: now,
          deliveredAt: null,
        });
      }
    }
    const done = await deps.catalog.transaction(async (tx) => {
      // Another process that got here first has fanned these entries out already.
      if (Number((await tx.activity.getCursor(FANOUT_CURSOR)) ?? '0') !== start) return false;
      for (const d of deliveries) await tx.activity.createDelivery(d);
      await tx.activity.setCursor(FANOUT_CURSOR, String(last.seq));
      return true;
    });
    return done ? entries.length : 0;
  },
};
