import { z } from 'zod';
import { PROBLEM_STATUSES } from './problems.ts';

/** Text a form gives: trimmed, with the whole-sentence messages pages translate (locales' `rule.*`). */
const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};

/** Where a problem happens, as a form or the API gives it; no address is asked for. */
export const placeField = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('point'),
      lat: z.coerce.number({ message: 'Give the latitude as a number.' }).min(-90, 'A latitude is between -90 and 90.').max(90, 'A latitude is between -90 and 90.'),
      lon: z.coerce.number({ message: 'Give the longitude as a number.' }).min(-180, 'A longitude is between -180 and 180.').max(180, 'A longitude is between -180 and 180.'),
    }),
    z.object({ kind: z.literal('area'), area: text(1, 100, 'Name the area.', 'Keep the area’s name to 100 characters.') }),
    z.object({ kind: z.literal('citywide') }),
  ],
  { message: 'Say where: a point on the map, an area, or citywide.' },
);

/** A new problem; `categories` is the site's list. */
export function newProblemFields(categories: readonly string[]) {
  return z.object({
    title: text(5, 150, 'Give the problem a title of at least 5 characters.', 'Keep the title to 150 characters.'),
    description: text(10, 5000, 'Say what happens, in at least 10 characters.', 'Keep what happens to 5,000 characters.'),
    affected: text(0, 1000, 'Say who is affected.', 'Keep who is affected to 1,000 characters.').default(''),
    category: z.enum(categories as [string, ...string[]], { message: 'Choose a category from the list.' }),
    place: placeField,
  });
}
export type NewProblemInput = z.infer<ReturnType<typeof newProblemFields>>;

/** A move of a problem's status by triage; declining needs a reason. */
export const problemStatusFields = z
  .object({
    status: z.enum(PROBLEM_STATUSES, { message: `is not a status; use one of: ${PROBLEM_STATUSES.join(', ')}` }),
    reason: text(0, 2000, 'Say why.', 'Keep the reason to 2,000 characters.').default(''),
  })
  .refine((v) => v.status !== 'declined' || v.reason.length > 0, { message: 'Say why the problem is declined.', path: ['reason'] });

/** A comment on a problem. */
export const commentFields = z.object({
  body: text(1, 2000, 'Write a comment.', 'Keep a comment to 2,000 characters.'),
});

/** Where to merge a duplicate: the other problem's id, or the address of its page. */
export const mergeFields = z.object({
  into: z
    .string({ message: 'Name the problem to merge into.' })
    .trim()
    .min(1, 'Name the problem to merge into.')
    .max(500, 'Name the problem to merge into by its id or its address.')
    .transform((s) => {
      const last = s.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
      try {
        return decodeURIComponent(last);
      } catch {
        return last;
      }
    }),
});

/** The organization a problem is assigned to: a slug or id, or empty (or null) for none. */
export const assignFields = z.object({
  organization: z
    .string({ message: 'Name an organization, or leave it empty for none.' })
    .trim()
    .max(200, 'Name an organization by its slug.')
    .nullable()
    .transform((s) => (s ? s : null)),
});

/** Hiding a problem (with the reason the author is told) or showing it again. */
export const visibilityFields = z
  .object({
    hidden: z.boolean({ message: 'Say whether the problem is hidden (true) or shown (false).' }),
    reason: text(0, 2000, 'Say why.', 'Keep the reason to 2,000 characters.').default(''),
  })
  .refine((v) => !v.hidden || v.reason.length > 0, { message: 'Say why the problem is hidden; its author is told.', path: ['reason'] });
