import type { ActorKind } from '../../src/domain/program/ecosystem-kinds.ts';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoProjects, type DemoProject } from '../../src/actions/projects/demo-projects.ts';
import type { Principal } from '../../src/domain/accounts/principal.ts';
import { at, bareDataset, organization } from '../contract/factories.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { makePerson } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The demo projects: P1 in its build phase with hosting a risk, P2 launched with its showcase, from the statements and actors other demos write. */

let t: TestPlaza;
let staff: Principal;
const entries = async () => JSON.parse(await readFile(new URL('../../demo/projects.json', import.meta.url), 'utf8')) as DemoProject[];

beforeAll(async () => {
  t = await startTestPlaza();
  staff = (await makePerson(t, { moderator: true })).principal;
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('the demo projects', () => {
  it('stops with a clear message while a statement it names is missing', async () => {
    await expect(seedDemoProjects(t.deps, staff, await entries())).rejects.toThrow('needs the problem statement "Pantry visitors wait outside for hours without knowing what is available"');
  });

  it('starts P1 in its build phase and P2 launched with its showcase', async () => {
    const c = t.deps.catalog;
    const org = organization();
    await c.datasets.createOrganization(org);
    for (const slug of ['food-pantries-2024-11', 'emergency-food-sites', 'food-inspection-scores']) await c.datasets.createDataset(bareDataset(org.id, { id: slug, slug }));
    await insertStatement(c, { title: 'Pantry visitors wait outside for hours without knowing what is available' });
    await insertStatement(c, { title: 'Diners cannot tell what an inspection score means' });
    const kinds: Record<string, ActorKind> = { 'Human Resources Administration': 'agency', 'Harlem Food Justice Coalition': 'community_organization', 'Civic Code Collective': 'tech_partner', 'Public Health': 'agency', 'Small Business Neighbors Association': 'community_organization', 'OpenBlock Labs': 'tech_partner' };
    for (const [name, kind] of Object.entries(kinds)) await insertActor(c, { name, kind });
    await c.showcases.createShowcase({ id: 'grades', title: 'Restaurant Grades app', kind: 'app', description: 'Explains grades.', link: 'https://example.org', madeBy: 'OpenBlock Labs', image: null, imageAlt: '', state: 'approved', stateReason: null, authorId: 'u', datasetIds: [], createdAt: at(), updatedAt: at() });

    expect(await seedDemoProjects(t.deps, staff, await entries())).toBe(2);
    const p1 = await c.projects.getProject('pantry-line-live');
    expect(p1).toMatchObject({ currentPhase: 'build', launch: null });
    expect(p1?.checklist.find((x) => x.item === 'hosting')?.status).toBe('risk');
    expect(p1?.checklist.some((x) => x.status === 'not_assessed')).toBe(true);
    const p2 = await c.projects.getProject('restaurant-grades-app');
    expect(p2).toMatchObject({ currentPhase: 'launch', launch: { showcaseId: 'grades', maintainer: 'Public Health digital team' } });
    expect(p2?.checklist.every((x) => x.status === 'fine' || x.status === 'risk')).toBe(true);
    expect(await seedDemoProjects(t.deps, staff, await entries())).toBe(0);
  });
});
