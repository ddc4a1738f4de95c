/**
 * Reports: a signed-in person tells moderators that a community item (a
 * problem, a comment…) breaks the site's rules, with a reason. Each person
 * has at most one open report per item; reports are resolved together when a
 * moderator hides the item or dismisses them.
 */

/** Why an item is reported; `other` needs a note. */
export const REPORT_REASONS = ['spam', 'abuse', 'personal_information', 'off_topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** How a report ended: the item was hidden, or a moderator dismissed the reports. */
export const REPORT_RESOLUTIONS = ['hidden', 'dismissed'] as const;
export type ReportResolution = (typeof REPORT_RESOLUTIONS)[number];

/** The longest note a report keeps. */
export const REPORT_NOTE_MAX = 1000;

export interface Report {
  id: string;
  /** The kind of item reported (`problem`, `problem-comment`…), one of the reportable kinds. */
  kind: string;
  itemId: string;
  reporterId: string;
  reason: ReportReason;
  /** What the reporter adds; required for `other`. */
  note: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: ReportResolution | null;
  resolvedBy: string | null;
}

/** One reported item in the moderators' queue: its open reports, counted by reason, with their notes. */
export interface ReportedItem {
  kind: string;
  itemId: string;
  /** Open reports of the item. */
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  /** The reports' notes, oldest first, empty ones left out. */
  notes: string[];
  firstAt: string;
  lastAt: string;
}
