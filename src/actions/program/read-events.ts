import { canSeeProblem } from '../../domain/community/policy.ts';
import { isOpenProblem, type Problem } from '../../domain/community/problems.ts';
import { canRunProgram, readsAsStaff } from '../../domain/program/policy.ts';
import type { ProgramEvent, RegistrationState } from '../../domain/program/events.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { Deps, Principal } from '../deps.ts';
import { eventOr404, siteZone } from './event-access.ts';
import { listRegistrants, type Registrant } from './registration.ts';

/** Events still to come (soonest first) or over (latest first). Public. */
export async function listEvents(deps: Deps, when: 'upcoming' | 'past', limit = 100): Promise<ProgramEvent[]> {
  const now = deps.clock.now().toISOString();
  return deps.catalog.events.listEvents({ ...(when === 'upcoming' ? { endsAfter: now } : { endedBy: now }), limit: Math.min(limit, 500) });
}

/** The events that take up a problem, latest first (for the problem's page). */
export async function eventsForProblem(deps: Deps, problemId: string): Promise<ProgramEvent[]> {
  return deps.catalog.events.listEvents({ problemId, limit: 50 });
}

export interface EventDetail {
  event: ProgramEvent;
  /** The problems it takes up that the reader may see. */
  problems: Problem[];
  statements: ProblemStatement[];
  registered: number;
  waiting: number;
  /** The reader's own place, if they registered. */
  mine: RegistrationState | null;
  /** Whether the reader may change the event, mark attendance and write statements. */
  mayRun: boolean;
  /** Who registered: for staff only, else null. */
  registrants: Registrant[] | null;
  /** Whether it has ended. */
  past: boolean;
  timeZone: string;
}

/** One event, by id or slug, as the reader may see it. Public; the registrants for staff only. */
export async function getEvent(deps: Deps, p: Principal, idOrSlug: string): Promise<EventDetail> {
  const event = await eventOr404(deps.catalog, idOrSlug);
  const problems: Problem[] = [];
  for (const id of event.problemIds) {
    const problem = await deps.catalog.problems.getProblem(id);
    if (problem && canSeeProblem(p, problem)) problems.push(problem);
  }
  const regs = (await deps.catalog.events.listRegistrations(event.id)).filter((r) => r.state !== 'cancelled');
  const { results: statements } = await deps.catalog.events.listStatements({ eventId: event.id, limit: 200, offset: 0 });
  return {
    event,
    problems,
    statements,
    registered: regs.filter((r) => r.state === 'registered').length,
    waiting: regs.filter((r) => r.state === 'waiting').length,
    mine: p.kind === 'user' ? (regs.find((r) => r.userId === p.userId)?.state ?? null) : null,
    mayRun: canRunProgram(p),
    registrants: readsAsStaff(p) ? await listRegistrants(deps, p, event.id) : null,
    past: Date.parse(event.endsAt) <= deps.clock.now().getTime(),
    timeZone: await siteZone(deps),
  };
}

/** The problems an event may take up: open ones anybody may see, most voted first (at most 300). */
export async function problemChoices(deps: Deps, p: Principal): Promise<Problem[]> {
  const { results } = await deps.catalog.problems.listProblems({ sort: 'votes', statuses: ['new', 'under_review', 'scoped', 'in_project'], limit: 300, offset: 0 });
  return results.filter((x) => isOpenProblem(x) && canSeeProblem(p, x));
}

/** An event by id or slug, or null (for a form that starts from one). */
export async function findEvent(deps: Deps, idOrSlug: string): Promise<ProgramEvent | null> {
  return (await deps.catalog.events.getEvent(idOrSlug)) ?? null;
}
