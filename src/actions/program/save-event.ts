import { invalidInput } from '../../domain/catalog/schemas.ts';
import { slugify } from '../../domain/catalog/slug.ts';
import { eventFields, type EventInput, type ProgramEvent } from '../../domain/program/events.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { eventOr404, eventSubject, fieldError, pickedProblems, readInstant, requireStaff, siteZone } from './event-access.ts';

const SUBJECT = 'The event is';

/** The form's times as instants (a typed time is read in the site's zone), the end after the start. */
async function times(deps: Deps, v: EventInput): Promise<{ startsAt: string; endsAt: string }> {
  const zone = await siteZone(deps);
  const startsAt = readInstant(v.starts, zone);
  if (!startsAt) throw fieldError(SUBJECT, 'starts', 'Give the start as a date and time, like 2026-10-17T10:00.');
  const endsAt = readInstant(v.ends, zone);
  if (!endsAt) throw fieldError(SUBJECT, 'ends', 'Give the end as a date and time, like 2026-10-17T14:00.');
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw fieldError(SUBJECT, 'ends', 'The event must end after it starts.');
  return { startsAt, endsAt };
}

/** A free slug from the title: "food-access-scope-a-thon", then "-2", "-3"… */
async function freeSlug(store: CatalogStore, title: string): Promise<string> {
  const base = slugify(title) === 'dataset' ? 'event' : slugify(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await store.events.slugTaken(slug))) return slug;
  }
}

/** Schedules a scope-a-thon (program staff), taking up problems people can see. */
export async function createEvent(deps: Deps, p: Principal, input: unknown): Promise<ProgramEvent> {
  requireStaff(p, 'Scheduling an event');
  const parsed = eventFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(SUBJECT, parsed.error);
  const v = parsed.data;
  const when = await times(deps, v);
  const problems = await pickedProblems(deps.catalog, p, v.problems, SUBJECT);
  const now = deps.clock.now().toISOString();
  return deps.catalog.transaction(async (tx) => {
    const event: ProgramEvent = {
      id: deps.newId(),
      slug: await freeSlug(tx, v.title),
      title: v.title,
      description: v.description,
      agenda: v.agenda,
      ...when,
      place: v.place,
      link: v.link,
      capacity: v.capacity,
      notes: v.notes ?? '',
      state: v.cancelled ? 'cancelled' : 'scheduled',
      organizationId: null,
      createdBy: p.kind === 'user' ? p.userId : '',
      problemIds: problems.map((x) => x.id),
      createdAt: now,
      updatedAt: now,
    };
    await tx.events.createEvent(event);
    await recordActivity(deps, tx, p, { verb: 'event.created', organizationId: null, summary: `scheduled the event “${event.title}”`, details: { event_id: event.id }, subject: eventSubject(event.id) });
    return event;
  });
}

/**
 * Changes an event (program staff): every field is replaced by the form's;
 * notes left out of the input stay. Cancelling it tells its followers.
 */
export async function updateEvent(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<ProgramEvent> {
  requireStaff(p, 'Changing an event');
  const before = await eventOr404(deps.catalog, idOrSlug);
  const parsed = eventFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(SUBJECT, parsed.error);
  const v = parsed.data;
  const when = await times(deps, v);
  const problems = await pickedProblems(deps.catalog, p, v.problems, SUBJECT);
  const event: ProgramEvent = {
    ...before,
    title: v.title,
    description: v.description,
    agenda: v.agenda,
    ...when,
    place: v.place,
    link: v.link,
    capacity: v.capacity,
    notes: v.notes ?? before.notes,
    state: v.cancelled ? 'cancelled' : 'scheduled',
    problemIds: problems.map((x) => x.id),
    updatedAt: deps.clock.now().toISOString(),
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.events.updateEvent(event);
    const cancelled = event.state === 'cancelled' && before.state !== 'cancelled';
    await recordActivity(deps, tx, p, {
      verb: cancelled ? 'event.cancelled' : 'event.updated',
      organizationId: null,
      summary: cancelled ? `cancelled the event “${event.title}”` : `changed the event “${event.title}”`,
      details: { event_id: event.id },
      subject: eventSubject(event.id),
    });
    return event;
  });
}
