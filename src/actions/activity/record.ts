import type { Principal } from '../../domain/accounts/principal.ts';
import type { ActivityEntry, ActivityVerb } from '../../domain/activity/types.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { Deps } from '../deps.ts';

export interface ActivityInput {
  verb: ActivityVerb;
  datasetId?: string | null;
  organizationId: string | null;
  summary: string;
  details?: Record<string, unknown>;
  /** The community item it is about (`subjectOf('problem', id)`), so that its followers hear of it. */
  subject?: string | null;
}

/**
 * Adds an entry to the activity stream, in the caller's transaction (`store`),
 * and wakes the notifier so subscribers hear of it.
 */
export async function recordActivity(deps: Deps, store: CatalogStore, who: Principal | { system: string }, a: ActivityInput): Promise<ActivityEntry> {
  const actor = 'system' in who ? { actorId: null, actorName: who.system } : who.kind === 'user' ? { actorId: who.userId, actorName: who.name } : { actorId: null, actorName: 'Anonymous' };
  const entry = await store.activity.addActivity({
    id: deps.newId(),
    at: deps.clock.now().toISOString(),
    ...actor,
    verb: a.verb,
    datasetId: a.datasetId ?? null,
    organizationId: a.organizationId,
    summary: a.summary,
    details: a.details ?? {},
    subject: a.subject ?? null,
  });
  deps.signals.send('job-queued');
  return entry;
}
