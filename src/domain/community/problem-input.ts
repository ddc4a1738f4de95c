import { z } from 'zod';
import { PROBLEM_STATUSES } from './problems.ts';

const text = (min: number, max: number, what: string) =>
  z
    .string({ message: `Write ${what}.` })
    .trim()
    .min(min, min > 1 ? `Write ${what} in at least ${min} characters.` : `Write ${what}.`)
    .max(max, `Keep ${what} to ${max.toLocaleString('en-US')} characters.`);

/** Where a problem happens, as a form or the API gives it; no address is asked for. */
export const placeField = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('point'),
      lat: z.coerce.number({ message: 'Give the latitude as a number.' }).min(-90, 'A latitude is between -90 and 90.').max(90, 'A latitude is between -90 and 90.'),
      lon: z.coerce.number({ message: 'Give the longitude as a number.' }).min(-180, 'A longitude is between -180 and 180.').max(180, 'A longitude is between -180 and 180.'),
    }),
    z.object({ kind: z.literal('area'), area: text(1, 100, 'the area') }),
    z.object({ kind: z.literal('citywide') }),
  ],
  { message: 'Say where: a point on the map, an area, or citywide.' },
);

/** A new problem; `categories` is the site's list. */
export function newProblemFields(categories: readonly string[]) {
  return z.object({
    title: text(5, 150, 'a title'),
    description: text(10, 5000, 'what happens'),
    affected: text(0, 1000, 'who is affected').default(''),
    category: z.enum(categories as [string, ...string[]], { message: `Choose a category: ${categories.join(', ')}.` }),
    place: placeField,
  });
}
export type NewProblemInput = z.infer<ReturnType<typeof newProblemFields>>;

/** A move of a problem's status by triage; declining needs a reason. */
export const problemStatusFields = z
  .object({
    status: z.enum(PROBLEM_STATUSES, { message: `is not a status; use one of: ${PROBLEM_STATUSES.join(', ')}` }),
    reason: text(0, 2000, 'the reason').default(''),
  })
  .refine((v) => v.status !== 'declined' || v.reason.length > 0, { message: 'Say why the problem is declined.', path: ['reason'] });
