import { z } from 'zod';
import { REPORT_NOTE_MAX, REPORT_REASONS } from './reports.ts';

/** The longest reason a moderator gives for hiding, showing or dismissing. */
export const MODERATION_REASON_MAX = 2000;

const note = z.string({ message: 'Write the note as text.' }).trim().max(REPORT_NOTE_MAX, `Keep the note to ${REPORT_NOTE_MAX.toLocaleString('en')} characters.`);
const reason = z
  .string({ message: 'Say why; the author is told.' })
  .trim()
  .min(1, 'Say why; the author is told.')
  .max(MODERATION_REASON_MAX, `Keep the reason to ${MODERATION_REASON_MAX.toLocaleString('en')} characters.`);

/** A report of an item of one of `kinds`, with a reason; `other` needs a note. */
export function reportFields(kinds: readonly string[]) {
  return z
    .object({
      kind: z.enum(kinds as [string, ...string[]], { message: `is not something that can be reported; use one of: ${kinds.join(', ')}` }),
      item: z.string({ message: 'Name the item reported.' }).trim().min(1, 'Name the item reported.').max(200, 'Name the item reported by its id.'),
      reason: z.enum(REPORT_REASONS, { message: 'Choose a reason from the list.' }),
      note: note.default(''),
    })
    .refine((v) => v.reason !== 'other' || v.note.length > 0, { message: 'Say what is wrong in the note.', path: ['note'] });
}

/** A moderator hides an item (`hidden: true`) or shows it again, always with a reason its author is told. */
export const moderationFields = z.object({
  hidden: z.boolean({ message: 'Say whether the item is hidden (true) or shown (false).' }),
  reason,
});

/** A moderator dismisses an item's reports, saying why. */
export const dismissFields = z.object({ reason });
