import { z } from 'zod';
import type { EventDetail } from '../../../actions/program/read-events.ts';
import type { Registrant } from '../../../actions/program/registration.ts';
import type { StatementDetail } from '../../../actions/program/read-statements.ts';
import type { ProgramEvent } from '../../../domain/program/events.ts';
import type { ProblemStatement } from '../../../domain/program/statements.ts';

/** How events and problem statements leave the API. */

export const eventUrl = (slug: string): string => `/events/${encodeURIComponent(slug)}`;
export const statementUrl = (id: string): string => `/statements/${encodeURIComponent(id)}`;

export const eventSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  agenda: z.string(),
  starts_at: z.string().describe('UTC instant'),
  ends_at: z.string().describe('UTC instant'),
  place: z.string(),
  link: z.string(),
  capacity: z.number().nullable(),
  notes: z.string(),
  state: z.enum(['scheduled', 'cancelled']),
  problem_ids: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ page: z.string(), ics: z.string(), markdown: z.string() }),
});

export const presentEvent = (e: ProgramEvent): z.infer<typeof eventSchema> => ({
  id: e.id,
  slug: e.slug,
  title: e.title,
  description: e.description,
  agenda: e.agenda,
  starts_at: e.startsAt,
  ends_at: e.endsAt,
  place: e.place,
  link: e.link,
  capacity: e.capacity,
  notes: e.notes,
  state: e.state,
  problem_ids: e.problemIds,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
  links: { page: eventUrl(e.slug), ics: `${eventUrl(e.slug)}.ics`, markdown: `${eventUrl(e.slug)}.md` },
});

export const statementSchema = z.object({
  id: z.string(),
  title: z.string(),
  affected: z.string(),
  need: z.string(),
  measure: z.string(),
  data_notes: z.string(),
  event_id: z.string().nullable(),
  problem_ids: z.array(z.string()),
  dataset_ids: z.array(z.string()),
  created_at: z.string(),
  links: z.object({ page: z.string() }),
});

export const presentStatement = (s: ProblemStatement): z.infer<typeof statementSchema> => ({
  id: s.id,
  title: s.title,
  affected: s.affected,
  need: s.need,
  measure: s.measure,
  data_notes: s.dataNotes,
  event_id: s.eventId,
  problem_ids: s.problemIds,
  dataset_ids: s.datasetIds,
  created_at: s.createdAt,
  links: { page: statementUrl(s.id) },
});

const registrationState = z.enum(['registered', 'waiting', 'cancelled']);

export const eventDetailSchema = eventSchema.extend({
  problems: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  statements: z.array(statementSchema),
  registered: z.number(),
  waiting: z.number(),
  my_registration: registrationState.nullable(),
  time_zone: z.string(),
});

export const presentEventDetail = (d: EventDetail): z.infer<typeof eventDetailSchema> => ({
  ...presentEvent(d.event),
  problems: d.problems.map((p) => ({ id: p.id, title: p.title, status: p.status })),
  statements: d.statements.map(presentStatement),
  registered: d.registered,
  waiting: d.waiting,
  my_registration: d.mine,
  time_zone: d.timeZone,
});

export const registrationSchema = z.object({ event_id: z.string(), state: registrationState });

export const registrantSchema = z.object({ user_id: z.string(), name: z.string(), state: registrationState, attended: z.boolean(), registered_at: z.string() });
export const presentRegistrant = (r: Registrant): z.infer<typeof registrantSchema> => ({ user_id: r.userId, name: r.name, state: r.state, attended: r.attended, registered_at: r.createdAt });

export const statementDetailSchema = statementSchema.extend({
  problems: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  datasets: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })),
  event: z.object({ id: z.string(), slug: z.string(), title: z.string() }).nullable(),
});

export const presentStatementDetail = (d: StatementDetail): z.infer<typeof statementDetailSchema> => ({
  ...presentStatement(d.statement),
  problems: d.problems.map((p) => ({ id: p.id, title: p.title, status: p.status })),
  datasets: d.datasets.map((x) => ({ id: x.id, slug: x.slug, title: x.title })),
  event: d.event && { id: d.event.id, slug: d.event.slug, title: d.event.title },
});
