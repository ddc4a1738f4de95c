import { expect, it } from 'vitest';
import { at, bareDataset, completion, organization } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('site settings', (store) => {
  it('starts with no settings', async () => {
    expect(await store().site.getSiteSettings()).toEqual({});
  });

  it('sets keys, changes them, and removes them with null', async () => {
    await store().site.putSiteSettings({ name: 'Ciudad Abierta', featured: '["trees","permits"]', primary_color: '#12263a' });
    expect(await store().site.getSiteSettings()).toEqual({ name: 'Ciudad Abierta', featured: '["trees","permits"]', primary_color: '#12263a' });
    await store().site.putSiteSettings({ name: 'Open City', primary_color: null, missing: null });
    expect(await store().site.getSiteSettings()).toEqual({ name: 'Open City', featured: '["trees","permits"]' });
  });

  it('keeps long values (an uploaded logo) whole', async () => {
    const logo = `data:image/png;base64,${'A'.repeat(270_000)}`;
    await store().site.putSiteSettings({ logo_url: logo });
    expect((await store().site.getSiteSettings()).logo_url).toBe(logo);
  });

  it('changes nothing when a transaction fails part way', async () => {
    await store().site.putSiteSettings({ name: 'Before' });
    await expect(
      store().transaction(async (tx) => {
        await tx.site.putSiteSettings({ name: 'During', themes: '["Parks"]' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store().site.getSiteSettings()).toEqual({ name: 'Before' });
  });

  it('counts the rows of the live versions of published, public datasets only', async () => {
    expect(await store().site.publicRowCount()).toBe(0);
    const org = organization();
    await store().datasets.createOrganization(org);
    const live = async (rows: number, d: Parameters<typeof bareDataset>[1] = {}) => {
      const ds = bareDataset(org.id, d);
      await store().datasets.createDataset(ds);
      const v = await store().datasets.createVersion({ id: `v-${ds.id}`, datasetId: ds.id, resourceId: null, typeOverrides: {} }, at(1));
      await store().datasets.completeVersion(v.id, completion({ rowCount: rows }), at(2));
      await store().datasets.setLiveVersion(ds.id, v.id, at(2));
      return ds;
    };
    await live(3_000_000_000);
    await live(25);
    await live(1000, { status: 'draft' });
    await live(1000, { accessLevel: 'restricted' });
    await live(1000, { accessLevel: 'private' });
    await store().datasets.createDataset(bareDataset(org.id));
    expect(await store().site.publicRowCount()).toBe(3_000_000_025);
  });
});
