import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { ProgramEvent, Registration, RegistrationState } from '../../domain/program/events.ts';

export interface EventQuery {
  /** Events ending after this instant (upcoming), soonest first. */
  endsAfter?: string;
  /** Events that ended at or before this instant (past), latest first. */
  endedBy?: string;
  /** Only events taking up this problem. */
  problemId?: string;
  limit: number;
}

export interface StatementQuery {
  eventId?: string;
  problemId?: string;
  limit: number;
  offset: number;
}

/** Scope-a-thons, who registered for them, and the problem statements written. */
export interface EventStore {
  /** Keeps an event with its problems, in one transaction. */
  createEvent(e: ProgramEvent): Promise<void>;
  /** Replaces an event's fields and its problems. */
  updateEvent(e: ProgramEvent): Promise<void>;
  /** By id or slug. */
  getEvent(idOrSlug: string): Promise<ProgramEvent | undefined>;
  listEvents(q: EventQuery): Promise<ProgramEvent[]>;
  /** Whether a slug is taken. */
  slugTaken(slug: string): Promise<boolean>;

  /** Registrations of an event, in the order people registered (the waiting list's order). */
  listRegistrations(eventId: string): Promise<Registration[]>;
  /** Registers anew (at the end of the line), replacing an earlier, cancelled registration. */
  addRegistration(r: Registration): Promise<void>;
  setRegistrationState(eventId: string, userId: string, state: RegistrationState, at: string): Promise<void>;
  /** Marks exactly these registrants as having attended; the others as not. */
  setAttendance(eventId: string, attendedUserIds: string[], at: string): Promise<void>;
  /** The events a person registered for (not cancelled). */
  eventsOfUser(userId: string): Promise<string[]>;

  /** Keeps a statement with its problems and datasets, in one transaction. */
  createStatement(s: ProblemStatement): Promise<void>;
  getStatement(id: string): Promise<ProblemStatement | undefined>;
  /** Newest first. */
  listStatements(q: StatementQuery): Promise<{ total: number; results: ProblemStatement[] }>;
}
