import { expect, it } from 'vitest';
import type { Showcase } from '../../src/domain/community/showcases.ts';
import { emptyChecklist, type Project } from '../../src/domain/program/projects.ts';
import { at, uid } from './factories.ts';
import { describeStores } from './harness.ts';
import { insertStatement } from './program-factories.ts';

const showcase = (s: Partial<Showcase> = {}): Showcase => ({
  id: uid('showcase'), title: 'Pantry finder', kind: 'app', description: 'Finds the nearest open food pantry.', link: 'https://example.org/pantries', madeBy: 'Code for Town',
  image: null, imageAlt: '', state: 'pending', stateReason: null, authorId: 'user-1', datasetIds: [], createdAt: at(), updatedAt: at(), ...s,
});

const project = (statementId: string, p: Partial<Project> = {}): Project => {
  const id = uid('project');
  return { id, slug: id, title: 'Pantry Line Live', summary: 'Shows the pantry line.', statementId, partnerIds: [], datasetIds: [], startDate: '2026-09-01', templateId: 'co-design-sprint', phases: [{ key: 'research', name: 'Research', weeks: 4 }], currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'user-1', createdAt: at(), updatedAt: at(), ...p };
};

describeStores('origins of copies', (store) => {
  it('keeps where a copied showcase came from, and nothing for one made here', async () => {
    const copied = showcase({ originUrl: 'https://peer.example/showcases/abc' });
    const local = showcase();
    await store().showcases.createShowcase(copied);
    await store().showcases.createShowcase(local);
    expect(await store().showcases.getShowcase(copied.id)).toEqual(copied);
    expect((await store().showcases.getShowcase(local.id))?.originUrl).toBeUndefined();
    await store().showcases.setShowcaseState(copied.id, 'approved', null, at(3));
    const listed = await store().showcases.listShowcases({ states: ['approved'], limit: 10, offset: 0 });
    expect(listed.results.find((s) => s.id === copied.id)?.originUrl).toBe('https://peer.example/showcases/abc');
  });

  it('keeps where a copied project came from, and nothing for one started here', async () => {
    const statement = await insertStatement(store());
    const copied = project(statement.id, { originUrl: 'https://peer.example/projects/pantry-line' });
    const local = project(statement.id);
    await store().projects.createProject(copied);
    await store().projects.createProject(local);
    expect(await store().projects.getProject(copied.id)).toEqual(copied);
    expect((await store().projects.getProject(local.slug))?.originUrl).toBeUndefined();
    const listed = await store().projects.listProjects({ limit: 10, offset: 0 });
    expect(listed.results.find((p) => p.id === copied.id)?.originUrl).toBe('https://peer.example/projects/pantry-line');
  });
});
