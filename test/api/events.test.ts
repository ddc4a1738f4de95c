import ICAL from 'ical.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { visibilityOf } from '../../src/domain/accounts/policy.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Scope-a-thons over HTTP: scheduling, the waiting list, attendance, statements and the calendar. */

let t: TestPlaza;
let app: FastifyInstance;
let staff: Person;
let ana: Person;
let ben: Person;
let cy: Person;
let unconfirmed: Person;
let problems: string[];
let slug: string;

const base = { description: 'The light has been out for a month now.', affected: '', category: 'safety', place: { kind: 'citywide' } };
const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, json?: unknown) =>
  app.inject({ method, url, headers: who ? who.auth : {}, ...(json !== undefined ? { payload: json as Record<string, unknown> } : {}) });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  staff = await makePerson(t, { name: 'Sam Staff', moderator: true });
  ana = await makePerson(t, { name: 'Ana' });
  ben = await makePerson(t, { name: 'Ben' });
  cy = await makePerson(t, { name: 'Cy' });
  unconfirmed = await makePerson(t, { name: 'Una', unverified: true });
  await updateSite(t.deps, t.admin, { time_zone: 'America/New_York' });
  problems = [];
  for (const title of ['The food pantry line wraps around the block', 'Pantry notices only in English']) problems.push((await postProblem(t.deps, ana.principal, { ...base, title })).id);
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const future = (days: number, hour: string) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${hour}`;

describe('events over HTTP', () => {
  it('keeps the site time zone, refusing one that is not a zone', async () => {
    expect((await call(null, 'GET', '/api/v1/site')).json().time_zone).toBe('America/New_York');
    await expect(updateSite(t.deps, t.admin, { time_zone: 'Mars/Olympus' })).rejects.toThrow('Give the time zone by its IANA name');
  });

  it('refuses bad input with a message per field, and strangers and residents', async () => {
    const input = { title: 'Food access scope-a-thon', starts: '2026-10-17T10:00', ends: '2026-10-17T14:00', problems };
    expect((await call(null, 'POST', '/api/v1/events', input)).statusCode).toBe(401);
    expect((await call(ana, 'POST', '/api/v1/events', input)).statusCode).toBe(403);
    const r = await call(staff, 'POST', '/api/v1/events', { ...input, title: 'x', ends: '2026-10-17T09:00', capacity: 'many' });
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'capacity']));
    const order = await call(staff, 'POST', '/api/v1/events', { ...input, ends: '2026-10-17T09:00' });
    expect(order.json().error.message).toContain('must end after it starts');
    const noProblem = await call(staff, 'POST', '/api/v1/events', { ...input, problems: ['nope'] });
    expect(noProblem.json().error.details.fields[0]).toMatchObject({ field: 'problems' });
  });

  it('reads typed times in the site zone, fills the capacity, then a waiting list that moves up on a cancellation', async () => {
    const r = await call(staff, 'POST', '/api/v1/events', { title: 'Food access scope-a-thon', starts: future(20, '10:00'), ends: future(20, '14:00'), place: 'Harlem Library, 9 West 124th Street', capacity: 1, problems });
    expect(r.statusCode).toBe(201);
    const e = r.json();
    expect(e.slug).toBe('food-access-scope-a-thon');
    const localHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(new Date(e.starts_at));
    expect(localHour).toBe('10');
    expect((await call(unconfirmed, 'POST', `/api/v1/events/${e.slug}/registration`)).statusCode).toBe(403);
    expect((await call(ana, 'POST', `/api/v1/events/${e.slug}/registration`)).json().state).toBe('registered');
    expect((await call(ana, 'POST', `/api/v1/events/${e.slug}/registration`)).json().state).toBe('registered');
    expect((await call(ben, 'POST', `/api/v1/events/${e.slug}/registration`)).json().state).toBe('waiting');
    expect((await call(cy, 'POST', `/api/v1/events/${e.slug}/registration`)).json().state).toBe('waiting');
    const detail = (await call(ben, 'GET', `/api/v1/events/${e.slug}`)).json();
    expect(detail).toMatchObject({ registered: 1, waiting: 2, my_registration: 'waiting', time_zone: 'America/New_York' });
    expect((await call(ana, 'GET', `/api/v1/events/${e.id}/registrants`)).statusCode).toBe(403);

    expect((await call(ana, 'DELETE', `/api/v1/events/${e.slug}/registration`)).json().state).toBe('cancelled');
    const regs = (await call(staff, 'GET', `/api/v1/events/${e.id}/registrants`)).json().results;
    expect(regs.map((x: { name: string; state: string }) => [x.name, x.state])).toEqual([['Ben', 'registered'], ['Cy', 'waiting']]);
    // Ben is told: an email, and the entry on the event he follows.
    const mails = await t.deps.catalog.activity.dueMail('2999-01-01T00:00:00.000Z', 500);
    expect(mails.filter((m) => m.to === ben.user.email).map((m) => m.subject)).toEqual(['You have a place at “Food access scope-a-thon”']);
    expect(mails.some((m) => m.to === cy.user.email)).toBe(false);
    const subs = await t.deps.catalog.activity.listSubscriptions(ben.user.id);
    expect(subs.some((s) => s.target === 'event' && s.targetId === e.id)).toBe(true);
    const entries = await t.deps.catalog.activity.listActivity({ subject: `event:${e.id}`, visibility: visibilityOf(staff.principal), limit: 10 });
    expect(entries.map((x) => x.verb)).toContain('event.promoted');

    const att = await call(staff, 'PUT', `/api/v1/events/${e.id}/attendance`, { attended: [ben.user.id, 'someone-else'] });
    expect(att.statusCode).toBe(200);
    expect(att.json().results.map((x: { name: string; attended: boolean }) => [x.name, x.attended])).toEqual([['Ben', true], ['Cy', false]]);
    expect((await call(ana, 'PUT', `/api/v1/events/${e.id}/attendance`, { attended: [] })).statusCode).toBe(403);
  });

  it('shows a refused registration on the event page itself, never text carried in the address', async () => {
    const e = (await call(staff, 'POST', '/api/v1/events', { title: 'Refusals evening', starts: future(30, '18:00'), ends: future(30, '20:00'), place: 'Town hall' })).json();
    const refused = await app.inject({ method: 'POST', url: `/events/${e.slug}/register`, headers: { ...unconfirmed.auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Refusals evening');
    expect(refused.body).toContain('usa-alert--error');
    const crafted = await app.inject(`/events/${e.slug}?error=${encodeURIComponent('Call 555-0100 to claim your prize')}`);
    expect(crafted.statusCode).toBe(200);
    expect(crafted.body).not.toContain('claim your prize');
  });

  it('writes a statement that scopes its problems, listed on the event and by problem', async () => {
    const e = (await call(staff, 'POST', '/api/v1/events', { title: 'Statement day', starts: future(5, '09:00'), ends: future(5, '12:00'), problems })).json();
    const input = { title: 'Pantry visitors wait outside for hours', affected: 'Pantry visitors', need: 'To know what is available', measure: 'Shorter waits outside', problems, datasets: [slug], event: e.slug };
    expect((await call(ana, 'POST', '/api/v1/statements', input)).statusCode).toBe(403);
    const bad = await call(staff, 'POST', '/api/v1/statements', { ...input, problems: [], datasets: ['no-such-data'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'problems', message: 'Choose at least one problem the statement came from.' });
    const r = await call(staff, 'POST', '/api/v1/statements', input);
    expect(r.statusCode).toBe(201);
    const s = r.json();
    for (const id of problems) expect((await call(null, 'GET', `/api/v1/problems/${id}`)).json().status).toBe('scoped');
    const detail = (await call(null, 'GET', `/api/v1/statements/${s.id}`)).json();
    expect(detail.problems.map((p: { status: string }) => p.status)).toEqual(['scoped', 'scoped']);
    expect(detail.datasets.map((d: { slug: string }) => d.slug)).toEqual([slug]);
    expect(detail.event.slug).toBe(e.slug);
    expect((await call(null, 'GET', `/api/v1/statements?problem=${problems[0]}`)).json().results.map((x: { id: string }) => x.id)).toContain(s.id);
    expect((await call(null, 'GET', `/api/v1/events/${e.slug}`)).json().statements.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const problemPage = (await app.inject({ url: `/problems/${problems[0]}` })).body;
    expect(problemPage).toContain('Statement day');
    expect(problemPage).toContain('Pantry visitors wait outside for hours');
    const summary = await app.inject({ url: `/events/${e.slug}/summary` });
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('@media print');
    expect(summary.body).toContain('Pantry visitors wait outside for hours');
    expect(summary.body).not.toContain('plaza-header');
    const spanish = await app.inject({ url: `/events/${e.slug}`, headers: { 'accept-language': 'es' } });
    expect(spanish.body).toContain('Enunciados de problema');
  });

  it('exports an event as iCalendar with the right instants, escaped text, and the upcoming calendar', async () => {
    const e = (await call(staff, 'POST', '/api/v1/events', { title: 'Safe streets, lights; and bikes', starts: '2027-03-14T01:30', ends: '2027-03-14T04:00', place: 'Room 1, City Hall; floor 2', description: 'Line one\nLine two', problems })).json();
    const r = await app.inject({ url: `/events/${e.slug}.ics` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(r.body));
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    // 01:30 EST is 06:30Z; 04:00 is after the spring change (03:00 EDT onwards), so 08:00Z.
    expect(ev.startDate.toJSDate().toISOString()).toBe('2027-03-14T06:30:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2027-03-14T08:00:00.000Z');
    expect(ev.summary).toBe('Safe streets, lights; and bikes');
    expect(ev.location).toBe('Room 1, City Hall; floor 2');
    expect(ev.description).toContain('Line one\nLine two');
    expect(ev.uid).toBe(`event-${e.id}@localhost`);
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('url')).toBe(`http://localhost/events/${e.slug}`);
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstamp')).toBeTruthy();
    const all = new ICAL.Component(ICAL.parse((await app.inject({ url: '/events.ics' })).body));
    expect(all.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'))).toContain('Safe streets, lights; and bikes');
    const md = await app.inject({ url: `/events/${e.slug}.md` });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('# Safe streets, lights; and bikes');
    expect(md.body).toMatch(/Mar 14, 2027.*1:30\sAM EST/);
    const cancel = await call(staff, 'PUT', `/api/v1/events/${e.slug}`, { title: e.title, starts: e.starts_at, ends: e.ends_at, problems, cancelled: true });
    expect(cancel.json()).toMatchObject({ state: 'cancelled', notes: '' });
    expect((await app.inject({ url: `/events/${e.slug}` })).body).toContain('This event is cancelled.');
    expect((await call(ana, 'POST', `/api/v1/events/${e.slug}/registration`)).statusCode).toBe(409);
    expect((await app.inject({ url: `/events/${e.slug}.ics` })).body).toContain('STATUS:CANCELLED');
  });
});
