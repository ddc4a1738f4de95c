import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { dismissFields, moderationFields } from '../../../domain/community/moderation-input.ts';
import { canModerate } from '../../../domain/community/policy.ts';
import { AppError, notFound } from '../../../domain/errors.ts';
import { recordActivity } from '../../activity/record.ts';
import { deny } from '../../auth/authorize.ts';
import type { Deps, Principal } from '../../deps.ts';
import { reportableKind, type ReportableItem, type ReportableKind } from './kinds.ts';

/** The kind and the item, as the moderator sees them; a kind or item that is not there is "not found". */
async function itemOf(deps: Deps, p: Principal, kind: string, id: string): Promise<[ReportableKind, ReportableItem]> {
  const k = reportableKind(kind);
  const item = k && (await k.find(deps, p, id));
  if (!k || !item) throw notFound(k ? 'Item' : 'Kind of item', k ? id : kind);
  if (!canModerate(p)) deny(p, 'Only moderators may hide, show or dismiss reports.');
  return [k, item];
}

/**
 * Hides a reported item, or shows it again, with a reason (its author is
 * told, the activity stream keeps it). Hiding resolves the item's open
 * reports. Moderators do this.
 */
export async function moderateItem(deps: Deps, p: Principal, kind: string, id: string, input: unknown): Promise<ReportableItem> {
  const [k, item] = await itemOf(deps, p, kind, id);
  const parsed = moderationFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The change is', parsed.error);
  const { hidden, reason } = parsed.data;
  await k.setHidden(deps, p, item.id, hidden, reason);
  if (hidden) await deps.catalog.reports.resolveReports({ kind, itemId: item.id, resolution: 'hidden', by: p.kind === 'user' ? p.userId : '', at: deps.clock.now().toISOString() });
  return { ...item, hidden };
}

/** Dismisses an item's open reports with a reason, leaving the item as it is; kept in the activity stream. Moderators do this. */
export async function dismissReports(deps: Deps, p: Principal, kind: string, id: string, input: unknown): Promise<number> {
  const [, item] = await itemOf(deps, p, kind, id);
  const parsed = dismissFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The dismissal is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const count = await tx.reports.resolveReports({ kind, itemId: item.id, resolution: 'dismissed', by: p.kind === 'user' ? p.userId : '', at: deps.clock.now().toISOString() });
    if (!count) throw new AppError('conflict', 'There are no open reports of this item to dismiss.');
    await recordActivity(deps, tx, p, {
      verb: 'reports.dismissed',
      organizationId: null,
      summary: `dismissed ${count === 1 ? 'a report' : `${count} reports`}`,
      details: { kind, item_id: item.id, reports: count, reason: parsed.data.reason },
    });
    return count;
  });
}
