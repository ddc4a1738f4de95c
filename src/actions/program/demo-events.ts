import type { Problem } from '../../domain/community/problems.ts';
import { localToInstant } from '../../domain/i18n/time-zone.ts';
import type { ProgramEvent } from '../../domain/program/events.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import { recordActivity } from '../activity/record.ts';
import { advanceProblem } from '../community/advance-problem.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite, updateSite } from '../site/settings.ts';
import { eventSubject } from './event-access.ts';

/** The demo city's scope-a-thons and problem statements (demo/events.json). */
export interface DemoEvents {
  events: Array<{
    title: string;
    /** A past event's day (YYYY-MM-DD), or `weeksAhead` of the day the demo is loaded. */
    date?: string;
    weeksAhead?: number;
    start: string;
    end: string;
    place: string;
    capacity: number | null;
    description: string;
    agenda: string;
    notes: string;
    problems: string[];
    /** Demo residents by number (resident1@demo.plaza.invalid is 0). */
    registered: number[];
    attended: number[];
  }>;
  statements: Array<{ title: string; event: string | null; affected: string; need: string; measure: string; dataNotes: string; problems: string[]; datasets: string[] }>;
}

const DEMO_TIME_ZONE = 'America/New_York';

/**
 * Holds the demo city's scope-a-thons (one past, with notes and attendance;
 * one a few weeks ahead) and writes its problem statements, whose problems
 * move to "scoped" as when staff write them. Registrations are the demo
 * residents' (the acting administrator's when there are none). The site's
 * time zone becomes New York's unless an administrator chose one.
 */
export async function seedDemoEvents(deps: Deps, actor: Principal, demo: DemoEvents): Promise<number> {
  if ((await getSite(deps)).timeZone === 'UTC') await updateSite(deps, actor, { time_zone: DEMO_TIME_ZONE });
  const zone = (await getSite(deps)).timeZone;
  const { results } = await deps.catalog.problems.listProblems({ sort: 'newest', limit: 1000, offset: 0 });
  const byTitle = (titles: string[]): Problem[] => titles.map((t) => results.find((p) => p.title === t)).filter((p): p is Problem => p !== undefined);
  const actorId = actor.kind === 'user' ? actor.userId : '';
  const resident = async (n: number) => (await deps.catalog.accounts.findUserByEmail(`resident${n + 1}@demo.plaza.invalid`))?.id ?? actorId;
  const now = deps.clock.now();
  const held = new Map<string, ProgramEvent>();
  for (const e of demo.events) {
    const day = e.date ?? new Date(now.getTime() + (e.weeksAhead ?? 3) * 7 * 86_400_000).toISOString().slice(0, 10);
    const at = now.toISOString();
    const event: ProgramEvent = {
      id: deps.newId(),
      slug: e.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      title: e.title,
      description: e.description,
      agenda: e.agenda,
      startsAt: localToInstant(`${day}T${e.start}`, zone)!,
      endsAt: localToInstant(`${day}T${e.end}`, zone)!,
      place: e.place,
      link: '',
      capacity: e.capacity,
      notes: e.notes,
      state: 'scheduled',
      organizationId: null,
      createdBy: actorId,
      problemIds: byTitle(e.problems).map((p) => p.id),
      createdAt: at,
      updatedAt: at,
    };
    if (await deps.catalog.events.slugTaken(event.slug)) continue;
    const ids = [...new Set(await Promise.all(e.registered.map(resident)))];
    const came = [...new Set(await Promise.all(e.attended.map(resident)))];
    await deps.catalog.transaction(async (tx) => {
      await tx.events.createEvent(event);
      await recordActivity(deps, tx, actor, { verb: 'event.created', organizationId: null, summary: `scheduled the event “${event.title}”`, details: { event_id: event.id }, subject: eventSubject(event.id) });
      for (const userId of ids) await tx.events.addRegistration({ eventId: event.id, userId, state: 'registered', attended: false, createdAt: at, updatedAt: at });
      if (came.length) await tx.events.setAttendance(event.id, came, at);
    });
    held.set(e.title, event);
  }
  for (const s of demo.statements) {
    const problems = byTitle(s.problems);
    const datasetIds: string[] = [];
    for (const slug of s.datasets) {
      const d = await deps.catalog.datasets.getDataset(slug);
      if (d) datasetIds.push(d.id);
    }
    const at = deps.clock.now().toISOString();
    const event = s.event ? held.get(s.event) : undefined;
    const statement: ProblemStatement = { id: deps.newId(), title: s.title, affected: s.affected, need: s.need, measure: s.measure, dataNotes: s.dataNotes, eventId: event?.id ?? null, problemIds: problems.map((p) => p.id), datasetIds, authorId: actorId, createdAt: at, updatedAt: at };
    await deps.catalog.transaction(async (tx) => {
      await tx.events.createStatement(statement);
      await recordActivity(deps, tx, actor, { verb: 'statement.written', organizationId: null, summary: `wrote the problem statement “${statement.title}”`, details: { statement_id: statement.id }, ...(event ? { subject: eventSubject(event.id) } : {}) });
      for (const p of problems) await advanceProblem(deps, tx, actor, (await tx.problems.getProblem(p.id)) ?? p, 'scoped', `Scoped in the problem statement “${statement.title}”.`);
    });
  }
  return held.size;
}
