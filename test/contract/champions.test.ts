import { expect, it } from 'vitest';
import type { Champion } from '../../src/domain/program/champions.ts';
import { emptyChecklist, type Project } from '../../src/domain/program/projects.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { at, bareDataset, organization, uid } from './factories.ts';
import { describeStores } from './harness.ts';
import { insertStatement } from './program-factories.ts';

const champion = (c: Partial<Champion> = {}): Champion => {
  const id = uid('champion');
  return {
    id,
    slug: id,
    name: 'Grace Okafor',
    tier: 'internal',
    organizationId: null,
    department: 'Parks',
    topics: ['Health'],
    bio: 'Trains staff.',
    channels: [
      { kind: 'email', value: 'grace@example.org', place: '', shown: false },
      { kind: 'office_hours', value: 'Tuesdays 10:00', place: 'Harlem Library', shown: true },
    ],
    datasetIds: [],
    projectIds: [],
    userId: null,
    published: false,
    consent: '',
    createdBy: 'user-1',
    createdAt: at(),
    updatedAt: at(),
    ...c,
  };
};

/** A co-design project kept through its own store area. */
async function insertProject(store: CatalogStore): Promise<string> {
  const statement = await insertStatement(store);
  const id = uid('project');
  const p: Project = { id, slug: id, title: `Project ${id}`, summary: 'A tool.', statementId: statement.id, partnerIds: [], datasetIds: [], startDate: '2026-09-01', templateId: 'co-design-sprint', phases: [{ key: 'research', name: 'Research', weeks: 4 }], currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'user-1', createdAt: at(), updatedAt: at() };
  await store.projects.createProject(p);
  return id;
}

describeStores('champions', (store) => {
  const setup = async (n: number): Promise<{ org: string; datasets: string[] }> => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const datasets: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = bareDataset(org.id);
      await store().datasets.createDataset(d);
      datasets.push(d.id);
    }
    return { org: org.id, datasets };
  };

  it('keeps a profile as given, with its channels, topics and datasets in order, by id, slug and account', async () => {
    const { org, datasets } = await setup(2);
    const c = champion({ organizationId: org, datasetIds: [datasets[1]!, datasets[0]!], userId: uid('user'), published: true, consent: 'Signed form' });
    await store().champions.createChampion(c);
    expect(await store().champions.getChampion(c.id)).toEqual(c);
    expect(await store().champions.getChampion(c.slug)).toEqual(c);
    expect(await store().champions.getChampionOfUser(c.userId!)).toEqual(c);
    expect(await store().champions.getChampion('nope')).toBeUndefined();
    expect(await store().champions.listChampionDatasets(c.id)).toEqual([datasets[1], datasets[0]]);
    expect(await store().champions.championSlugTaken(c.slug)).toBe(true);
    expect(await store().champions.championSlugTaken('free-slug')).toBe(false);
  });

  it('replaces a profile and its datasets, keeping who made it and when', async () => {
    const { datasets } = await setup(2);
    const c = champion({ datasetIds: [datasets[0]!] });
    await store().champions.createChampion(c);
    const changed = { ...c, name: 'Grace O.', tier: 'executive' as const, datasetIds: [datasets[1]!], published: true, channels: [], updatedAt: at(5) };
    await store().champions.updateChampion(changed);
    expect(await store().champions.getChampion(c.id)).toEqual(changed);
  });

  it('keeps one profile per account, and slugs apart', async () => {
    const user = uid('user');
    await store().champions.createChampion(champion({ userId: user }));
    await expect(store().champions.createChampion(champion({ userId: user }))).rejects.toThrow();
    const c = champion();
    await store().champions.createChampion(c);
    await expect(store().champions.createChampion(champion({ slug: c.slug }))).rejects.toThrow();
  });

  it('lists published profiles by name, by tier, topic and organization', async () => {
    const { org } = await setup(0);
    const dept = uid('Dept');
    const a = champion({ name: `${dept} B`, tier: 'external', topics: ['Health', 'Housing and development'], organizationId: org, published: true });
    const b = champion({ name: `${dept} A`, tier: 'internal', topics: ['Transportation'], organizationId: org, published: true });
    const hidden = champion({ name: `${dept} C`, tier: 'internal', organizationId: org, published: false });
    for (const c of [a, b, hidden]) await store().champions.createChampion(c);
    const names = async (q: Partial<Parameters<ReturnType<typeof store>['champions']['listChampions']>[0]>) =>
      (await store().champions.listChampions({ publishedOnly: true, organizationId: org, limit: 50, offset: 0, ...q })).results.map((c) => c.name);
    expect(await names({})).toEqual([b.name, a.name]);
    expect(await names({ publishedOnly: false })).toEqual([b.name, a.name, hidden.name]);
    expect(await names({ tier: 'internal' })).toEqual([b.name]);
    expect(await names({ topic: 'Housing and development' })).toEqual([a.name]);
    expect(await names({ limit: 1, offset: 1 })).toEqual([a.name]);
    const page = await store().champions.listChampions({ publishedOnly: true, organizationId: org, limit: 1, offset: 0 });
    expect(page.total).toBe(2);
  });

  it('names the published champions of a dataset, by name, and forgets a dataset once deleted', async () => {
    const { datasets } = await setup(2);
    const [d1, d2] = datasets as [string, string];
    const z = champion({ name: 'Zoe', tier: 'executive', datasetIds: [d1], published: true });
    const y = champion({ name: 'Yan', tier: 'external', datasetIds: [d1, d2], published: true });
    const draft = champion({ name: 'Draft', datasetIds: [d1] });
    for (const c of [z, y, draft]) await store().champions.createChampion(c);
    expect(await store().champions.championsOfDataset(d1)).toEqual([
      { id: y.id, slug: y.slug, name: 'Yan', tier: 'external' },
      { id: z.id, slug: z.slug, name: 'Zoe', tier: 'executive' },
    ]);
    expect(await store().champions.championsOfDataset(d2)).toEqual([{ id: y.id, slug: y.slug, name: 'Yan', tier: 'external' }]);
    await store().datasets.deleteDataset(d2);
    expect(await store().champions.listChampionDatasets(y.id)).toEqual([d1]);
  });

  it('keeps nothing when a dataset named does not exist', async () => {
    const c = champion({ datasetIds: ['no-such-dataset'] });
    await expect(store().champions.createChampion(c)).rejects.toThrow();
    expect(await store().champions.getChampion(c.id)).toBeUndefined();
  });

  it('keeps the projects a champion looks after, replaces them, and forgets a project once removed', async () => {
    const [p1, p2, p3] = [await insertProject(store()), await insertProject(store()), await insertProject(store())].sort() as [string, string, string];
    const c = champion({ projectIds: [p1, p3], published: true });
    await store().champions.createChampion(c);
    expect((await store().champions.getChampion(c.id))?.projectIds).toEqual([p1, p3]);
    expect((await store().champions.listChampions({ publishedOnly: true, limit: 200, offset: 0 })).results.find((x) => x.id === c.id)?.projectIds).toEqual([p1, p3]);
    await store().champions.updateChampion({ ...c, projectIds: [p2, p3], updatedAt: at(3) });
    expect((await store().champions.getChampion(c.id))?.projectIds).toEqual([p2, p3]);
    await store().projects.deleteProject(p3);
    expect((await store().champions.getChampion(c.id))?.projectIds).toEqual([p2]);
    expect(await store().champions.championsOfProject(p3)).toEqual([]);
  });

  it('names the published champions of a project, by name', async () => {
    const project = await insertProject(store());
    const z = champion({ name: 'Zoe', tier: 'executive', projectIds: [project], published: true });
    const y = champion({ name: 'Yan', tier: 'external', projectIds: [project], published: true });
    const draft = champion({ name: 'Draft', projectIds: [project] });
    for (const c of [z, y, draft]) await store().champions.createChampion(c);
    expect(await store().champions.championsOfProject(project)).toEqual([
      { id: y.id, slug: y.slug, name: 'Yan', tier: 'external' },
      { id: z.id, slug: z.slug, name: 'Zoe', tier: 'executive' },
    ]);
  });

  it('keeps nothing when a project named does not exist', async () => {
    const c = champion({ projectIds: ['no-such-project'] });
    await expect(store().champions.createChampion(c)).rejects.toThrow();
    expect(await store().champions.getChampion(c.id)).toBeUndefined();
  });
});
