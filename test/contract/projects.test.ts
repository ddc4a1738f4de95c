import { expect, it } from 'vitest';
import { emptyChecklist, type Project } from '../../src/domain/program/projects.ts';
import { at, bareDataset, organization, problem, uid } from './factories.ts';
import { describeStores } from './harness.ts';
import { insertPartners, insertStatement } from './program-factories.ts';

const PHASES = [
  { key: 'research', name: 'Research', weeks: 4 },
  { key: 'launch', name: 'Launch', weeks: 2 },
];

const project = (statementId: string, p: Partial<Project> = {}): Project => {
  const id = uid('project');
  return { id, slug: id, title: 'Pantry Line Live', summary: 'Shows the pantry line.', statementId, partnerIds: [], datasetIds: [], startDate: '2026-09-01', templateId: 'co-design-sprint', phases: PHASES, currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'user-1', createdAt: at(), updatedAt: at(), ...p };
};

describeStores('projects', (store) => {
  it('keeps a project with its partners, datasets and checklist, found by id or slug', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const statement = await insertStatement(store());
    const partners = (await insertPartners(store())).sort();
    const p = project(statement.id, { partnerIds: partners, datasetIds: [d.id] });
    await store().projects.createProject(p);
    expect(await store().projects.getProject(p.id)).toEqual(p);
    expect(await store().projects.getProject(p.slug)).toEqual(p);
    expect(await store().projects.getProject('nope')).toBeUndefined();
    expect(await store().projects.slugTaken(p.slug)).toBe(true);
    expect(await store().projects.slugTaken('free-slug')).toBe(false);
  });

  it('refuses a partner that is not an ecosystem actor, keeping nothing', async () => {
    const statement = await insertStatement(store());
    const p = project(statement.id, { partnerIds: ['no-such-actor'] });
    await expect(store().projects.createProject(p)).rejects.toThrow();
    expect(await store().projects.getProject(p.id)).toBeUndefined();
  });

  it('saves checklist items, moves phases, records the launch', async () => {
    const statement = await insertStatement(store());
    const p = project(statement.id);
    await store().projects.createProject(p);
    await store().projects.saveChecklist(p.id, [{ item: 'hosting', status: 'risk', notes: 'Small server', owner: 'IT' }], at(5));
    await store().projects.setPhase(p.id, 'launch', at(6));
    const launch = { what: 'An app', maintainer: 'The agency', link: 'https://example.org', showcaseId: null, at: at(7) };
    await store().projects.setLaunch(p.id, launch, 'launch', at(7));
    const got = await store().projects.getProject(p.id);
    expect(got?.checklist.find((c) => c.item === 'hosting')).toEqual({ item: 'hosting', status: 'risk', notes: 'Small server', owner: 'IT' });
    expect(got?.checklist.map((c) => c.item)).toEqual(emptyChecklist().map((c) => c.item));
    expect(got).toMatchObject({ currentPhase: 'launch', launch, updatedAt: at(7) });
  });

  it('keeps milestones by due date and updates newest first', async () => {
    const statement = await insertStatement(store());
    const p = project(statement.id);
    await store().projects.createProject(p);
    const late = { id: uid('m'), projectId: p.id, title: 'Launch day', dueDate: '2026-12-20', status: 'planned' as const, phase: 'launch' };
    const early = { id: uid('m'), projectId: p.id, title: 'Interviews', dueDate: '2026-09-10', status: 'planned' as const, phase: 'research' };
    await store().projects.addMilestone(late);
    await store().projects.addMilestone(early);
    await store().projects.updateMilestone({ ...early, status: 'done' });
    expect(await store().projects.listMilestones(p.id)).toEqual([{ ...early, status: 'done' }, late]);
    await store().projects.addUpdate({ id: 'u1', projectId: p.id, body: 'First', authorId: 'user-1', createdAt: at(1) });
    await store().projects.addUpdate({ id: 'u2', projectId: p.id, body: 'Second', authorId: 'user-1', createdAt: at(2) });
    expect((await store().projects.listUpdates(p.id)).map((u) => u.body)).toEqual(['Second', 'First']);
  });

  it('lists projects newest first, and those whose statement links a problem', async () => {
    const pr = problem();
    await store().problems.createProblem(pr);
    const linked = await insertStatement(store(), { problemIds: [pr.id] });
    const other = await insertStatement(store());
    const a = project(linked.id);
    const b = project(other.id);
    await store().projects.createProject(a);
    await store().projects.createProject(b);
    expect((await store().projects.listProjects({ limit: 10, offset: 0 })).results.map((x) => x.id)).toEqual([b.id, a.id]);
    const found = await store().projects.listProjects({ problemId: pr.id, limit: 10, offset: 0 });
    expect(found).toMatchObject({ total: 1, results: [{ id: a.id }] });
  });

  it('seeds the Co-design sprint template; templates change without touching projects', async () => {
    const [sprint] = await store().projects.listTemplates();
    expect(sprint).toMatchObject({ id: 'co-design-sprint', name: 'Co-design sprint', phases: [{ key: 'research', weeks: 4 }, { key: 'co-design', weeks: 4 }, { key: 'build', weeks: 6 }, { key: 'launch', weeks: 2 }] });
    const statement = await insertStatement(store());
    const p = project(statement.id, { phases: sprint!.phases });
    await store().projects.createProject(p);
    await store().projects.updateTemplate({ ...sprint!, phases: [{ key: 'only', name: 'Only', weeks: 1 }], updatedAt: at(3) });
    expect((await store().projects.getTemplate('co-design-sprint'))?.phases).toEqual([{ key: 'only', name: 'Only', weeks: 1 }]);
    expect((await store().projects.getProject(p.id))?.phases).toEqual(sprint!.phases);
    await store().projects.createTemplate({ id: 't2', name: 'Short', phases: PHASES, createdAt: at(), updatedAt: at() });
    expect((await store().projects.listTemplates()).map((t) => t.id)).toEqual(['co-design-sprint', 't2']);
  });
});
