import { z } from 'zod';
import type { ReportableItem } from '../../../actions/community/moderation/kinds.ts';
import type { ModerationQueue } from '../../../actions/community/moderation/queue.ts';
import { REPORT_REASONS, type Report } from '../../../domain/community/reports.ts';

/** How reports and the moderators' queue leave the API. */

export const reportSchema = z.object({
  id: z.string(),
  kind: z.string().describe('What kind of item was reported: problem, problem-comment…'),
  item: z.string().describe('The id of the item reported'),
  reason: z.enum(REPORT_REASONS),
  note: z.string(),
  created_at: z.string(),
});

export const presentReport = (r: Report): z.infer<typeof reportSchema> => ({ id: r.id, kind: r.kind, item: r.itemId, reason: r.reason, note: r.note, created_at: r.createdAt });

export const itemSchema = z.object({
  kind: z.string(),
  id: z.string(),
  text: z.string().describe('A problem\'s title, a comment\'s text'),
  hidden: z.boolean(),
  page: z.string().describe('The page the item is on'),
});

export const presentItem = (i: ReportableItem): z.infer<typeof itemSchema> => ({ kind: i.kind, id: i.id, text: i.text, hidden: i.hidden, page: i.path });

const reasonCounts = z.object(Object.fromEntries(REPORT_REASONS.map((r) => [r, z.number().int().optional()])) as Record<(typeof REPORT_REASONS)[number], z.ZodOptional<z.ZodNumber>>);

export const queueSchema = z.object({
  held: z.object({ total: z.number().int(), results: z.array(itemSchema) }).describe('Problems posted without an account, waiting for approval (the first 50, oldest first)'),
  total: z.number().int().describe('Items with open reports'),
  results: z.array(
    z.object({
      kind: z.string(),
      id: z.string(),
      reports: z.number().int().describe('Open reports of the item'),
      reasons: reasonCounts.describe('Open reports by reason'),
      notes: z.array(z.string()),
      first_reported_at: z.string(),
      last_reported_at: z.string(),
      item: itemSchema.nullable().describe('null when the item is gone'),
    }),
  ),
});

export function presentQueue(q: ModerationQueue): z.infer<typeof queueSchema> {
  return {
    held: { total: q.held.total, results: q.held.results.map((p) => ({ kind: 'problem', id: p.id, text: p.title, hidden: p.hidden, page: `/problems/${encodeURIComponent(p.id)}` })) },
    total: q.total,
    results: q.results.map((e) => ({ kind: e.kind, id: e.itemId, reports: e.count, reasons: e.reasons, notes: e.notes, first_reported_at: e.firstAt, last_reported_at: e.lastAt, item: e.item ? presentItem(e.item) : null })),
  };
}

export const dismissedSchema = z.object({ dismissed: z.number().int().describe('How many open reports were dismissed') });
