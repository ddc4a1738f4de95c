import { expect, it } from 'vitest';
import type { ProgramEvent } from '../../src/domain/program/events.ts';
import type { ProblemStatement } from '../../src/domain/program/statements.ts';
import { at, bareDataset, organization, problem, uid } from './factories.ts';
import { describeStores } from './harness.ts';

const event = (e: Partial<ProgramEvent> = {}): ProgramEvent => {
  const id = uid('event');
  return {
    id,
    slug: id,
    title: 'Food access scope-a-thon',
    description: 'We take up food problems.',
    agenda: '10:00 welcome',
    startsAt: at(60),
    endsAt: at(300),
    place: 'Harlem Library',
    link: '',
    capacity: 2,
    notes: '',
    state: 'scheduled',
    organizationId: null,
    createdBy: 'user-1',
    problemIds: [],
    createdAt: at(),
    updatedAt: at(),
    ...e,
  };
};

const statement = (s: Partial<ProblemStatement> = {}): ProblemStatement => ({
  id: uid('statement'),
  title: 'Visitors wait outside',
  affected: 'Pantry visitors',
  need: 'To know what is available',
  measure: 'Shorter waits',
  dataNotes: '',
  eventId: null,
  problemIds: [],
  datasetIds: [],
  authorId: 'user-1',
  createdAt: at(),
  updatedAt: at(),
  ...s,
});

describeStores('events', (store) => {
  const problems = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = problem();
      await store().problems.createProblem(p);
      ids.push(p.id);
    }
    return ids;
  };

  it('keeps an event with its problems, by id or slug, and changes it', async () => {
    const [a, b] = (await problems(2)).sort();
    const e = event({ problemIds: [a!, b!], capacity: null });
    await store().events.createEvent(e);
    expect(await store().events.getEvent(e.id)).toEqual(e);
    expect(await store().events.getEvent(e.slug)).toEqual(e);
    expect(await store().events.slugTaken(e.slug)).toBe(true);
    expect(await store().events.getEvent('nope')).toBeUndefined();
    const changed = { ...e, title: 'Changed', state: 'cancelled' as const, capacity: 5, problemIds: [b!], updatedAt: at(9) };
    await store().events.updateEvent(changed);
    expect(await store().events.getEvent(e.id)).toEqual(changed);
  });

  it('lists upcoming soonest first, past latest first, and by problem', async () => {
    const [p] = await problems(1);
    const old = event({ startsAt: at(0), endsAt: at(10) });
    const older = event({ startsAt: at(-100), endsAt: at(-90), problemIds: [p!] });
    const soon = event({ startsAt: at(100), endsAt: at(110), problemIds: [p!] });
    const later = event({ startsAt: at(200), endsAt: at(210) });
    for (const e of [later, old, soon, older]) await store().events.createEvent(e);
    const ids = (l: ProgramEvent[]) => l.map((e) => e.id);
    expect(ids(await store().events.listEvents({ endsAfter: at(50), limit: 10 }))).toEqual([soon.id, later.id]);
    expect(ids(await store().events.listEvents({ endedBy: at(50), limit: 10 }))).toEqual([old.id, older.id]);
    expect(ids(await store().events.listEvents({ problemId: p!, limit: 10 }))).toEqual([soon.id, older.id]);
  });

  it('keeps registrations in order, registers anew at the end, and marks attendance', async () => {
    const e = event();
    await store().events.createEvent(e);
    for (const [u, state] of [['u1', 'registered'], ['u2', 'registered'], ['u3', 'waiting']] as const) {
      await store().events.addRegistration({ eventId: e.id, userId: u, state, attended: false, createdAt: at(), updatedAt: at() });
    }
    await store().events.setRegistrationState(e.id, 'u1', 'cancelled', at(5));
    await store().events.addRegistration({ eventId: e.id, userId: 'u1', state: 'waiting', attended: false, createdAt: at(6), updatedAt: at(6) });
    const regs = await store().events.listRegistrations(e.id);
    expect(regs.map((r) => [r.userId, r.state])).toEqual([['u2', 'registered'], ['u3', 'waiting'], ['u1', 'waiting']]);
    await store().events.setAttendance(e.id, ['u2', 'u3'], at(7));
    await store().events.setAttendance(e.id, ['u2'], at(8));
    expect((await store().events.listRegistrations(e.id)).map((r) => [r.userId, r.attended])).toEqual([['u2', true], ['u3', false], ['u1', false]]);
    expect(await store().events.eventsOfUser('u2')).toEqual([e.id]);
    await store().events.setRegistrationState(e.id, 'u2', 'cancelled', at(9));
    expect(await store().events.eventsOfUser('u2')).toEqual([]);
  });

  it('keeps statements with problems and datasets, lists them newest first by event and problem', async () => {
    const [p1, p2] = (await problems(2)).sort();
    const org = organization();
    await store().datasets.createOrganization(org);
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const e = event();
    await store().events.createEvent(e);
    const s1 = statement({ eventId: e.id, problemIds: [p1!, p2!], datasetIds: [d.id], dataNotes: 'Pantry hours' });
    const s2 = statement({ problemIds: [p2!] });
    await store().events.createStatement(s1);
    await store().events.createStatement(s2);
    expect(await store().events.getStatement(s1.id)).toEqual(s1);
    expect(await store().events.getStatement('nope')).toBeUndefined();
    const list = async (q: { eventId?: string; problemId?: string }) => (await store().events.listStatements({ ...q, limit: 10, offset: 0 })).results.map((s) => s.id);
    expect(await list({})).toEqual([s2.id, s1.id]);
    expect(await list({ eventId: e.id })).toEqual([s1.id]);
    expect(await list({ problemId: p2! })).toEqual([s2.id, s1.id]);
    expect(await list({ problemId: p1! })).toEqual([s1.id]);
    expect((await store().events.listStatements({ limit: 1, offset: 0 })).total).toBe(2);
  });

  it('keeps nothing of a statement naming a problem that does not exist', async () => {
    const s = statement({ problemIds: ['no-such-problem'] });
    await expect(store().events.createStatement(s)).rejects.toThrow();
    expect(await store().events.getStatement(s.id)).toBeUndefined();
  });
});
