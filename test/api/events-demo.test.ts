import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoProblems, type DemoProblem } from '../../src/actions/community/demo-problems.ts';
import { seedDemoEvents, type DemoEvents } from '../../src/actions/program/demo-events.ts';
import { getSite } from '../../src/actions/site/settings.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The demo city's scope-a-thons, as demo/events.json and the shared demo names say. */

let t: TestPlaza;
beforeAll(async () => {
  t = await startTestPlaza();
  // Without the demo departments: the problems stay unassigned.
  const problems = (JSON.parse(await readFile('demo/problems.json', 'utf8')) as DemoProblem[]).map(({ organization: _o, datasets: _d, ...p }) => p);
  await seedDemoProblems(t.deps, t.admin, problems);
  await seedDemoEvents(t.deps, t.admin, JSON.parse(await readFile('demo/events.json', 'utf8')) as DemoEvents);
}, 120_000);
afterAll(() => t.close());

it('holds the past and the upcoming event in New York time, with attendance and three statements', async () => {
  expect((await getSite(t.deps)).timeZone).toBe('America/New_York');
  const past = (await t.deps.catalog.events.getEvent('food-access-scope-a-thon'))!;
  expect(past).toMatchObject({ title: 'Food access scope-a-thon', place: 'Harlem Library, 9 West 124th Street', startsAt: '2026-10-17T14:00:00.000Z', endsAt: '2026-10-17T18:00:00.000Z' });
  expect(past.problemIds).toHaveLength(3);
  expect(past.notes).not.toBe('');
  const regs = await t.deps.catalog.events.listRegistrations(past.id);
  expect(regs.filter((r) => r.attended).length).toBe(5);
  const next = (await t.deps.catalog.events.getEvent('safe-streets-scope-a-thon'))!;
  const days = (Date.parse(next.startsAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(19);
  expect(days).toBeLessThan(22);
  expect(next.problemIds).toHaveLength(2);
  const { results } = await t.deps.catalog.events.listStatements({ limit: 10, offset: 0 });
  expect(results.map((s) => s.title).sort()).toEqual(['Diners cannot tell what an inspection score means', 'Families entering shelter cannot reach intake near where they work', 'Pantry visitors wait outside for hours without knowing what is available']);
  const s1 = results.find((s) => s.title.startsWith('Pantry'))!;
  expect(s1.eventId).toBe(past.id);
  expect(s1.problemIds).toHaveLength(2);
  for (const id of s1.problemIds) expect((await t.deps.catalog.problems.getProblem(id))!.status).toBe('scoped');
  expect(results.find((s) => s.title.startsWith('Diners'))!.eventId).toBeNull();
});
