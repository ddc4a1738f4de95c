import { subjectOf } from '../../domain/activity/types.ts';
import { canSeeProblem } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { localToInstant } from '../../domain/i18n/time-zone.ts';
import { canRunProgram } from '../../domain/program/policy.ts';
import type { ProgramEvent } from '../../domain/program/events.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite } from '../site/settings.ts';

/** An event by id or slug, or "not found". */
export async function eventOr404(store: CatalogStore, idOrSlug: string): Promise<ProgramEvent> {
  const event = await store.events.getEvent(idOrSlug);
  if (!event) throw notFound('Event', idOrSlug);
  return event;
}

/** Only the program's staff (with the write scope and a confirmed email address) go on. */
export function requireStaff(p: Principal, doing: string): void {
  requireUser(p, doing);
  if (!canRunProgram(p)) deny(p, `${doing} is for the program's staff (site administrators, moderators and editors) with a confirmed email address.`);
}

export const eventSubject = (id: string): string => subjectOf('event', id);

/** A field's error, as the API and forms show it. */
export const fieldError = (subject: string, field: string, message: string): AppError =>
  new AppError('validation_failed', `${subject} not valid: ${field}: ${message.replace(/\.$/, '')}.`, { fields: [{ field, message }] });

/**
 * A date and time as given: an instant with its zone ("…Z", "+02:00"), or a
 * `datetime-local` text read in the site's zone. Undefined when neither.
 */
export function readInstant(text: string, zone: string): string | undefined {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  return localToInstant(text, zone);
}

/**
 * The problems named, each one the principal may see and not merged away,
 * or the whole input is refused naming the first missing one.
 */
export async function pickedProblems(store: CatalogStore, p: Principal, ids: string[], subject: string): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const id of ids) {
    const problem = await store.problems.getProblem(id);
    if (!problem || !canSeeProblem(p, problem) || problem.mergedInto) throw fieldError(subject, 'problems', `There is no problem "${id}" to take up; pick problems from the list.`);
    out.push(problem);
  }
  return out;
}

/** The site's time zone now. */
export async function siteZone(deps: Deps): Promise<string> {
  return (await getSite(deps)).timeZone;
}
