import { z } from 'zod';

/**
 * Dataset requests (PRODUCT.md §5): residents ask for data the city has not
 * published yet, others vote and follow, and the city answers.
 */

/** Where a request stands; `published` closes it, linking the dataset that fulfils it. */
export const REQUEST_STATUSES = ['new', 'under_review', 'planned', 'published', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The answers the city gives by hand; `published` comes only with a dataset that fulfils the request. */
export const ANSWER_STATUSES = ['under_review', 'planned', 'declined'] as const satisfies readonly RequestStatus[];
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Why a request is declined. */
export const DECLINE_REASONS = ['privacy', 'not_held', 'cost', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** How the list is ordered. */
export const REQUEST_SORTS = ['votes', 'newest'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** Length limits of a request's text. */
export const REQUEST_LIMITS = { title: 150, description: 5000, note: 2000, comment: 2000 } as const;

export interface DatasetRequest {
  id: string;
  /** What data is asked for. */
  title: string;
  /** Why it is needed. */
  description: string;
  /** The organization that probably holds the data, whose editors may answer; null when the asker does not know. */
  organizationId: string | null;
  authorId: string | null;
  status: RequestStatus;
  /** The note given with the last answer (required when declined with `other`). */
  statusNote: string | null;
  /** Why it was declined; null unless declined. */
  declineReason: DeclineReason | null;
  /** When the data is planned for (YYYY-MM-DD); null unless planned. */
  targetDate: string | null;
  /** The dataset that fulfils it; set when published. */
  datasetId: string | null;
  /** Hidden by a moderator: shown to moderators, the organization's editors and its author only. */
  hidden: boolean;
  /** Votes: always the number of votes kept for it. */
  votes: number;
  createdAt: string;
  updatedAt: string;
}

/** One answer of the city, for the request's history and the activity stream. */
export interface RequestStatusChange {
  requestId: string;
  from: RequestStatus;
  to: RequestStatus;
  note: string | null;
  declineReason: DeclineReason | null;
  targetDate: string | null;
  datasetId: string | null;
  actorId: string;
  at: string;
}

export interface RequestComment {
  id: string;
  requestId: string;
  authorId: string;
  /** The author's name; empty when the account is gone. */
  authorName: string;
  body: string;
  hidden: boolean;
  createdAt: string;
}

/** Requests still waiting for data: not published, not declined. */
export const OPEN_REQUEST_STATUSES = ['new', 'under_review', 'planned'] as const satisfies readonly RequestStatus[];
export const isOpenRequest = (r: Pick<DatasetRequest, 'status'>): boolean => (OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(r.status);

/** Text a form gives: trimmed, with whole-sentence messages. */
const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};

/** A new request: what, why, and (optionally) which organization probably holds the data, by slug or id. */
export const newRequestFields = z.object({
  title: text(5, REQUEST_LIMITS.title, 'Say what data you ask for, in at least 5 characters.', 'Keep what you ask for to 150 characters.'),
  description: text(10, REQUEST_LIMITS.description, 'Say why you need it, in at least 10 characters.', 'Keep why you need it to 5,000 characters.'),
  organization: z
    .string({ message: 'Name an organization by its slug, or leave it empty.' })
    .trim()
    .max(200, 'Name an organization by its slug.')
    .nullish()
    .transform((s) => (s ? s : null)),
});
export type NewRequestInput = z.infer<typeof newRequestFields>;

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** An answer of the city: planned needs a target date, declined a reason (and a note when the reason is `other`). */
export const answerFields = z
  .object({
    status: z.enum(ANSWER_STATUSES, { message: `is not an answer; use one of: ${ANSWER_STATUSES.join(', ')} (publishing is fulfilling with a dataset)` }),
    note: text(0, REQUEST_LIMITS.note, 'Write a note.', 'Keep the note to 2,000 characters.').default(''),
    decline_reason: z
      .enum(DECLINE_REASONS, { message: `is not a reason; use one of: ${DECLINE_REASONS.join(', ')}` })
      .or(z.literal('').transform(() => undefined))
      .optional(),
    target_date: z
      .string({ message: 'Give the target date as YYYY-MM-DD.' })
      .trim()
      .max(10, 'Give the target date as YYYY-MM-DD.')
      .optional()
      .transform((s) => (s ? s : undefined))
      .refine((s) => s === undefined || isDay(s), 'Give the target date as YYYY-MM-DD.'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'declined' && !v.decline_reason) ctx.addIssue({ code: 'custom', path: ['decline_reason'], message: 'Say why the request is declined: privacy, not held, cost or other.' });
    if (v.status === 'declined' && v.decline_reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Explain the reason in the note.' });
    if (v.status === 'planned' && !v.target_date) ctx.addIssue({ code: 'custom', path: ['target_date'], message: 'Give the date the data is planned for.' });
  });
export type AnswerInput = z.infer<typeof answerFields>;

/** Which dataset fulfils a request: its slug or id. */
export const fulfilFields = z.object({
  dataset: z.string({ message: 'Choose the dataset that fulfils the request.' }).trim().min(1, 'Choose the dataset that fulfils the request.').max(200, 'Name the dataset by its slug.'),
  note: text(0, REQUEST_LIMITS.note, 'Write a note.', 'Keep the note to 2,000 characters.').default(''),
});

/** A comment on a request. */
export const requestCommentFields = z.object({
  body: text(1, REQUEST_LIMITS.comment, 'Write a comment.', 'Keep a comment to 2,000 characters.'),
});
