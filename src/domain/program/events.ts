import { z } from 'zod';
import { isWebLink } from '../community/showcases.ts';

/**
 * Scope-a-thons: events where residents, staff and partners take up a few
 * problems and write problem statements. Times are kept as UTC instants and
 * shown in the site's time zone. Registration fills a capacity, then a
 * waiting list that moves up, in order, when someone cancels.
 */

export const EVENT_STATES = ['scheduled', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];

export const REGISTRATION_STATES = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** The most problems one event takes up. */
export const MAX_EVENT_PROBLEMS = 20;

export interface ProgramEvent {
  id: string;
  slug: string;
  title: string;
  description: string;
  agenda: string;
  /** UTC instants (ISO text). */
  startsAt: string;
  endsAt: string;
  place: string;
  /** An http(s) address to join online, or ''. */
  link: string;
  /** How many may register before the waiting list starts; null for no limit. */
  capacity: number | null;
  /** Staff notes, shown on the event page. */
  notes: string;
  state: EventState;
  organizationId: string | null;
  createdBy: string;
  problemIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Registration {
  eventId: string;
  userId: string;
  state: RegistrationState;
  attended: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Whether an event is over at `now` (it has ended). */
export const isPast = (e: Pick<ProgramEvent, 'endsAt'>, now: Date): boolean => Date.parse(e.endsAt) <= now.getTime();

const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};

/** One id or a list of them (a form sends one field per box ticked). */
export const idList = (max: number, tooMany: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(200)).max(max, tooMany));

/**
 * An event as a form or the API gives it. `starts`/`ends` are either UTC
 * instants (ISO text with a zone) or a `datetime-local` text read in the
 * site's time zone; the action turns them into instants.
 */
export const eventFields = z.object({
  title: text(3, 150, 'Give the event a title of at least 3 characters.', 'Keep the title to 150 characters.'),
  description: text(0, 5000, 'Describe the event.', 'Keep the description to 5,000 characters.').default(''),
  agenda: text(0, 5000, 'Give the agenda.', 'Keep the agenda to 5,000 characters.').default(''),
  starts: text(1, 40, 'Say when the event starts, as a date and time.', 'Give the start as a date and time.'),
  ends: text(1, 40, 'Say when the event ends, as a date and time.', 'Give the end as a date and time.'),
  place: text(0, 300, 'Say where it is.', 'Keep the place to 300 characters.').default(''),
  link: text(0, 2000, 'Give the link.', 'Keep the link to 2,000 characters.')
    .default('')
    .refine((s) => s === '' || isWebLink(s), 'The link must be an http:// or https:// address.'),
  capacity: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= 100_000), 'The capacity must be a whole number from 1 to 100,000, or left empty for no limit.'),
  problems: idList(MAX_EVENT_PROBLEMS, `Choose at most ${MAX_EVENT_PROBLEMS} problems.`),
  notes: text(0, 10_000, 'Write the notes.', 'Keep the notes to 10,000 characters.').optional(),
  cancelled: z.union([z.boolean(), z.literal('on'), z.literal('')]).optional().transform((v) => v === true || v === 'on'),
});
export type EventInput = z.infer<typeof eventFields>;

/** Which registrants attended: their user ids. */
export const attendanceFields = z.object({ attended: idList(100_000, 'Too many people.') });

export const MAX_STATEMENT_DATASETS = 20;

/** A problem statement as a form or the API gives it. */
export const statementFields = z.object({
  title: text(5, 200, 'Give the statement a title of at least 5 characters.', 'Keep the title to 200 characters.'),
  affected: text(3, 3000, 'Say who is affected.', 'Keep who is affected to 3,000 characters.'),
  need: text(3, 3000, 'Say what they need.', 'Keep what they need to 3,000 characters.'),
  measure: text(3, 3000, 'Say how we would know it got better.', 'Keep how we would know to 3,000 characters.'),
  data_notes: text(0, 3000, 'Say what data bears on it.', 'Keep the data notes to 3,000 characters.').default(''),
  problems: idList(MAX_EVENT_PROBLEMS, `Choose at most ${MAX_EVENT_PROBLEMS} problems.`).refine((l) => l.length > 0, 'Choose at least one problem the statement came from.'),
  datasets: idList(MAX_STATEMENT_DATASETS, `Choose at most ${MAX_STATEMENT_DATASETS} datasets.`),
  event: z.string().trim().max(200).optional(),
});
export type StatementInput = z.infer<typeof statementFields>;
