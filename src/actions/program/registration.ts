import { canTakePart } from '../../domain/community/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { escapeHtml } from '../../domain/notify/html.ts';
import { readsAsStaff } from '../../domain/program/policy.ts';
import { attendanceFields, type ProgramEvent, type Registration, type RegistrationState } from '../../domain/program/events.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { eventOr404, eventSubject, requireStaff } from './event-access.ts';

/** Someone's place for an event after registering or cancelling. */
export interface RegistrationResult {
  event: ProgramEvent;
  state: RegistrationState;
}

/** Follows the event for the person (an email digest), unless they already do. */
export async function followEventFor(deps: Deps, store: CatalogStore, userId: string, eventId: string): Promise<void> {
  const mine = await store.activity.listSubscriptions(userId);
  if (mine.some((s) => s.target === 'event' && s.targetId === eventId)) return;
  await store.activity.createSubscription({ id: deps.newId(), userId, target: 'event', targetId: eventId, email: true, webhookUrl: null, webhookSecret: null, createdAt: deps.clock.now().toISOString() });
}

/** Follows an event: its changes, cancellation and places freed reach the person by email. */
export async function followEvent(deps: Deps, p: Principal, idOrSlug: string): Promise<ProgramEvent> {
  requireUser(p, 'Following an event');
  if (!p.scopes.includes('write')) deny(p, 'Following needs a token with the write scope.');
  const event = await eventOr404(deps.catalog, idOrSlug);
  await followEventFor(deps, deps.catalog, p.userId, event.id);
  return event;
}

const live = (r: Registration) => r.state !== 'cancelled';

/**
 * Registers the signed-in person (a confirmed email address): a place while
 * the capacity lasts, then the waiting list. Registering twice keeps the
 * place held. The person follows the event, so they hear when it changes.
 */
export async function registerForEvent(deps: Deps, p: Principal, idOrSlug: string): Promise<RegistrationResult> {
  requireUser(p, 'Registering for an event');
  if (!canTakePart(p)) deny(p, 'Registering needs a confirmed email address (and, through a token, the write scope).');
  return deps.catalog.transaction(async (tx) => {
    const event = await eventOr404(tx, idOrSlug);
    if (event.state === 'cancelled') throw new AppError('conflict', 'The event is cancelled; nobody can register for it.');
    if (Date.parse(event.endsAt) <= deps.clock.now().getTime()) throw new AppError('conflict', 'The event is over; registration is closed.');
    const all = await tx.events.listRegistrations(event.id);
    const mine = all.find((r) => r.userId === p.userId && live(r));
    if (mine) return { event, state: mine.state };
    const taken = all.filter((r) => r.state === 'registered').length;
    const state: RegistrationState = event.capacity === null || taken < event.capacity ? 'registered' : 'waiting';
    const now = deps.clock.now().toISOString();
    await tx.events.addRegistration({ eventId: event.id, userId: p.userId, state, attended: false, createdAt: now, updatedAt: now });
    await followEventFor(deps, tx, p.userId, event.id);
    await recordActivity(deps, tx, p, { verb: 'event.registered', organizationId: null, summary: state === 'registered' ? `registered for the event “${event.title}”` : `joined the waiting list of the event “${event.title}”`, details: { event_id: event.id, state } });
    return { event, state };
  });
}

/**
 * Cancels the person's registration. A place freed goes to the first person
 * waiting, who is told (an activity entry on the event, which they follow).
 */
export async function cancelRegistration(deps: Deps, p: Principal, idOrSlug: string): Promise<RegistrationResult> {
  requireUser(p, 'Cancelling a registration');
  if (!p.scopes.includes('write')) deny(p, 'Cancelling needs a token with the write scope.');
  return deps.catalog.transaction(async (tx) => {
    const event = await eventOr404(tx, idOrSlug);
    const all = await tx.events.listRegistrations(event.id);
    const mine = all.find((r) => r.userId === p.userId && live(r));
    if (!mine) return { event, state: 'cancelled' };
    const now = deps.clock.now().toISOString();
    await tx.events.setRegistrationState(event.id, p.userId, 'cancelled', now);
    const next = mine.state === 'registered' ? all.find((r) => r.state === 'waiting') : undefined;
    if (next && event.state !== 'cancelled') {
      await tx.events.setRegistrationState(event.id, next.userId, 'registered', now);
      await followEventFor(deps, tx, next.userId, event.id);
      await recordActivity(deps, tx, { system: deps.site.name }, {
        verb: 'event.promoted',
        organizationId: null,
        summary: `gave a freed place at the event “${event.title}” to the first person on its waiting list`,
        details: { event_id: event.id },
        subject: eventSubject(event.id),
      });
      const who = await tx.accounts.getUser(next.userId);
      if (who && !who.disabled) {
        const link = `${deps.site.baseUrl}/events/${encodeURIComponent(event.slug)}`;
        const text = `Hello ${who.name},\n\nA place was freed at “${event.title}” and it is yours: you are now registered.\n\nIf you cannot come, cancel on the event page so the next person can: ${link}\n\n${deps.site.name}\n`;
        await tx.activity.enqueueMail({ id: deps.newId(), to: who.email, subject: `You have a place at “${event.title}”`, text, html: text.split('\n\n').map((l) => `<p>${escapeHtml(l.trim())}</p>`).join('\n'), createdAt: now, attempts: 0, nextAttemptAt: now, sentAt: null, lastError: null });
        deps.signals.send('job-queued');
      }
    }
    return { event, state: 'cancelled' };
  });
}

export interface Registrant extends Registration {
  name: string;
}

/** Who registered, in order, with their names: staff only (their list of people is not public). */
export async function listRegistrants(deps: Deps, p: Principal, idOrSlug: string): Promise<Registrant[]> {
  requireUser(p, 'Reading who registered');
  if (!readsAsStaff(p)) deny(p, 'Only the program staff read who registered.');
  const event = await eventOr404(deps.catalog, idOrSlug);
  const all = (await deps.catalog.events.listRegistrations(event.id)).filter(live);
  return Promise.all(all.map(async (r) => ({ ...r, name: (await deps.catalog.accounts.getUser(r.userId))?.name ?? '' })));
}

/** Marks who attended (program staff): exactly the registrants named; others named are ignored. */
export async function markAttendance(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Registrant[]> {
  requireStaff(p, 'Marking attendance');
  const parsed = attendanceFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The attendance is', parsed.error);
  const event = await eventOr404(deps.catalog, idOrSlug);
  await deps.catalog.transaction(async (tx) => {
    const ids = (await tx.events.listRegistrations(event.id)).filter(live).map((r) => r.userId);
    const attended = parsed.data.attended.filter((u) => ids.includes(u));
    await tx.events.setAttendance(event.id, attended, deps.clock.now().toISOString());
    await recordActivity(deps, tx, p, { verb: 'event.attendance', organizationId: null, summary: `marked attendance at the event “${event.title}”`, details: { event_id: event.id, attended: attended.length } });
  });
  return listRegistrants(deps, p, event.id);
}
