import { expect, it } from 'vitest';
import type { Showcase } from '../../src/domain/community/showcases.ts';
import { at, bareDataset, organization, uid } from './factories.ts';
import { describeStores } from './harness.ts';

const showcase = (s: Partial<Showcase> = {}): Showcase => ({
  id: uid('showcase'),
  title: 'Pantry finder',
  kind: 'app',
  description: 'Finds the nearest open food pantry.',
  link: 'https://example.org/pantries',
  madeBy: 'Code for Town',
  image: null,
  imageAlt: '',
  state: 'pending',
  stateReason: null,
  authorId: 'user-1',
  datasetIds: [],
  createdAt: at(),
  updatedAt: at(),
  ...s,
});

describeStores('showcases', (store) => {
  const datasets = async (n: number): Promise<string[]> => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = bareDataset(org.id);
      await store().datasets.createDataset(d);
      ids.push(d.id);
    }
    return ids;
  };

  it('keeps a showcase as submitted, with its datasets', async () => {
    const [a, b] = await datasets(2);
    const s = showcase({ datasetIds: [a!, b!].sort(), image: `showcases/x`, imageAlt: 'A chart' });
    await store().showcases.createShowcase(s);
    expect(await store().showcases.getShowcase(s.id)).toEqual(s);
    expect(await store().showcases.getShowcase('nope')).toBeUndefined();
    await store().showcases.setShowcaseImage(s.id, 'showcases/y', at(9));
    expect(await store().showcases.getShowcase(s.id)).toMatchObject({ image: 'showcases/y', updatedAt: at(9) });
  });

  it('keeps nothing when a dataset named does not exist', async () => {
    const s = showcase({ datasetIds: ['no-such-dataset'] });
    await expect(store().showcases.createShowcase(s)).rejects.toThrow();
    expect(await store().showcases.getShowcase(s.id)).toBeUndefined();
  });

  it('lists by state, kind and dataset, newest first, and records decisions', async () => {
    const [a, b] = await datasets(2);
    const one = showcase({ title: 'one', kind: 'app', datasetIds: [a!] });
    const two = showcase({ title: 'two', kind: 'story', datasetIds: [a!, b!] });
    const three = showcase({ title: 'three', kind: 'story', datasetIds: [b!], authorId: 'user-2' });
    for (const s of [one, two, three]) await store().showcases.createShowcase(s);
    await store().showcases.setShowcaseState(one.id, 'approved', null, at(5));
    await store().showcases.setShowcaseState(two.id, 'approved', null, at(6));
    await store().showcases.setShowcaseState(three.id, 'rejected', 'Not built with this data.', at(7));
    const titles = async (q: Partial<Parameters<ReturnType<typeof store>['showcases']['listShowcases']>[0]>) =>
      (await store().showcases.listShowcases({ states: ['approved'], limit: 10, offset: 0, ...q })).results.map((s) => s.title);
    expect(await titles({})).toEqual(['two', 'one']);
    expect(await titles({ kinds: ['story'] })).toEqual(['two']);
    expect(await titles({ datasetId: b! })).toEqual(['two']);
    expect(await titles({ states: ['rejected'] })).toEqual(['three']);
    expect(await titles({ states: ['pending', 'approved', 'rejected'], authorId: 'user-2' })).toEqual(['three']);
    expect(await titles({ limit: 1, offset: 1 })).toEqual(['one']);
    expect((await store().showcases.listShowcases({ states: ['approved'], limit: 1, offset: 0 })).total).toBe(2);
    const rejected = await store().showcases.getShowcase(three.id);
    expect([rejected?.state, rejected?.stateReason, rejected?.updatedAt]).toEqual(['rejected', 'Not built with this data.', at(7)]);
    expect((await store().showcases.listShowcases({ states: ['approved'], datasetId: a!, limit: 10, offset: 0 })).results[0]?.datasetIds).toEqual([a, b].sort());
  });

  it('counts approved showcases per dataset, for the catalog cards', async () => {
    const [a, b, c] = await datasets(3);
    const approved = [showcase({ datasetIds: [a!, b!] }), showcase({ datasetIds: [a!] })];
    for (const s of approved) {
      await store().showcases.createShowcase(s);
      await store().showcases.setShowcaseState(s.id, 'approved', null, at(1));
    }
    await store().showcases.createShowcase(showcase({ datasetIds: [a!, c!] }));
    const counts = await store().showcases.countApprovedByDataset([a!, b!, c!]);
    expect(Object.fromEntries(counts)).toEqual({ [a!]: 2, [b!]: 1 });
    expect((await store().showcases.countApprovedByDataset([])).size).toBe(0);
  });

  it('lets a dataset go: its showcases stay, without it', async () => {
    const [a, b] = await datasets(2);
    const s = showcase({ datasetIds: [a!, b!] });
    await store().showcases.createShowcase(s);
    await store().showcases.setShowcaseState(s.id, 'approved', null, at(1));
    await store().datasets.deleteDataset(a!);
    expect((await store().showcases.getShowcase(s.id))?.datasetIds).toEqual([b]);
    expect(Object.fromEntries(await store().showcases.countApprovedByDataset([a!, b!]))).toEqual({ [b!]: 1 });
  });
});
