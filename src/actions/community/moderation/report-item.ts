import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { reportFields } from '../../../domain/community/moderation-input.ts';
import { canTakePart } from '../../../domain/community/policy.ts';
import type { Report } from '../../../domain/community/reports.ts';
import { AppError, notFound } from '../../../domain/errors.ts';
import { deny, requireUser } from '../../auth/authorize.ts';
import type { Deps, Principal } from '../../deps.ts';
import { REPORTABLE_KIND_NAMES, reportableKind } from './kinds.ts';

/**
 * Reports a community item to the moderators with a reason, as the
 * signed-in person. One open report per person and item; a hidden item is
 * with the moderators already and takes no reports. Reports are not in the
 * public activity stream: only moderators see who reported what.
 */
export async function reportItem(deps: Deps, p: Principal, input: unknown): Promise<Report> {
  requireUser(p, 'Reporting');
  if (!canTakePart(p)) deny(p, 'Reporting needs a token with the write scope.');
  const parsed = reportFields(REPORTABLE_KIND_NAMES).safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The report is', parsed.error);
  const { kind, item: itemId, reason, note } = parsed.data;
  const item = await reportableKind(kind)!.find(deps, p, itemId);
  if (!item) throw notFound(kind === 'problem' ? 'Problem' : 'Item', itemId);
  if (item.hidden) throw new AppError('conflict', 'This is hidden already while moderators look at it; there is no need to report it.');
  const report: Report = { id: deps.newId(), kind, itemId: item.id, reporterId: p.userId, reason, note, createdAt: deps.clock.now().toISOString(), resolvedAt: null, resolution: null, resolvedBy: null };
  const kept = await deps.catalog.reports.fileReport(report);
  if (!kept) throw new AppError('conflict', 'You reported this already; moderators will look at it.');
  return report;
}
