import { describe, expect, it } from 'vitest';
import { FOUR_BY_FOUR, fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { bareDataset, organization, resource } from './factories.ts';
import { describeStores } from './harness.ts';

describe('fourByFour', () => {
  it('is a Socrata-style id, the same for the same dataset id, different for others', () => {
    const a = fourByFour('6633bb2c-8f85-4ac6-8c9b-c4ab740e1595');
    expect(a).toMatch(FOUR_BY_FOUR);
    expect(fourByFour('6633bb2c-8f85-4ac6-8c9b-c4ab740e1595')).toBe(a);
    const many = new Set(Array.from({ length: 5000 }, (_, i) => fourByFour(`dataset-${i}`)));
    expect(many.size).toBe(5000);
  });
});

describeStores('four-by-four ids and catalog pages', (store) => {
  it('finds a dataset by its four-by-four, after its id and slug', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    expect((await store().datasets.getDataset(fourByFour(d.id)))?.id).toBe(d.id);
    expect(await store().datasets.getDataset('zzzz-zzzz')).toBeUndefined();
    // A slug shaped like a four-by-four is a slug first.
    const sluggy = bareDataset(org.id, { slug: fourByFour(d.id) });
    await store().datasets.createDataset(sluggy);
    expect((await store().datasets.getDataset(fourByFour(d.id)))?.id).toBe(sluggy.id);
  });

  it('reads the resources of several datasets at once, each newest first', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const a = bareDataset(org.id);
    const b = bareDataset(org.id);
    await store().datasets.createDataset(a);
    await store().datasets.createDataset(b);
    const r1 = resource(a.id, { createdAt: '2024-01-01T00:00:00.000Z' });
    const r2 = resource(a.id, { createdAt: '2024-02-01T00:00:00.000Z' });
    const r3 = resource(b.id);
    for (const r of [r1, r2, r3]) await store().datasets.createResource(r);
    const got = await store().datasets.listResourcesOf([a.id, b.id]);
    expect(got.filter((r) => r.datasetId === a.id).map((r) => r.id)).toEqual([r2.id, r1.id]);
    expect(got.filter((r) => r.datasetId === b.id).map((r) => r.id)).toEqual([r3.id]);
    expect(await store().datasets.listResourcesOf([])).toEqual([]);
  });
});
