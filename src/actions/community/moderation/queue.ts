import { readsAsModerator } from '../../../domain/community/policy.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import type { ReportedItem } from '../../../domain/community/reports.ts';
import { deny } from '../../auth/authorize.ts';
import type { Deps, Principal } from '../../deps.ts';
import { reportableKind, type ReportableItem } from './kinds.ts';

/** A reported item in the queue, with the item as moderators see it (undefined once it is gone). */
export interface QueueEntry extends ReportedItem {
  item: ReportableItem | undefined;
}

export interface ModerationQueue {
  total: number;
  results: QueueEntry[];
  /** Problems posted without an account, waiting for approval, oldest first; how many in all. */
  held: { total: number; results: Problem[] };
}

/** Items with open reports, most reported first, and problems held for approval, for moderators. */
export async function moderationQueue(deps: Deps, p: Principal, page: { limit?: number; offset?: number } = {}): Promise<ModerationQueue> {
  if (!readsAsModerator(p)) deny(p, 'Only moderators see the reports.');
  const queue = await deps.catalog.reports.reportQueue(page.limit ?? 50, page.offset ?? 0);
  const results = await Promise.all(queue.results.map(async (r) => ({ ...r, item: await reportableKind(r.kind)?.find(deps, p, r.itemId) })));
  const held = await deps.catalog.problems.listProblems({ sort: 'newest', includeHidden: true, heldOnly: true, limit: 50, offset: 0 });
  return { total: queue.total, results, held: { total: held.total, results: held.results.reverse() } };
}
